package org.cdhub.api.catalog;

import static java.util.Objects.requireNonNull;

import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetRepository;

/**
 * Catalog entries for client platforms. Entries are metadata only (no records), so any
 * authenticated client may read them and the reads are not audited as personal data.
 */
public final class DatasetCatalogService {
  private final DatasetRepository datasets;

  public DatasetCatalogService(DatasetRepository datasets) {
    this.datasets = requireNonNull(datasets, "datasets is null");
  }

  /**
   * The entry of one dataset.
   *
   * @throws DatasetNotRegisteredException if no entry has this name
   */
  public Dataset find(String qualifiedName) {
    requireNonNull(qualifiedName, "qualifiedName is null");
    return datasets.findByQualifiedName(qualifiedName)
        .orElseThrow(() -> new DatasetNotRegisteredException(qualifiedName));
  }
}
