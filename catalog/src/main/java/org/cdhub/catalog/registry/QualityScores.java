package org.cdhub.catalog.registry;

import java.util.Optional;

/** The latest quality score of each registered dataset. */
public interface QualityScores {
  /** Replaces the dataset's score; the dataset must be registered. */
  void record(DatasetQuality quality);

  Optional<DatasetQuality> find(String qualifiedName);
}
