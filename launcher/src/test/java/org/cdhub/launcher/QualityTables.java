package org.cdhub.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
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
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.cdhub.model.schema.TableSchemas;

/**
 * ops.quality_run, ops.quality_metric and silver.quarantine in a temp data directory (embedded
 * profile), written with the plain Iceberg generic writer as the standardize job's tables would be.
 */
final class QualityTables implements AutoCloseable {
  private final JdbcCatalog catalog;
  private long fileSequence;

  QualityTables(Path dataDir) {
    LakehouseConfig config = LakehouseConfig.embedded(dataDir);
    catalog = new JdbcCatalog();
    catalog.initialize(config.catalogName(), config.icebergCatalogProperties(true));
    for (LakehouseTable t : List.of(LakehouseTable.QUALITY_RUN, LakehouseTable.QUALITY_METRIC, LakehouseTable.QUARANTINE)) {
      Namespace ns = t.identifier().namespace();
      if (!catalog.namespaceExists(ns)) {
        catalog.createNamespace(ns);
      }
      catalog.createTable(t.identifier(), t.schema(), t.partitionSpec());
    }
  }

  /** Appends the rows (records of the table's row type) in one commit, one Parquet file per partition. */
  QualityTables append(LakehouseTable t, List<? extends java.lang.Record> rows) {
    Table table = catalog.loadTable(t.identifier());
    Map<PartitionKey, List<Record>> byPartition = new LinkedHashMap<>();
    for (java.lang.Record row : rows) {
      Record r = toRecord(table, row);
      PartitionKey key = new PartitionKey(table.spec(), table.schema());
      key.partition(r);
      byPartition.computeIfAbsent(key.copy(), k -> new ArrayList<>()).add(r);
    }
    OutputFileFactory files = OutputFileFactory.builderFor(table, 1, ++fileSequence).format(FileFormat.PARQUET).build();
    GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET).build();
    AppendFiles append = table.newAppend();
    byPartition.forEach((partition, records) -> {
      DataWriter<Record> writer = writers.newDataWriter(files.newOutputFile(table.spec(), partition), table.spec(), partition);
      try (writer) {
        records.forEach(writer::write);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write test rows of " + t.qualifiedName(), e);
      }
      append.appendFile(writer.toDataFile());
    });
    append.commit();
    return this;
  }

  /** Column = snake_case of the component (TableSchemas); enums as names, instants as timestamptz. */
  private static Record toRecord(Table table, java.lang.Record row) {
    GenericRecord r = GenericRecord.create(table.schema());
    for (RecordComponent c : row.getClass().getRecordComponents()) {
      Object v;
      try {
        v = c.getAccessor().invoke(row);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
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

  @Override
  public void close() {
    catalog.close();
  }
}
