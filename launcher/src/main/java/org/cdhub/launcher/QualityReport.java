package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.cdhub.model.ops.QualityMetric;
import org.cdhub.model.ops.QualityRun;

/**
 * What {@code ./hub quality} shows, per feed: the latest standardize run, silver.quarantine by
 * stage and rule, the trend over the last runs and completeness per column. Built from
 * ops.quality_run, ops.quality_metric and silver.quarantine; the terminal and HTML renderers
 * only format this model.
 */
record QualityReport(List<FeedQuality> feeds, String feedFilter) {
  /** The Deequ metric the completeness chart plots. */
  static final String COMPLETENESS = "Completeness";

  QualityReport {
    requireNonNull(feeds, "feeds is null");
    feeds = List.copyOf(feeds);
  }

  boolean isEmpty() {
    return feeds.isEmpty();
  }

  /** True when the latest run of any feed in the report was refused. */
  boolean anyLatestRefused() {
    return feeds.stream().anyMatch(f -> f.latest().refused());
  }

  /**
   * One feed: latest run, quarantine by rule, trend (oldest run first) and completeness per
   * column. {@code lastRecordedAt} is when any run of the feed was last recorded, including one
   * that only moved the watermark.
   */
  record FeedQuality(String feed, String entity, RunPoint latest, List<RuleCount> rules, long quarantineTotal,
      List<RunPoint> trend, List<ColumnCompleteness> completeness, Instant lastRecordedAt) {
    FeedQuality {
      requireNonNull(feed, "feed is null");
      requireNonNull(latest, "latest is null");
      rules = List.copyOf(rules);
      trend = List.copyOf(trend);
      completeness = List.copyOf(completeness);
    }
  }

  /** One standardize run as the report shows it. */
  record RunPoint(String runId, QualityRun.Status status, long rowsIn, long silverRows, long quarantinedRows,
      int checksPassed, int checksFailed, List<String> failures, List<String> anomalies, Instant startedAt, long durationMs) {
    RunPoint {
      failures = failures == null ? List.of() : failures.stream().map(String::valueOf).toList();
      anomalies = anomalies == null ? List.of() : anomalies.stream().map(String::valueOf).toList();
    }

    static RunPoint of(QualityRun r) {
      return new RunPoint(r.runId(), r.status(), r.rowsIn(), r.silverRows(), r.quarantinedRows(), r.checksPassed(),
          r.checksFailed(), r.failures(), r.anomalies(), r.startedAt(), r.durationMs());
    }

    /** Quarantined rows as a share of rows in; 0 when nothing came in. */
    double quarantineShare() {
      return rowsIn == 0 ? 0 : (double) quarantinedRows / rowsIn;
    }

    boolean refused() {
      return status == QualityRun.Status.REFUSED;
    }
  }

  /** Rows in silver.quarantine of one feed for one stage and rule, with one example reason. */
  record RuleCount(String stage, String rule, long rows, String exampleReason) {}

  /** Completeness of one column per trend run, aligned with {@link FeedQuality#trend()}; null where not measured. */
  record ColumnCompleteness(String column, List<Double> values) {
    ColumnCompleteness {
      requireNonNull(column, "column is null");
      values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
    }
  }

  /**
   * Builds the report from the rows of the three tables. Runs are ordered by start time; the
   * trend holds the last {@code trendLength} of them.
   */
  static QualityReport of(List<QualityRun> runs, List<QualityMetric> metrics, Map<String, List<RuleCount>> rulesByFeed,
      int trendLength, String feedFilter) {
    requireNonNull(runs, "runs is null");
    requireNonNull(metrics, "metrics is null");
    requireNonNull(rulesByFeed, "rulesByFeed is null");
    if (trendLength < 1) {
      throw new IllegalArgumentException("Trend length must be at least 1 run, got " + trendLength);
    }
    Map<String, List<QualityRun>> runsByFeed = new TreeMap<>();
    runs.forEach(r -> runsByFeed.computeIfAbsent(r.feed(), f -> new ArrayList<>()).add(r));
    List<FeedQuality> feeds = new ArrayList<>();
    runsByFeed.forEach((feed, feedRuns) -> {
      List<QualityRun> all = feedRuns.stream()
          .sorted(Comparator.comparing(QualityRun::startedAt).thenComparing(QualityRun::runId)).toList();
      // a run without batches only recorded the watermark: it would flatten the trend to zeros
      List<QualityRun> withBatches = all.stream().filter(r -> !r.batchIds().isEmpty() || r.rowsIn() > 0).toList();
      List<QualityRun> ordered = withBatches.isEmpty() ? all : withBatches;
      List<QualityRun> tail = ordered.subList(Math.max(0, ordered.size() - trendLength), ordered.size());
      QualityRun latest = ordered.get(ordered.size() - 1);
      List<RuleCount> rules = rulesByFeed.getOrDefault(feed, List.of()).stream()
          .sorted(Comparator.comparingLong(RuleCount::rows).reversed().thenComparing(RuleCount::stage)
              .thenComparing(RuleCount::rule))
          .toList();
      feeds.add(new FeedQuality(feed, latest.entity(), RunPoint.of(latest), rules,
          rules.stream().mapToLong(RuleCount::rows).sum(), tail.stream().map(RunPoint::of).toList(),
          completeness(feed, tail, metrics), all.get(all.size() - 1).startedAt()));
    });
    return new QualityReport(feeds, feedFilter);
  }

  private static List<ColumnCompleteness> completeness(String feed, List<QualityRun> trend, List<QualityMetric> metrics) {
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < trend.size(); i++) {
      position.put(trend.get(i).runId(), i);
    }
    // column -> run position -> the metric computed last for it (a rerun may write it twice)
    Map<String, QualityMetric[]> byColumn = new TreeMap<>();
    for (QualityMetric m : metrics) {
      Integer at = position.get(m.runId());
      if (!m.feed().equals(feed) || !COMPLETENESS.equals(m.metric()) || at == null) {
        continue;
      }
      QualityMetric[] slots = byColumn.computeIfAbsent(m.instance(), c -> new QualityMetric[trend.size()]);
      if (slots[at] == null || !m.computedAt().isBefore(slots[at].computedAt())) {
        slots[at] = m;
      }
    }
    List<ColumnCompleteness> out = new ArrayList<>();
    byColumn.forEach((column, slots) -> {
      List<Double> values = new ArrayList<>();
      for (QualityMetric m : slots) {
        values.add(m == null ? null : m.value());
      }
      out.add(new ColumnCompleteness(column, values));
    });
    return out;
  }

  /** Reads the report of one feed, or of every feed when {@code feed} is null. Missing tables read as empty. */
  static QualityReport read(LakehouseConfig lakehouse, String feed, int trendLength) {
    requireNonNull(lakehouse, "lakehouse is null");
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize(lakehouse.catalogName(), lakehouse.icebergCatalogProperties(true));
    try (catalog) {
      List<QualityRun> runs = new ArrayList<>();
      scan(catalog, LakehouseTable.QUALITY_RUN, "feed", feed, r -> runs.add(run(r)));
      List<QualityMetric> metrics = new ArrayList<>();
      scan(catalog, LakehouseTable.QUALITY_METRIC, "feed", feed, r -> {
        if (COMPLETENESS.equals(r.getField("metric"))) {
          metrics.add(metric(r));
        }
      });
      return of(runs, metrics, ruleCounts(catalog, feed), trendLength, feed);
    }
  }

  /** Every standardize run in ops.quality_run (none when the table does not exist yet). */
  static List<QualityRun> runs(LakehouseConfig lakehouse) {
    requireNonNull(lakehouse, "lakehouse is null");
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize(lakehouse.catalogName(), lakehouse.icebergCatalogProperties(true));
    try (catalog) {
      List<QualityRun> runs = new ArrayList<>();
      scan(catalog, LakehouseTable.QUALITY_RUN, "feed", null, r -> runs.add(run(r)));
      return runs;
    }
  }

  /** Counts silver.quarantine rows per feed, stage and rule while scanning, so no row is kept. */
  private static Map<String, List<RuleCount>> ruleCounts(JdbcCatalog catalog, String feed) {
    record Key(String feed, String stage, String rule) {}
    Map<Key, long[]> counts = new LinkedHashMap<>();
    Map<Key, String> reasons = new HashMap<>();
    scan(catalog, LakehouseTable.QUARANTINE, "source_system", feed, r -> {
      Key key = new Key((String) r.getField("source_system"), (String) r.getField("stage"), (String) r.getField("rule"));
      counts.computeIfAbsent(key, k -> new long[1])[0]++;
      reasons.putIfAbsent(key, (String) r.getField("reason"));
    });
    Map<String, List<RuleCount>> out = new TreeMap<>();
    counts.forEach((k, n) -> out.computeIfAbsent(k.feed(), f -> new ArrayList<>())
        .add(new RuleCount(k.stage(), k.rule(), n[0], reasons.get(k))));
    return out;
  }

  private static void scan(JdbcCatalog catalog, LakehouseTable t, String feedColumn, String feed,
      java.util.function.Consumer<Record> sink) {
    if (!catalog.tableExists(t.identifier())) {
      return;
    }
    Table table = catalog.loadTable(t.identifier());
    var scan = IcebergGenerics.read(table);
    if (t == LakehouseTable.QUARANTINE) {
      // the payload column can be large: read only what the counts need
      scan = scan.select("source_system", "stage", "rule", "reason");
    }
    if (feed != null) {
      scan = scan.where(Expressions.equal(feedColumn, feed));
    }
    try (CloseableIterable<Record> rows = scan.build()) {
      rows.forEach(sink);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + t.qualifiedName(), e);
    }
  }

  private static QualityRun run(Record r) {
    return new QualityRun((String) r.getField("feed"), (String) r.getField("run_id"), (String) r.getField("entity"),
        (long) r.getField("bronze_snapshot_id"), strings(r.getField("batch_ids")), (long) r.getField("rows_in"),
        (long) r.getField("silver_rows"), (long) r.getField("quarantined_rows"),
        status(r), (int) r.getField("checks_passed"),
        (int) r.getField("checks_failed"), strings(r.getField("failures")), strings(r.getField("anomalies")),
        instant(r.getField("started_at")), (long) r.getField("duration_ms"));
  }

  private static QualityRun.Status status(Record r) {
    String status = (String) r.getField("status");
    try {
      return QualityRun.Status.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Cannot read " + LakehouseTable.QUALITY_RUN.qualifiedName() + " run " + r.getField("run_id")
          + " of feed " + r.getField("feed") + ": field status breaks rule PUBLISHED|REFUSED, got " + status, e);
    }
  }

  private static QualityMetric metric(Record r) {
    return new QualityMetric((String) r.getField("feed"), (String) r.getField("run_id"),
        (long) r.getField("bronze_snapshot_id"), (String) r.getField("instance"), (String) r.getField("metric"),
        (double) r.getField("value"), instant(r.getField("computed_at")));
  }

  private static List<String> strings(Object list) {
    return list == null ? List.of() : ((List<?>) list).stream().map(v -> Objects.toString(v, "")).toList();
  }

  private static Instant instant(Object v) {
    return ((OffsetDateTime) v).toInstant();
  }
}
