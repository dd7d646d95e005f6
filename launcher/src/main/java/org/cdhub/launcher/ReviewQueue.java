package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.cdhub.model.entity.PersonMatch;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.cdhub.model.ops.StewardDecision;

/**
 * The review queue (gold.person_match rows QUEUED by resolve) and the decisions stewards record
 * on it (ops.steward_decision), read and appended with the plain Iceberg API. The queue shows
 * record ids and comparison levels, never the compared values.
 */
final class ReviewQueue implements AutoCloseable {
  /** One queued pair: records, score and per-attribute evidence. */
  record QueuedPair(String left, String right, double probability, double weight, String rule, List<String> evidence) {}

  private final JdbcCatalog catalog;

  ReviewQueue(LakehouseConfig lakehouse) {
    requireNonNull(lakehouse, "lakehouse is null");
    this.catalog = new JdbcCatalog();
    catalog.initialize(lakehouse.catalogName(), lakehouse.icebergCatalogProperties(true));
  }

  /** Queued pairs, most probable first. */
  List<QueuedPair> queued() {
    TableIdentifier id = LakehouseTable.GOLD_PERSON_MATCH.identifier();
    List<QueuedPair> out = new ArrayList<>();
    if (!catalog.tableExists(id)) {
      return out;
    }
    try (CloseableIterable<Record> rows = IcebergGenerics.read(catalog.loadTable(id))
        .where(Expressions.equal("status", PersonMatch.QUEUED)).build()) {
      for (Record r : rows) {
        if (!PersonMatch.QUEUED.equals(r.getField("status"))) {
          continue; // the filter prunes files; rows are checked here
        }
        @SuppressWarnings("unchecked")
        List<String> evidence = (List<String>) r.getField("evidence");
        out.add(new QueuedPair(r.getField("left_source") + ":" + r.getField("left_record"),
            r.getField("right_source") + ":" + r.getField("right_record"), (Double) r.getField("probability"),
            (Double) r.getField("weight"), (String) r.getField("rule"), evidence == null ? List.of() : List.copyOf(evidence)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the review queue " + id, e);
    }
    out.sort(Comparator.comparingDouble(QueuedPair::probability).reversed().thenComparing(QueuedPair::left).thenComparing(QueuedPair::right));
    return out;
  }

  /** Appends one decision to ops.steward_decision (created on first use), as one commit. */
  void record(StewardDecision decision) {
    requireNonNull(decision, "decision is null");
    LakehouseTable t = LakehouseTable.STEWARD_DECISION;
    if (!catalog.namespaceExists(t.identifier().namespace())) {
      catalog.createNamespace(t.identifier().namespace());
    }
    Table table = catalog.tableExists(t.identifier()) ? catalog.loadTable(t.identifier())
        : catalog.createTable(t.identifier(), t.schema(), t.partitionSpec(), t.tableProperties());
    IcebergAppends.append(table, List.of(decision), "review");
  }

  @Override
  public void close() throws IOException {
    catalog.close();
  }
}
