package org.cdhub.jobs.quality;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * Limits of the dataset-level quality gate of a standardize run. Shares are fractions of the
 * run's bronze rows (0..1); blank values count as missing.
 *
 * @param requiredCompleteness least share of rows with a value in each required field; below it
 *     the run is refused. Default {@value #DEFAULT_REQUIRED_COMPLETENESS}: a required field may be
 *     missing in a few records (they go to quarantine), not in a twentieth of the feed.
 * @param codeCompliance least share of present values that match a CODE field's pattern or its
 *     allowed values, and of birth dates that parse and are plausible; below it the run is
 *     refused. Default {@value #DEFAULT_CODE_COMPLIANCE}: more than one bad value in ten means the
 *     source changed its coding, not that a clerk mistyped.
 * @param citizenIdValidity least share of present citizen ID numbers the kernel accepts
 *     (length, charset, region, birth date, check character); below it the run is refused.
 *     Default {@value #DEFAULT_CITIZEN_ID_VALIDITY}, for the same reason.
 * @param recordIdUniqueness least share of (record id, batch) pairs that occur once in the run;
 *     below it the run gets a warning (not refused: standardize keeps the latest delivery).
 *     Default {@value #DEFAULT_RECORD_ID_UNIQUENESS}: any duplicate within a batch is worth a look.
 * @param maxQuarantineShare largest share of the run's standardized rows that may go to
 *     quarantine; above it the run is refused. Default {@value #DEFAULT_MAX_QUARANTINE_SHARE}.
 * @param minRowCountRatio least ratio of this run's row count to the previous published run's;
 *     below it (a feed that suddenly shrinks) the run is refused. Default
 *     {@value #DEFAULT_MIN_ROW_COUNT_RATIO}: a 30% drop is refused, a 40% drop certainly. 0 switches
 *     the lower bound off (see {@link #withoutRowCountBand()}).
 * @param maxRowCountRatio largest ratio of this run's row count to the previous published run's;
 *     above it (duplicated or replayed deliveries) the run is refused. Default
 *     {@value #DEFAULT_MAX_ROW_COUNT_RATIO}; infinity switches the upper bound off.
 * @param maxCompletenessDrop largest fall of a field's completeness against the previous
 *     published run, in absolute share; a larger fall (a feed suddenly 40% empty) refuses the
 *     run. Default {@value #DEFAULT_MAX_COMPLETENESS_DROP}.
 * @param outlierStdDevs metrics further than this many standard deviations from the mean of the
 *     published history are reported as warnings (Deequ's BatchNormalStrategy). Default
 *     {@value #DEFAULT_OUTLIER_STD_DEVS}, the usual three-sigma rule.
 * @param minHistoryForOutliers published runs needed before outliers are judged: fewer give no
 *     meaningful spread. Default {@value #DEFAULT_MIN_HISTORY_FOR_OUTLIERS}.
 * @param minRowsForCompletenessAnomalies runs with fewer rows are not compared on completeness
 *     (neither drop nor outlier): on a handful of rows one missing value moves the share by
 *     tens of percent. Default {@value #DEFAULT_MIN_ROWS_FOR_COMPLETENESS_ANOMALIES}.
 * @param historyRuns how many of the latest published runs the anomaly checks read. Default
 *     {@value #DEFAULT_HISTORY_RUNS}, about a month of a daily feed.
 * @param earliestBirthDate earliest plausible birth date; the latest is today. Default 1900-01-01,
 *     the same bound the kernel's CitizenIdNumber applies.
 */
public record QualityThresholds(
    double requiredCompleteness,
    double codeCompliance,
    double citizenIdValidity,
    double recordIdUniqueness,
    double maxQuarantineShare,
    double minRowCountRatio,
    double maxRowCountRatio,
    double maxCompletenessDrop,
    double outlierStdDevs,
    int minHistoryForOutliers,
    long minRowsForCompletenessAnomalies,
    int historyRuns,
    LocalDate earliestBirthDate) {

  public static final double DEFAULT_REQUIRED_COMPLETENESS = 0.95;
  public static final double DEFAULT_CODE_COMPLIANCE = 0.90;
  public static final double DEFAULT_CITIZEN_ID_VALIDITY = 0.90;
  public static final double DEFAULT_RECORD_ID_UNIQUENESS = 1.0;
  public static final double DEFAULT_MAX_QUARANTINE_SHARE = 0.20;
  public static final double DEFAULT_MIN_ROW_COUNT_RATIO = 0.70;
  public static final double DEFAULT_MAX_ROW_COUNT_RATIO = 3.0;
  public static final double DEFAULT_MAX_COMPLETENESS_DROP = 0.10;
  public static final double DEFAULT_OUTLIER_STD_DEVS = 3.0;
  public static final int DEFAULT_MIN_HISTORY_FOR_OUTLIERS = 5;
  public static final long DEFAULT_MIN_ROWS_FOR_COMPLETENESS_ANOMALIES = 50;
  public static final int DEFAULT_HISTORY_RUNS = 30;
  public static final LocalDate DEFAULT_EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

  public QualityThresholds {
    share("requiredCompleteness", requiredCompleteness);
    share("codeCompliance", codeCompliance);
    share("citizenIdValidity", citizenIdValidity);
    share("recordIdUniqueness", recordIdUniqueness);
    share("maxQuarantineShare", maxQuarantineShare);
    share("maxCompletenessDrop", maxCompletenessDrop);
    if (!(minRowCountRatio >= 0 && minRowCountRatio <= 1)) {
      throw new IllegalArgumentException("Invalid quality threshold minRowCountRatio, expected from 0 to 1: " + minRowCountRatio);
    }
    if (!(maxRowCountRatio >= 1)) {
      throw new IllegalArgumentException("Invalid quality threshold maxRowCountRatio, expected at least 1: " + maxRowCountRatio);
    }
    if (!(outlierStdDevs > 0) || Double.isInfinite(outlierStdDevs)) {
      throw new IllegalArgumentException("Invalid quality threshold outlierStdDevs, expected more than 0: " + outlierStdDevs);
    }
    if (minHistoryForOutliers < 2) {
      throw new IllegalArgumentException("Invalid quality threshold minHistoryForOutliers, expected at least 2: " + minHistoryForOutliers);
    }
    if (minRowsForCompletenessAnomalies < 0) {
      throw new IllegalArgumentException("Invalid quality threshold minRowsForCompletenessAnomalies, expected 0 or more: " + minRowsForCompletenessAnomalies);
    }
    if (historyRuns < 1) {
      throw new IllegalArgumentException("Invalid quality threshold historyRuns, expected at least 1: " + historyRuns);
    }
    requireNonNull(earliestBirthDate, "earliestBirthDate is null");
  }

  /** The documented defaults. */
  public static QualityThresholds defaults() {
    return new QualityThresholds(
        DEFAULT_REQUIRED_COMPLETENESS, DEFAULT_CODE_COMPLIANCE, DEFAULT_CITIZEN_ID_VALIDITY, DEFAULT_RECORD_ID_UNIQUENESS,
        DEFAULT_MAX_QUARANTINE_SHARE, DEFAULT_MIN_ROW_COUNT_RATIO, DEFAULT_MAX_ROW_COUNT_RATIO, DEFAULT_MAX_COMPLETENESS_DROP,
        DEFAULT_OUTLIER_STD_DEVS, DEFAULT_MIN_HISTORY_FOR_OUTLIERS, DEFAULT_MIN_ROWS_FOR_COMPLETENESS_ANOMALIES,
        DEFAULT_HISTORY_RUNS, DEFAULT_EARLIEST_BIRTH_DATE);
  }

  /**
   * These thresholds without the row-count band: for feeds read incrementally, where a run's
   * size is the size of the new delivery, not of the feed. Row-count outliers stay warnings.
   */
  public QualityThresholds withoutRowCountBand() {
    return new QualityThresholds(requiredCompleteness, codeCompliance, citizenIdValidity, recordIdUniqueness, maxQuarantineShare,
        0, Double.POSITIVE_INFINITY, maxCompletenessDrop, outlierStdDevs, minHistoryForOutliers, minRowsForCompletenessAnomalies,
        historyRuns, earliestBirthDate);
  }

  private static void share(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("Invalid quality threshold " + name + ", expected a share from 0 to 1: " + value);
    }
  }
}
