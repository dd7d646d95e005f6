package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.cdhub.model.ops.IngestionLogEntry;

/**
 * What {@code ./hub ingest --report} prints: per feed, the deliveries in ops.ingestion_log and
 * their counts, then the latest deliveries one per line. Every entry is checked again:
 * landed + quarantined = read.
 */
final class IngestionReport {
  /** One delivery as read back from the log. */
  record Delivery(String feed, String batchId, IngestionLogEntry.Status status, long read, long landed, long quarantined,
      long durationMs, Instant deliveredAt, String source, String watermark, String failureReason) {
    boolean balanced() {
      return read == landed + quarantined;
    }
  }

  /** Totals of one feed. */
  record FeedTotals(String feed, int deliveries, int landedBatches, int replayed, int empty, int failed,
      long read, long landed, long quarantined, long durationMs, Instant lastDelivery, int unbalanced) {}

  private final List<Delivery> deliveries;

  IngestionReport(List<Delivery> deliveries) {
    this.deliveries = deliveries.stream().sorted(Comparator.comparing(Delivery::deliveredAt)).toList();
  }

  /** Reads the log of one feed, or of every feed when {@code feed} is null. */
  static IngestionReport read(LakehouseConfig lakehouse, String feed) {
    requireNonNull(lakehouse, "lakehouse is null");
    List<Delivery> out = new ArrayList<>();
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize(lakehouse.catalogName(), lakehouse.icebergCatalogProperties(true));
    try (catalog) {
      if (!catalog.tableExists(LakehouseTable.INGESTION_LOG.identifier())) {
        return new IngestionReport(List.of());
      }
      Table table = catalog.loadTable(LakehouseTable.INGESTION_LOG.identifier());
      var scan = IcebergGenerics.read(table);
      if (feed != null) {
        scan = scan.where(Expressions.equal("feed", feed));
      }
      try (CloseableIterable<Record> rows = scan.build()) {
        for (Record r : rows) {
          out.add(new Delivery((String) r.getField("feed"), (String) r.getField("batch_id"),
              IngestionLogEntry.Status.valueOf((String) r.getField("status")), (long) r.getField("read"),
              (long) r.getField("landed"), (long) r.getField("quarantined"), (long) r.getField("duration_ms"),
              ((OffsetDateTime) r.getField("delivered_at")).toInstant(), (String) r.getField("source"),
              (String) r.getField("watermark"), (String) r.getField("failure_reason")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + LakehouseTable.INGESTION_LOG.qualifiedName(), e);
    }
    return new IngestionReport(out);
  }

  List<Delivery> deliveries() {
    return deliveries;
  }

  List<FeedTotals> totals() {
    Map<String, List<Delivery>> byFeed = new TreeMap<>();
    deliveries.forEach(d -> byFeed.computeIfAbsent(d.feed(), f -> new ArrayList<>()).add(d));
    List<FeedTotals> out = new ArrayList<>();
    byFeed.forEach((feed, ds) -> out.add(new FeedTotals(feed, ds.size(),
        count(ds, IngestionLogEntry.Status.LANDED), count(ds, IngestionLogEntry.Status.REPLAYED),
        count(ds, IngestionLogEntry.Status.EMPTY), count(ds, IngestionLogEntry.Status.FAILED),
        // a replayed delivery brings nothing new: count each record once, when it landed
        sum(ds, Delivery::read), sum(ds, Delivery::landed), sum(ds, Delivery::quarantined),
        ds.stream().mapToLong(Delivery::durationMs).sum(), ds.get(ds.size() - 1).deliveredAt(),
        (int) ds.stream().filter(d -> !d.balanced()).count())));
    return out;
  }

  /** Prints the report; returns false when an entry does not balance. */
  boolean print(PrintStream out, int latest) {
    if (deliveries.isEmpty()) {
      out.println("No deliveries logged yet in " + LakehouseTable.INGESTION_LOG.qualifiedName() + ": run ./hub ingest first.");
      return true;
    }
    out.printf(Locale.ROOT, "%-22s %6s %6s %6s %5s %6s %10s %10s %11s %9s  %s%n", "feed", "deliv", "landed", "replay",
        "empty", "failed", "read", "landed", "quarantined", "seconds", "last delivery");
    boolean balanced = true;
    for (FeedTotals t : totals()) {
      out.printf(Locale.ROOT, "%-22s %6d %6d %6d %5d %6d %10d %10d %11d %9.1f  %s%s%n", t.feed(), t.deliveries(),
          t.landedBatches(), t.replayed(), t.empty(), t.failed(), t.read(), t.landed(), t.quarantined(),
          t.durationMs() / 1000.0, t.lastDelivery(), t.unbalanced() == 0 ? "" : "  UNBALANCED: " + t.unbalanced());
      balanced &= t.unbalanced() == 0;
    }
    out.println("(read, landed and quarantined count new batches only: a replayed delivery adds nothing)");
    out.println();
    out.println("Latest deliveries:");
    List<Delivery> tail = deliveries.subList(Math.max(0, deliveries.size() - latest), deliveries.size());
    for (Delivery d : tail) {
      out.printf(Locale.ROOT, "  %s %-18s %-8s read=%d landed=%d quarantined=%d %dms %s%s%s%n", d.deliveredAt(), d.feed(),
          d.status(), d.read(), d.landed(), d.quarantined(), d.durationMs(), d.batchId(),
          d.source() == null ? "" : " from " + d.source() + (d.watermark() == null ? "" : " (" + d.watermark() + ")"),
          d.failureReason() == null ? "" : "\n      " + d.failureReason());
    }
    return balanced;
  }

  private static int count(List<Delivery> ds, IngestionLogEntry.Status status) {
    return (int) ds.stream().filter(d -> d.status() == status).count();
  }

  private static long sum(List<Delivery> ds, java.util.function.ToLongFunction<Delivery> f) {
    return ds.stream().filter(d -> d.status() == IngestionLogEntry.Status.LANDED).mapToLong(f).sum();
  }
}
