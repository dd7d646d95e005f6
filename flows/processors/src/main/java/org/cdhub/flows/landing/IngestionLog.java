package org.cdhub.flows.landing;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.cdhub.model.ops.IngestionLogEntry;
import org.cdhub.model.schema.TableSchemas;

/**
 * Appends delivery entries to {@code ops.ingestion_log}: one commit for the deliveries of one
 * trigger, so logging costs one small commit however many batches a trigger lands.
 */
public final class IngestionLog {
  private final Catalog catalog;

  public IngestionLog(Catalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  /** Appends the entries (all of one feed); returns the log snapshot id, or null when there were none. */
  public Long append(List<IngestionLogEntry> entries) {
    requireNonNull(entries, "entries is null");
    if (entries.isEmpty()) {
      return null;
    }
    String feed = entries.get(0).feed();
    if (entries.stream().anyMatch(e -> !e.feed().equals(feed))) {
      throw new IllegalArgumentException("Cannot log deliveries of several feeds in one append: " + feed + " and others");
    }
    Table table = TableAppends.createOrLoad(catalog, LakehouseTable.INGESTION_LOG);
    List<Record> rows = new ArrayList<>(entries.size());
    GenericRecord template = GenericRecord.create(table.schema());
    for (IngestionLogEntry entry : entries) {
      rows.add(row(template.copy(), entry));
    }
    return TableAppends.append(table, "ingestion-log-" + feed + "-" + UUID.randomUUID(), rows);
  }

  /** Column by column from the record components, as TableSchemas derived the schema from them. */
  private static Record row(GenericRecord row, IngestionLogEntry entry) {
    for (RecordComponent c : IngestionLogEntry.class.getRecordComponents()) {
      Object value;
      try {
        value = c.getAccessor().invoke(entry);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("Cannot read " + c.getName() + " of an ingestion log entry", e);
      }
      if (value instanceof Instant at) {
        value = at.atOffset(ZoneOffset.UTC);
      } else if (value instanceof Enum<?> e) {
        value = e.name();
      }
      row.setField(TableSchemas.columnName(c.getName()), value);
    }
    return row;
  }
}
