package org.cdhub.jobs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.StructLikeMap;
import org.apache.iceberg.util.StructLikeSet;
import org.apache.spark.sql.Row;

/**
 * A keyed change set committed as one Iceberg row delta from the driver: an equality-delete
 * file on the key columns for every changed or deleted key, and the new rows as data files.
 * Equality deletes reach only rows of earlier commits, so the rows written in the same commit
 * stay. Unlike a MERGE INTO, nothing of the target table is read: a change of a few thousand
 * rows costs the same against a table of a million. For small change sets only (the rows pass
 * through the driver); readers pay for equality deletes until a compaction rewrites the files.
 *
 * <p>In a partitioned table an equality delete reaches only its own partition, and a changed
 * row may have been stored in another (a pair that went from QUEUED to LINKED), so the keys are
 * written to every partition that holds data. Tables with many partitions should use MERGE.
 */
final class KeyedRowDelta {
  /** Beyond this many partitions holding data, writing the keys to each costs more than a MERGE. */
  static final int MAX_PARTITIONS = 16;

  private final Table table;
  private final List<String> keyColumns;

  KeyedRowDelta(Table table, List<String> keyColumns) {
    this.table = requireNonNull(table, "table is null");
    this.keyColumns = List.copyOf(requireNonNull(keyColumns, "keyColumns is null"));
    if (keyColumns.isEmpty()) {
      throw new IllegalArgumentException("Cannot write keyed changes to " + table.name() + ": no key columns");
    }
  }

  /** Partitions holding data in the current snapshot; null when there are more than {@link #MAX_PARTITIONS}. */
  StructLikeSet partitionsWithData() {
    StructLikeSet partitions = StructLikeSet.create(table.spec().partitionType());
    if (table.currentSnapshot() == null) {
      return partitions;
    }
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        partitions.add(task.file().partition());
        if (partitions.size() > MAX_PARTITIONS) {
          return null;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the data files of " + table.name(), e);
    }
    return partitions;
  }

  /**
   * Commits one snapshot tagged {@code properties}: {@code upserts} (rows with the table's
   * columns, by name) replace the rows with their keys, {@code deletes} (key columns) remove
   * theirs. Nothing is committed when both are empty.
   */
  void commit(List<Row> upserts, List<Row> deletes, StructLikeSet partitionsWithData, Map<String, String> properties) {
    if (upserts.isEmpty() && deletes.isEmpty()) {
      return;
    }
    Schema schema = table.schema();
    Schema keySchema = schema.select(keyColumns);
    int[] keyIds = keyColumns.stream().mapToInt(c -> schema.findField(c).fieldId()).toArray();
    OutputFileFactory files = OutputFileFactory.builderFor(table, 1, System.nanoTime()).format(FileFormat.PARQUET).build();
    GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table)
        .dataFileFormat(FileFormat.PARQUET).deleteFileFormat(FileFormat.PARQUET)
        .equalityFieldIds(keyIds).equalityDeleteRowSchema(keySchema)
        .build();
    RowDelta delta = table.newRowDelta();
    properties.forEach(delta::set);

    // a key once: several new rows may share it (a record's blocking keys)
    StructLikeSet keySet = StructLikeSet.create(keySchema.asStruct());
    List<Record> keys = new ArrayList<>(upserts.size() + deletes.size());
    for (List<Row> rows : List.of(upserts, deletes)) {
      for (Row r : rows) {
        Record key = toRecord(r, keySchema);
        if (keySet.add(key)) {
          keys.add(key);
        }
      }
    }
    PartitionSpec spec = table.spec();
    for (StructLike partition : spec.isUnpartitioned() ? List.<StructLike>of(new PartitionKey(spec, schema)) : partitionsWithData) {
      EqualityDeleteWriter<Record> writer = writers.newEqualityDeleteWriter(files.newOutputFile(spec, partition), spec, partition);
      try (writer) {
        keys.forEach(writer::write);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write equality deletes to " + table.name(), e);
      }
      delta.addDeletes(writer.toDeleteFile());
    }

    StructLikeMap<List<Record>> byPartition = StructLikeMap.create(spec.partitionType());
    for (Row r : upserts) {
      Record record = toRecord(r, schema);
      PartitionKey key = new PartitionKey(spec, schema);
      key.partition(record);
      byPartition.computeIfAbsent(key.copy(), k -> new ArrayList<>()).add(record);
    }
    byPartition.forEach((partition, records) -> {
      DataWriter<Record> writer = writers.newDataWriter(files.newOutputFile(spec, partition), spec, partition);
      try (writer) {
        records.forEach(writer::write);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write rows to " + table.name(), e);
      }
      DataFile file = writer.toDataFile();
      delta.addRows(file);
    });
    delta.commit();
  }

  /** The row's fields named as {@code schema}'s columns, converted to Iceberg's generic values. */
  static Record toRecord(Row row, Schema schema) {
    GenericRecord record = GenericRecord.create(schema);
    for (Types.NestedField field : schema.columns()) {
      int i;
      try {
        i = row.fieldIndex(field.name());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Cannot write a row without column " + field.name() + " (has " + row.schema().simpleString() + ")", e);
      }
      Object value = row.isNullAt(i) ? null : value(row, i, field.type());
      if (value == null && field.isRequired()) {
        throw new IllegalArgumentException("Cannot write a null " + field.name() + ": the column is required");
      }
      record.setField(field.name(), value);
    }
    return record;
  }

  private static Object value(Row row, int i, Type type) {
    return switch (type.typeId()) {
      case STRING, LONG, INTEGER, DOUBLE, FLOAT, BOOLEAN -> row.get(i);
      case TIMESTAMP -> {
        Object v = row.get(i);
        Instant instant = v instanceof Instant in ? in : ((java.sql.Timestamp) v).toInstant();
        yield ((Types.TimestampType) type).shouldAdjustToUTC() ? instant.atOffset(ZoneOffset.UTC)
            : instant.atOffset(ZoneOffset.UTC).toLocalDateTime();
      }
      case DATE -> {
        Object v = row.get(i);
        yield v instanceof LocalDate d ? d : ((java.sql.Date) v).toLocalDate();
      }
      case LIST -> new ArrayList<>(row.getList(i));
      default -> throw new IllegalArgumentException("Cannot write a " + type + " column from the driver");
    };
  }
}
