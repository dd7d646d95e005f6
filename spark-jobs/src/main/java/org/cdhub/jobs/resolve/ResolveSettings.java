package org.cdhub.jobs.resolve;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Map;
import org.cdhub.jobs.resolve.match.MatchThresholds;

/**
 * How resolve matches: the bands' thresholds, the largest block compared (a bigger one is
 * skipped and counted: a shared phone of a call centre would otherwise compare everyone with
 * everyone), how many candidate pairs the model needs before it is estimated from the data
 * rather than taken from the defaults, and the random pairs that estimate u. And when it may run
 * incrementally: never when {@code forceFull}, else when the silver records new or changed since
 * the last run are at most {@code incrementalMaxShare} of the records it linked. An incremental
 * run pairs and scores on the driver when its fresh records and the existing ones they meet are
 * at most {@code driverPairingMaxRecords} (they fit its heap and skip a dozen small Spark jobs),
 * else on the executors.
 */
public record ResolveSettings(MatchThresholds thresholds, int maxBlockSize, long minPairsToEstimate, int randomPairs, int maxIterations,
    long seed, boolean forceFull, double incrementalMaxShare, int driverPairingMaxRecords) implements Serializable {
  public static final String AUTO_MATCH = "HUB_MATCH_AUTO";
  public static final String REVIEW = "HUB_MATCH_REVIEW";
  public static final String MAX_BLOCK = "HUB_MATCH_MAX_BLOCK";
  public static final String FULL = "HUB_MATCH_FULL";
  public static final String INCREMENTAL_MAX_SHARE = "HUB_MATCH_INCREMENTAL_MAX_SHARE";
  public static final String DRIVER_PAIRING_MAX_RECORDS = "HUB_MATCH_DRIVER_PAIRING_MAX_RECORDS";
  static final double DEFAULT_INCREMENTAL_MAX_SHARE = 0.2;
  /** About 140 MB of records on the driver (~700 bytes each with typical values): well inside the default 2 GB heap. */
  static final int DEFAULT_DRIVER_PAIRING_MAX_RECORDS = 200_000;

  public ResolveSettings {
    requireNonNull(thresholds, "thresholds is null");
    if (maxBlockSize < 2 || minPairsToEstimate < 1 || randomPairs < 1 || maxIterations < 1) {
      throw new IllegalArgumentException("Resolve settings need maxBlockSize >= 2 and positive counts, got maxBlockSize=" + maxBlockSize
          + " minPairsToEstimate=" + minPairsToEstimate + " randomPairs=" + randomPairs + " maxIterations=" + maxIterations);
    }
    if (!(incrementalMaxShare >= 0 && incrementalMaxShare <= 1)) {
      throw new IllegalArgumentException("Resolve settings need " + INCREMENTAL_MAX_SHARE + " in [0, 1], got " + incrementalMaxShare);
    }
    if (driverPairingMaxRecords < 0) {
      throw new IllegalArgumentException("Resolve settings need " + DRIVER_PAIRING_MAX_RECORDS + " >= 0, got " + driverPairingMaxRecords);
    }
  }

  /** Matching settings with the default mode choice (incremental when at most 20% is new or changed). */
  public ResolveSettings(MatchThresholds thresholds, int maxBlockSize, long minPairsToEstimate, int randomPairs, int maxIterations,
      long seed) {
    this(thresholds, maxBlockSize, minPairsToEstimate, randomPairs, maxIterations, seed, false, DEFAULT_INCREMENTAL_MAX_SHARE,
        DEFAULT_DRIVER_PAIRING_MAX_RECORDS);
  }

  public static ResolveSettings defaults() {
    return new ResolveSettings(MatchThresholds.defaults(), 200, 2_000, 200_000, 200, 20201);
  }

  /** These settings, forcing a full run or not. */
  public ResolveSettings withForceFull(boolean full) {
    return new ResolveSettings(thresholds, maxBlockSize, minPairsToEstimate, randomPairs, maxIterations, seed, full, incrementalMaxShare,
        driverPairingMaxRecords);
  }

  /** These settings with another largest share of new or changed records for an incremental run. */
  public ResolveSettings withIncrementalMaxShare(double share) {
    return new ResolveSettings(thresholds, maxBlockSize, minPairsToEstimate, randomPairs, maxIterations, seed, forceFull, share,
        driverPairingMaxRecords);
  }

  /** These settings with another most records an incremental run pairs on the driver (0: always on the executors). */
  public ResolveSettings withDriverPairingMaxRecords(int records) {
    return new ResolveSettings(thresholds, maxBlockSize, minPairsToEstimate, randomPairs, maxIterations, seed, forceFull,
        incrementalMaxShare, records);
  }

  /**
   * The defaults with {@value #AUTO_MATCH}, {@value #REVIEW}, {@value #MAX_BLOCK}, {@value #FULL} (true forces a full
   * run), {@value #INCREMENTAL_MAX_SHARE} and {@value #DRIVER_PAIRING_MAX_RECORDS} from the environment where set.
   */
  public static ResolveSettings fromEnvironment(Map<String, String> env) {
    ResolveSettings d = defaults();
    try {
      MatchThresholds t = new MatchThresholds(
          Double.parseDouble(env.getOrDefault(AUTO_MATCH, String.valueOf(d.thresholds().autoMatch()))),
          Double.parseDouble(env.getOrDefault(REVIEW, String.valueOf(d.thresholds().review()))));
      int maxBlock = Integer.parseInt(env.getOrDefault(MAX_BLOCK, String.valueOf(d.maxBlockSize())));
      String full = env.getOrDefault(FULL, "false").trim();
      if (!full.equalsIgnoreCase("true") && !full.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException("Cannot read resolve setting " + FULL + ": expected true or false, got '" + full + "'");
      }
      double share = Double.parseDouble(env.getOrDefault(INCREMENTAL_MAX_SHARE, String.valueOf(d.incrementalMaxShare())));
      int driverPairing = Integer.parseInt(env.getOrDefault(DRIVER_PAIRING_MAX_RECORDS, String.valueOf(d.driverPairingMaxRecords())));
      return new ResolveSettings(t, maxBlock, d.minPairsToEstimate(), d.randomPairs(), d.maxIterations(), d.seed(),
          Boolean.parseBoolean(full), share, driverPairing);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Cannot read resolve settings " + AUTO_MATCH + ", " + REVIEW + ", " + MAX_BLOCK + ", "
          + INCREMENTAL_MAX_SHARE + ", " + DRIVER_PAIRING_MAX_RECORDS + ": " + e.getMessage(), e);
    }
  }
}
