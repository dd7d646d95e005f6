package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.cdhub.model.lakehouse.LakehouseConfig;

/** Reads table facts (rows, snapshot, time) from Iceberg metadata, without scanning data. */
public final class LakehouseInspector implements AutoCloseable {
  private final JdbcCatalog catalog;

  public LakehouseInspector(LakehouseConfig config) {
    requireNonNull(config, "config is null");
    this.catalog = new JdbcCatalog();
    catalog.initialize(config.catalogName(), config.icebergCatalogProperties(true));
  }

  /** Facts of one table's current snapshot; empty when the table does not exist. */
  public Optional<TableFacts> facts(TableIdentifier id) {
    if (!catalog.tableExists(id)) {
      return Optional.empty();
    }
    Table table = catalog.loadTable(id);
    Snapshot snapshot = table.currentSnapshot();
    if (snapshot == null) {
      return Optional.of(new TableFacts(id.toString(), 0, null, null));
    }
    Map<String, String> summary = snapshot.summary();
    // copy-on-write tables have no delete files; subtract position deletes for merge-on-read ones
    long rows = parse(summary.get("total-records")) - parse(summary.get("total-position-deletes"));
    return Optional.of(new TableFacts(id.toString(), rows, snapshot.snapshotId(), Instant.ofEpochMilli(snapshot.timestampMillis())));
  }

  /** Rows per value of an identity partition column, from data-file metadata (no data read). */
  public java.util.SortedMap<String, Long> rowsPerPartition(TableIdentifier id, String column) {
    java.util.SortedMap<String, Long> counts = new java.util.TreeMap<>();
    if (!catalog.tableExists(id)) {
      return counts;
    }
    Table table = catalog.loadTable(id);
    int position = -1;
    java.util.List<org.apache.iceberg.PartitionField> fields = table.spec().fields();
    for (int i = 0; i < fields.size(); i++) {
      if (table.schema().findColumnName(fields.get(i).sourceId()).equals(column)) {
        position = i;
      }
    }
    if (position < 0) {
      throw new IllegalArgumentException("Cannot count rows per " + column + ": " + id + " is not partitioned by it");
    }
    try (org.apache.iceberg.io.CloseableIterable<org.apache.iceberg.FileScanTask> tasks = table.newScan().planFiles()) {
      for (org.apache.iceberg.FileScanTask task : tasks) {
        Object value = task.file().partition().get(position, Object.class);
        counts.merge(String.valueOf(value), task.file().recordCount(), Long::sum);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot plan files of " + id, e);
    }
    return counts;
  }

  /**
   * Streams the current rows of a table (deletes applied), reading only {@code columns}.
   * Returns false, having called nothing, when the table does not exist.
   */
  public boolean forEachRow(TableIdentifier id, java.util.List<String> columns,
      java.util.function.Consumer<org.apache.iceberg.data.Record> row) {
    if (!catalog.tableExists(id)) {
      return false;
    }
    Table table = catalog.loadTable(id);
    try (org.apache.iceberg.io.CloseableIterable<org.apache.iceberg.data.Record> rows =
        org.apache.iceberg.data.IcebergGenerics.read(table).select(columns.toArray(String[]::new)).build()) {
      rows.forEach(row);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot read " + id, e);
    }
    return true;
  }

  /** As {@link #forEachRow(TableIdentifier, java.util.List, java.util.function.Consumer)}, only rows matching {@code filter}. */
  public boolean forEachRow(TableIdentifier id, java.util.List<String> columns, org.apache.iceberg.expressions.Expression filter,
      java.util.function.Consumer<org.apache.iceberg.data.Record> row) {
    if (!catalog.tableExists(id)) {
      return false;
    }
    Table table = catalog.loadTable(id);
    try (org.apache.iceberg.io.CloseableIterable<org.apache.iceberg.data.Record> rows =
        org.apache.iceberg.data.IcebergGenerics.read(table).select(columns.toArray(String[]::new)).where(filter).build()) {
      for (org.apache.iceberg.data.Record r : rows) {
        row.accept(r); // where() prunes files and row groups; rows of a kept group still need the check
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot read " + id, e);
    }
    return true;
  }

  /** This lakehouse as {@link org.cdhub.catalog.lineage.LakehouseRows}, for the record lineage the API shares. */
  public org.cdhub.catalog.lineage.LakehouseRows lineageRows() {
    return (id, columns, filter, row) -> forEachRow(id, columns, filter, r -> row.accept(r::getField));
  }

  public long rows(TableIdentifier id) {
    return facts(id).map(TableFacts::rows).orElse(0L);
  }

  private static long parse(String v) {
    return v == null ? 0 : Long.parseLong(v);
  }

  @Override
  public void close() throws Exception {
    catalog.close();
  }

  /** Row count and current snapshot of one table. */
  public record TableFacts(String table, long rows, Long snapshotId, Instant committedAt) {}
}
