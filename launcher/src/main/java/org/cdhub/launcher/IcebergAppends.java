package org.cdhub.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.cdhub.model.schema.TableSchemas;

/**
 * Appends rows given as the model's Java records to an Iceberg table whose schema
 * {@link TableSchemas} derived from them, with the plain Iceberg API: one commit, one Parquet
 * file per partition. For the few rows the launcher writes itself (steward decisions).
 */
final class IcebergAppends {
  private IcebergAppends() {}

  static void append(Table table, List<? extends java.lang.Record> rows, String job) {
    Map<PartitionKey, List<Record>> byPartition = new LinkedHashMap<>();
    for (java.lang.Record row : rows) {
      Record r = toRecord(table, row);
      PartitionKey key = new PartitionKey(table.spec(), table.schema());
      key.partition(r);
      byPartition.computeIfAbsent(key.copy(), k -> new ArrayList<>()).add(r);
    }
    OutputFileFactory files = OutputFileFactory.builderFor(table, 1, System.nanoTime()).format(FileFormat.PARQUET).build();
    GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET).build();
    AppendFiles append = table.newAppend().set("hub.job", job);
    byPartition.forEach((partition, records) -> {
      DataWriter<Record> writer = writers.newDataWriter(files.newOutputFile(table.spec(), partition), table.spec(), partition);
      try (writer) {
        records.forEach(writer::write);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write rows to " + table.name(), e);
      }
      append.appendFile(writer.toDataFile());
    });
    append.commit();
  }

  /** Column = snake_case of the component (TableSchemas); enums as names, instants as timestamptz. */
  static Record toRecord(Table table, java.lang.Record row) {
    GenericRecord r = GenericRecord.create(table.schema());
    for (RecordComponent c : row.getClass().getRecordComponents()) {
      Object v;
      try {
        v = c.getAccessor().invoke(row);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Cannot read " + c.getName() + " of " + row.getClass().getSimpleName(), e);
      }
      if (v instanceof Enum<?> e) {
        v = e.name();
      } else if (v instanceof Instant i) {
        v = i.atOffset(ZoneOffset.UTC);
      }
      r.setField(TableSchemas.columnName(c.getName()), v);
    }
    return r;
  }
}
