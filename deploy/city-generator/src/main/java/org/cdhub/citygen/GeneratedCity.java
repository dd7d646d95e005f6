package org.cdhub.citygen;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link CityGenerator#generate} wrote: every feed by id (sorted), and the size of the true
 * city behind them. {@code manifest.json} in {@code outputDir} says the same for other processes.
 */
public record GeneratedCity(
    Path outputDir,
    Map<String, FeedExport> feeds,
    long people,
    long households,
    long houses,
    long compounds,
    long communities,
    long organizations,
    long devices,
    long seed) {

  public GeneratedCity {
    requireNonNull(outputDir, "outputDir is null");
    feeds = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(feeds, "feeds is null")));
  }

  /** The ground-truth directory (source record to true entity, the true hierarchy). */
  public Path truthDir() {
    return outputDir.resolve("truth");
  }

  /** The manifest listing every feed, its files and record counts. */
  public Path manifest() {
    return outputDir.resolve(CityGenerator.MANIFEST);
  }
}
