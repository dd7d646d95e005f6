package org.cdhub.jobs.quality;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.anomalydetection.AbsoluteChangeStrategy;
import com.amazon.deequ.anomalydetection.AnomalyDetectionStrategy;
import com.amazon.deequ.anomalydetection.BatchNormalStrategy;
import com.amazon.deequ.anomalydetection.RelativeRateOfChangeStrategy;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.constraints.ConstraintStatus;
import com.amazon.deequ.metrics.DoubleMetric;
import com.amazon.deequ.metrics.Entity;
import com.amazon.deequ.metrics.Metric;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.RecordRows;
import org.cdhub.jobs.quality.ContractCheck.Severity;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.cdhub.model.ops.QualityMetric;
import org.cdhub.model.ops.QualityRun;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * The dataset-level gate a standardize run passes before it commits: runs the contract's
 * checks ({@link ContractChecks}) over the run's bronze rows with Deequ, compares row count and
 * completeness with the feed's published history in ops.quality_metric using Deequ's anomaly
 * strategies, and records metrics and run in ops.quality_metric and ops.quality_run.
 */
public final class FeedQualityGate {
  /** Deequ's name of the row count metric. */
  public static final String SIZE = "Size";
  /** Deequ's name of the completeness metric. */
  public static final String COMPLETENESS = "Completeness";
  /** Share of the run's standardized rows that went to quarantine (computed here, not by Deequ). */
  public static final String QUARANTINE_SHARE = "QuarantineShare";
  /** Snapshot property value of what the gate appends. */
  static final String JOB = "quality-gate";
  /** Birth dates are judged against the date in China, as the kernel does. */
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final Lakehouse lake;
  private final QualityThresholds thresholds;
  private final Clock clock;

  public FeedQualityGate(Lakehouse lake, QualityThresholds thresholds, Clock clock) {
    this.lake = requireNonNull(lake, "lake is null");
    this.thresholds = requireNonNull(thresholds, "thresholds is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * The gate the standardize job builds: default thresholds without the row-count band, since
   * the job reads each feed incrementally (a run's size is the size of the new delivery, not of
   * the feed), and the system clock.
   *
   * @throws IllegalArgumentException if {@code spark} is not the lakehouse's session
   */
  public FeedQualityGate(SparkSession spark, Lakehouse lake) {
    this(requireNonNull(lake, "lake is null"), QualityThresholds.defaults().withoutRowCountBand(), Clock.systemUTC());
    requireNonNull(spark, "spark is null");
    if (spark != lake.spark()) {
      throw new IllegalArgumentException("Cannot build the quality gate: the Spark session is not the lakehouse's");
    }
  }

  public QualityThresholds thresholds() {
    return thresholds;
  }

  /**
   * Judges one run: the contract's checks over {@code bronzeRun} (the run's bronze rows, with
   * the envelope columns), the quarantine share of {@code silverRows + quarantinedRows}, and
   * the anomaly checks against the feed's earlier published runs. Writes nothing.
   */
  public QualityVerdict verify(
      SourceContract contract, String runId, long bronzeSnapshotId, Dataset<Row> bronzeRun, long silverRows, long quarantinedRows) {
    requireNonNull(contract, "contract is null");
    requireNonNull(runId, "runId is null");
    requireNonNull(bronzeRun, "bronzeRun is null");
    if (silverRows < 0 || quarantinedRows < 0) {
      throw new IllegalArgumentException("Cannot verify run " + runId + " of feed " + contract.feed()
          + ": negative row counts silver=" + silverRows + " quarantined=" + quarantinedRows);
    }
    String feed = contract.feed();
    Instant now = clock.instant();
    ContractChecks checks = ContractChecks.of(contract, thresholds, LocalDate.ofInstant(now, CHINA));
    ContractChecks.registerFunctions(lake.spark());

    // not cached: re-reading bronze's Parquet for Deequ's second pass (uniqueness) costs less than building a columnar cache
    Dataset<Row> rows = checks.prepare(bronzeRun);
    VerificationResult result = new VerificationSuite()
        .onData(rows)
        .addChecks(seq(checks.deequChecks()))
        .addRequiredAnalyzers(seq(completenessAnalyzers(checks)))
        .run();

    int passed = 0;
    int failed = 0;
    boolean publishable = true;
    List<String> failures = new ArrayList<>();
    for (ContractCheck c : checks.checks()) {
      String failure = failureOf(feed, c, result);
      if (failure == null) {
        passed++;
      } else {
        failed++;
        failures.add(failure);
        publishable &= c.severity() != Severity.ERROR;
      }
    }

    List<QualityMetric> metrics = metricsOf(feed, runId, bronzeSnapshotId, result, now);
    long standardized = silverRows + quarantinedRows;
    double quarantineShare = standardized == 0 ? 0 : (double) quarantinedRows / standardized;
    metrics.add(new QualityMetric(feed, runId, bronzeSnapshotId, ContractChecks.DATASET, QUARANTINE_SHARE, quarantineShare, now));
    if (quarantineShare <= thresholds.maxQuarantineShare()) {
      passed++;
    } else {
      failed++;
      publishable = false;
      failures.add(feed + ": dataset quarantine share " + ContractCheck.format(quarantineShare) + " above "
          + ContractCheck.format(thresholds.maxQuarantineShare()) + " (" + quarantinedRows + " of " + standardized + " rows) (error)");
    }

    List<String> anomalies = new ArrayList<>();
    publishable &= !detectAnomalies(feed, runId, checks.completenessFields(), metrics, anomalies);
    return new QualityVerdict(publishable, passed, failed, failures, anomalies, metrics);
  }

  /**
   * Appends the verdict's metrics to ops.quality_metric, then the run to ops.quality_run
   * (creating both if missing). Called for published and refused runs alike. Metrics go first:
   * history only reads metrics of recorded published runs, so a crash in between leaves none.
   *
   * @throws IllegalArgumentException if the run is not the verdict's, or claims PUBLISHED for a refused verdict
   */
  public void record(QualityVerdict verdict, QualityRun run) {
    requireNonNull(verdict, "verdict is null");
    requireNonNull(run, "run is null");
    for (QualityMetric m : verdict.metrics()) {
      if (!m.feed().equals(run.feed()) || !m.runId().equals(run.runId())) {
        throw new IllegalArgumentException("Cannot record run " + run.runId() + " of feed " + run.feed()
            + ": the verdict's metrics belong to run " + m.runId() + " of feed " + m.feed());
      }
    }
    if (!verdict.publishable() && run.status() == QualityRun.Status.PUBLISHED) {
      throw new IllegalArgumentException("Cannot record run " + run.runId() + " of feed " + run.feed()
          + " as PUBLISHED: the quality gate refused it");
    }
    lake.createIfMissing(LakehouseTable.QUALITY_METRIC);
    lake.createIfMissing(LakehouseTable.QUALITY_RUN);
    if (!verdict.metrics().isEmpty()) {
      List<Row> metricRows = verdict.metrics().stream().map(RecordRows::toRow).toList();
      lake.append(LakehouseTable.QUALITY_METRIC.identifier(),
          lake.spark().createDataFrame(metricRows, Lakehouse.sparkType(LakehouseTable.QUALITY_METRIC.schema())), JOB);
    }
    lake.append(LakehouseTable.QUALITY_RUN.identifier(),
        lake.spark().createDataFrame(List.of(RecordRows.toRow(run)), Lakehouse.sparkType(LakehouseTable.QUALITY_RUN.schema())), JOB);
  }

  /** The failure message of a check, or null if it held. */
  private static String failureOf(String feed, ContractCheck c, VerificationResult result) {
    Option<CheckResult> checkResult = result.checkResults().get(c.check());
    if (checkResult.isEmpty() || checkResult.get().constraintResults().isEmpty()) {
      return c.unmeasured(feed, "Deequ returned no result");
    }
    ConstraintResult constraint = checkResult.get().constraintResults().head();
    if (constraint.status() == ConstraintStatus.Success()) {
      return null;
    }
    Option<Metric<?>> metric = constraint.metric();
    if (metric.isDefined() && metric.get().value().isSuccess()) {
      return c.failure(feed, ((Number) metric.get().value().get()).doubleValue());
    }
    String reason = metric.isDefined() ? metric.get().value().failed().get().getMessage()
        : constraint.message().getOrElse(() -> "no metric");
    return c.unmeasured(feed, reason);
  }

  private static List<Analyzer<?, Metric<?>>> completenessAnalyzers(ContractChecks checks) {
    List<Analyzer<?, Metric<?>>> analyzers = new ArrayList<>();
    for (String field : checks.completenessFields()) {
      analyzers.add(analyzer(new Completeness(field, Option.empty(), Option.empty())));
    }
    return analyzers;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Analyzer<?, Metric<?>> analyzer(Analyzer analyzer) {
    return analyzer;
  }

  /** Deequ's metrics (AnalyzerContext) as rows of ops.quality_metric; metrics Deequ could not compute are left out. */
  private static List<QualityMetric> metricsOf(String feed, String runId, long snapshotId, VerificationResult result, Instant now) {
    List<QualityMetric> out = new ArrayList<>();
    for (Metric<?> metric : JavaConverters.asJavaCollection(result.metrics().values())) {
      for (DoubleMetric m : JavaConverters.asJavaCollection(metric.flatten())) {
        if (m.value().isSuccess()) {
          String instance = m.entity() == Entity.Dataset() ? ContractChecks.DATASET : m.instance();
          out.add(new QualityMetric(feed, runId, snapshotId, instance, m.name(), ((Number) m.value().get()).doubleValue(), now));
        }
      }
    }
    out.sort((a, b) -> (a.instance() + "/" + a.metric()).compareTo(b.instance() + "/" + b.metric()));
    return out;
  }

  /**
   * Compares row count and each observed field's completeness with the feed's published
   * history. Beyond the band (relative row-count change, absolute completeness drop) is an
   * error; an outlier within it is a warning. Returns whether an error was found.
   */
  private boolean detectAnomalies(String feed, String runId, List<String> fields, List<QualityMetric> current, List<String> out) {
    Map<String, List<Double>> history = history(feed, runId);
    boolean error = false;
    Double size = value(current, ContractChecks.DATASET, SIZE);
    if (size != null) {
      List<Double> past = history.getOrDefault(key(ContractChecks.DATASET, SIZE), List.of());
      if (!past.isEmpty()) {
        double previous = past.get(past.size() - 1);
        if (isNewestAnomalous(new RelativeRateOfChangeStrategy(
            Option.apply(thresholds.minRowCountRatio()), Option.apply(thresholds.maxRowCountRatio()), 1), past, size)) {
          error = true;
          out.add(feed + ": dataset row count " + ContractCheck.formatCount(size) + " is "
              + ContractCheck.format(previous == 0 ? Double.POSITIVE_INFINITY : size / previous) + " times the previous published run's "
              + ContractCheck.formatCount(previous) + ", outside " + ContractCheck.format(thresholds.minRowCountRatio()) + ".."
              + ContractCheck.format(thresholds.maxRowCountRatio()) + " (error)");
        } else if (isOutlier(past, size)) {
          out.add(feed + ": dataset row count " + ContractCheck.formatCount(size) + " is an outlier against the last "
              + past.size() + " published runs (" + describe(past) + ") (warning)");
        }
      }
    }
    if (size == null || size < thresholds.minRowsForCompletenessAnomalies()) {
      return error;
    }
    for (String field : fields) {
      Double completeness = value(current, field, COMPLETENESS);
      List<Double> past = history.getOrDefault(key(field, COMPLETENESS), List.of());
      if (completeness == null || past.isEmpty()) {
        continue;
      }
      double previous = past.get(past.size() - 1);
      if (isNewestAnomalous(new AbsoluteChangeStrategy(Option.apply(-thresholds.maxCompletenessDrop()), Option.empty(), 1), past, completeness)) {
        error = true;
        out.add(feed + ": field " + field + " completeness fell from " + ContractCheck.format(previous) + " to "
            + ContractCheck.format(completeness) + ", more than " + ContractCheck.format(thresholds.maxCompletenessDrop())
            + " below the previous published run (error)");
      } else if (isOutlier(past, completeness)) {
        out.add(feed + ": field " + field + " completeness " + ContractCheck.format(completeness) + " is an outlier against the last "
            + past.size() + " published runs (" + describe(past) + ") (warning)");
      }
    }
    return error;
  }

  private boolean isOutlier(List<Double> past, double value) {
    if (past.size() < thresholds.minHistoryForOutliers()) {
      return false;
    }
    // BatchNormal judges the newest point against mean and deviation of the earlier ones only;
    // OnlineNormal would count the point in its own spread and, on a short history, never flag it
    return isNewestAnomalous(new BatchNormalStrategy(
        Option.apply(thresholds.outlierStdDevs()), Option.apply(thresholds.outlierStdDevs()), false), past, value);
  }

  /** Deequ's strategy on the series history + value, searching the newest point only. */
  private static boolean isNewestAnomalous(AnomalyDetectionStrategy strategy, List<Double> past, double value) {
    List<Object> series = new ArrayList<>(past);
    series.add(value);
    scala.collection.immutable.Vector<Object> vector = JavaConverters.asScalaBuffer(series).toVector();
    int newest = series.size() - 1;
    return !strategy.detect(vector, new Tuple2<>(newest, newest + 1)).isEmpty();
  }

  /** Size and completeness series of the feed's latest published runs, oldest first, keyed by instance and metric. */
  private Map<String, List<Double>> history(String feed, String runId) {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    if (!lake.exists(LakehouseTable.QUALITY_METRIC.identifier()) || !lake.exists(LakehouseTable.QUALITY_RUN.identifier())) {
      return out;
    }
    Dataset<Row> feedMetrics = lake.read(LakehouseTable.QUALITY_METRIC)
        .where(col("feed").equalTo(feed).and(col("metric").isin(SIZE, COMPLETENESS)));
    // the latest published runs that measured something (runs that only moved the watermark did not)
    Dataset<Row> runs = lake.read(LakehouseTable.QUALITY_RUN)
        .where(col("feed").equalTo(feed).and(col("status").equalTo(QualityRun.Status.PUBLISHED.name())).and(col("run_id").notEqual(runId)))
        .join(feedMetrics.where(col("metric").equalTo(SIZE)).select(col("run_id")), Lakehouse.columns(List.of("run_id")), "left_semi")
        .select(col("run_id"), col("started_at"))
        .orderBy(col("started_at").desc(), col("run_id").desc())
        .limit(thresholds.historyRuns());
    Dataset<Row> metrics = feedMetrics
        .join(runs, "run_id")
        .orderBy(col("started_at"), col("run_id"))
        .select(col("instance"), col("metric"), col("value"));
    for (Row r : metrics.collectAsList()) {
      out.computeIfAbsent(key(r.getString(0), r.getString(1)), k -> new ArrayList<>()).add(r.getDouble(2));
    }
    return out;
  }

  private static Double value(List<QualityMetric> metrics, String instance, String metric) {
    return metrics.stream().filter(m -> m.instance().equals(instance) && m.metric().equals(metric))
        .map(QualityMetric::value).findFirst().orElse(null);
  }

  private static String describe(List<Double> past) {
    double mean = past.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double variance = past.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / Math.max(1, past.size() - 1);
    return "mean " + ContractCheck.format(mean) + ", standard deviation " + ContractCheck.format(Math.sqrt(variance));
  }

  private static String key(String instance, String metric) {
    return instance + "\u0000" + metric;
  }

  private static <T> scala.collection.Seq<T> seq(List<T> list) {
    return JavaConverters.asScalaBuffer(list).toList();
  }
}
