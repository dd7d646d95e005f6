package org.cdhub.jobs.resolve;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Map;
import org.cdhub.jobs.resolve.match.MatchThresholds;

/**
 * How resolve matches: the bands' thresholds, the largest block compared (a bigger one is
 * skipped and counted: a shared phone of a call centre would otherwise compare everyone with
 * everyone), how many candidate pairs the model needs before it is estimated from the data
 * rather than taken from the defaults, and the random pairs that estimate u.
 */
public record ResolveSettings(MatchThresholds thresholds, int maxBlockSize, long minPairsToEstimate, int randomPairs, int maxIterations,
    long seed) implements Serializable {
  public static final String AUTO_MATCH = "HUB_MATCH_AUTO";
  public static final String REVIEW = "HUB_MATCH_REVIEW";
  public static final String MAX_BLOCK = "HUB_MATCH_MAX_BLOCK";

  public ResolveSettings {
    requireNonNull(thresholds, "thresholds is null");
    if (maxBlockSize < 2 || minPairsToEstimate < 1 || randomPairs < 1 || maxIterations < 1) {
      throw new IllegalArgumentException("Resolve settings need maxBlockSize >= 2 and positive counts, got maxBlockSize=" + maxBlockSize
          + " minPairsToEstimate=" + minPairsToEstimate + " randomPairs=" + randomPairs + " maxIterations=" + maxIterations);
    }
  }

  public static ResolveSettings defaults() {
    return new ResolveSettings(MatchThresholds.defaults(), 200, 2_000, 200_000, 200, 20201);
  }

  /** The defaults with {@value #AUTO_MATCH}, {@value #REVIEW} and {@value #MAX_BLOCK} from the environment where set. */
  public static ResolveSettings fromEnvironment(Map<String, String> env) {
    ResolveSettings d = defaults();
    try {
      MatchThresholds t = new MatchThresholds(
          Double.parseDouble(env.getOrDefault(AUTO_MATCH, String.valueOf(d.thresholds().autoMatch()))),
          Double.parseDouble(env.getOrDefault(REVIEW, String.valueOf(d.thresholds().review()))));
      int maxBlock = Integer.parseInt(env.getOrDefault(MAX_BLOCK, String.valueOf(d.maxBlockSize())));
      return new ResolveSettings(t, maxBlock, d.minPairsToEstimate(), d.randomPairs(), d.maxIterations(), d.seed());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Cannot read resolve settings " + AUTO_MATCH + ", " + REVIEW + ", " + MAX_BLOCK + ": " + e.getMessage(), e);
    }
  }
}
