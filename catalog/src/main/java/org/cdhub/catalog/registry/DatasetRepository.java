package org.cdhub.catalog.registry;

import java.util.List;
import java.util.Optional;

/** The registered datasets, one entry per qualified name. */
public interface DatasetRepository {
  /**
   * Registers a dataset or refreshes its entry: publishing the same table again keeps one
   * entry and replaces its metadata, fields, counts and dates.
   *
   * @throws IllegalArgumentException if the resource code already belongs to another dataset
   */
  void upsert(Dataset dataset);

  Optional<Dataset> findByQualifiedName(String qualifiedName);

  /** Every dataset, ordered by qualified name. */
  List<Dataset> findAll();
}
