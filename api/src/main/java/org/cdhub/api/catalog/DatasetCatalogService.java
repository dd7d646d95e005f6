package org.cdhub.api.catalog;

import java.util.List;
import java.util.Optional;
import org.cdhub.catalog.search.CatalogSearch;
import org.cdhub.catalog.search.SearchHit;

import static java.util.Objects.requireNonNull;

import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetQuality;
import org.cdhub.catalog.registry.DatasetRepository;
import org.cdhub.catalog.registry.QualityScores;

/**
 * Catalog entries for client platforms. Entries are metadata only (no records), so any
 * authenticated client may read them and the reads are not audited as personal data.
 */
public final class DatasetCatalogService {
  private final DatasetRepository datasets;
  private final QualityScores qualityScores;
  private volatile Indexed indexed;

  public DatasetCatalogService(DatasetRepository datasets, QualityScores qualityScores) {
    this.datasets = requireNonNull(datasets, "datasets is null");
    this.qualityScores = requireNonNull(qualityScores, "qualityScores is null");
  }

  /** The dataset's latest quality score, empty when none was measured. */
  public Optional<DatasetQuality> quality(String qualifiedName) {
    return qualityScores.find(qualifiedName);
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

  /** Ranked search over every entry ({@link CatalogSearch}); the index is rebuilt when the entries changed. */
  public List<SearchHit> search(String query, int limit) {
    List<Dataset> all = datasets.findAll();
    Indexed current = indexed;
    if (current == null || !current.datasets().equals(all)) {
      current = new Indexed(all, CatalogSearch.of(all));
      indexed = current;
    }
    return current.search().search(query, limit);
  }

  private record Indexed(List<Dataset> datasets, CatalogSearch search) {}
}
