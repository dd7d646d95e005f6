package org.cdhub.citygen;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * What to generate: the seed (same seed and size give byte-identical output), the number of
 * residents, and the directory the department and vendor exports are written under.
 */
public record CityGeneratorConfig(long seed, int people, Path outputDir) {
  public static final int MIN_PEOPLE = 1;
  public static final int MAX_PEOPLE = 2_000_000;

  public CityGeneratorConfig {
    requireNonNull(outputDir, "outputDir is null");
    if (people < MIN_PEOPLE || people > MAX_PEOPLE) {
      throw new IllegalArgumentException(
          "Cannot generate a city: people must be " + MIN_PEOPLE + ".." + MAX_PEOPLE + ", got " + people);
    }
  }
}
