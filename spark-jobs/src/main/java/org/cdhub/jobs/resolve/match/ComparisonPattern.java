package org.cdhub.jobs.resolve.match;

import java.util.Arrays;

/** The levels of one record pair, one per comparison of a {@link MatchModel} ({@link Comparison#MISSING} allowed). */
public record ComparisonPattern(int[] levels) {
  public ComparisonPattern {
    levels = levels.clone();
  }

  public static ComparisonPattern of(int... levels) {
    return new ComparisonPattern(levels);
  }

  public int level(int comparison) {
    return levels[comparison];
  }

  public int size() {
    return levels.length;
  }

  @Override
  public int[] levels() {
    return levels.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ComparisonPattern p && Arrays.equals(levels, p.levels);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(levels);
  }

  @Override
  public String toString() {
    return Arrays.toString(levels);
  }
}
