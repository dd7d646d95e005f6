package org.cdhub.jobs.resolve.match;

import java.io.Serializable;

/**
 * Match probabilities that split scored pairs into bands: at or above {@code autoMatch} a pair
 * is linked, at or above {@code review} it goes to the review queue, below it is kept apart.
 */
public record MatchThresholds(double autoMatch, double review) implements Serializable {
  public MatchThresholds {
    if (!(review > 0 && review <= autoMatch && autoMatch < 1)) {
      throw new IllegalArgumentException(
          "Match thresholds need 0 < review <= autoMatch < 1, got review=" + review + " autoMatch=" + autoMatch);
    }
  }

  /** Auto-match at 0.99, review from 0.5. */
  public static MatchThresholds defaults() {
    return new MatchThresholds(0.99, 0.5);
  }

  public MatchBand band(double probability) {
    if (probability >= autoMatch) {
      return MatchBand.AUTO_MATCH;
    }
    return probability >= review ? MatchBand.REVIEW : MatchBand.NON_MATCH;
  }
}
