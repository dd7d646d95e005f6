package org.cdhub.citygen;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** What every export shares: where to write, the seed, the ground truth beside it, and the name converters. */
record ExportContext(Path outputDir, long seed, GroundTruth truth, NameForms names) {
  ExportContext {
    requireNonNull(outputDir, "outputDir is null");
    requireNonNull(truth, "truth is null");
    requireNonNull(names, "names is null");
  }

  /** The random stream of {@code feed} for community {@code index}. */
  CityRandom random(String feed, long index) {
    return CityRandom.stream(seed, feed, index);
  }

  FeedNoise noise(String feed, NoiseProfile profile, boolean gbk) {
    return new FeedNoise(feed, profile, truth.noise(), names, gbk);
  }
}
