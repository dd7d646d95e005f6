package org.cdhub.api.returndata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.cdhub.model.lakehouse.LakehouseTable;

/** Writes rows into any gold table of a test lakehouse, one data file per partition, one commit. */
public final class GoldTableRows {
  private GoldTableRows() {}

  /** Rows as column name to value; instants are stored as the table's timestamptz. */
  public static void append(Catalog catalog, LakehouseTable which, List<Map<String, Object>> rows) {
    append(catalog, which.identifier(), which.schema(), which.partitionSpec(), rows);
  }

  /** Rows of any table, e.g. a bronze one, created unpartitioned or as {@code spec} says when it does not exist. */
  public static void append(Catalog catalog, TableIdentifier name, org.apache.iceberg.Schema schema,
      org.apache.iceberg.PartitionSpec spec, List<Map<String, Object>> rows) {
    if (!((SupportsNamespaces) catalog).namespaceExists(Namespace.of(name.namespace().level(0)))) {
      ((SupportsNamespaces) catalog).createNamespace(name.namespace());
    }
    Table table = catalog.tableExists(name) ? catalog.loadTable(name) : catalog.createTable(name, schema, spec);
    OutputFileFactory files = OutputFileFactory.builderFor(table, 7, System.nanoTime()).format(FileFormat.PARQUET).build();
    GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET).build();
    AppendFiles append = table.newAppend();
    // one data file per partition
    Map<PartitionKey, DataWriter<Record>> writersByPartition = new java.util.LinkedHashMap<>();
    for (Map<String, Object> values : rows) {
      GenericRecord r = GenericRecord.create(table.schema());
      values.forEach((k, v) -> r.setField(k, v instanceof Instant i ? i.atOffset(ZoneOffset.UTC) : v));
      PartitionKey partition = new PartitionKey(table.spec(), table.schema());
      partition.partition(r);
      writersByPartition.computeIfAbsent(partition.copy(),
          p -> writers.newDataWriter(files.newOutputFile(table.spec(), p), table.spec(), p)).write(r);
    }
    for (DataWriter<Record> writer : writersByPartition.values()) {
      try {
        writer.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + name + " test rows", e);
      }
      append.appendFile(writer.toDataFile());
    }
    append.commit();
  }
}
