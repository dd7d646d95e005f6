package org.cdhub.flows.landing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.OutputFileFactory;
import org.cdhub.model.lakehouse.BronzeEnvelope;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * The two Iceberg moves the landing step makes: create a table when it is missing, and append
 * rows as one Parquet file in one commit whose snapshot summary names the batch.
 */
final class TableAppends {
  /** Tables stay at format v2: Trino 476 reads up to v2 (STACK.md). */
  static final String FORMAT_VERSION = "2";

  private TableAppends() {}

  static Table createOrLoad(Catalog catalog, LakehouseTable table) {
    return createOrLoad(catalog, table.identifier(), table.schema(), table.partitionSpec());
  }

  static Table createOrLoad(Catalog catalog, TableIdentifier id, Schema schema, PartitionSpec spec) {
    return createOrLoad(catalog, id, schema, spec, java.util.Map.of());
  }

  static Table createOrLoad(Catalog catalog, TableIdentifier id, Schema schema, PartitionSpec spec,
      java.util.Map<String, String> properties) {
    if (catalog.tableExists(id)) {
      return catalog.loadTable(id);
    }
    if (catalog instanceof SupportsNamespaces namespaces) {
      Namespace ns = id.namespace();
      if (!namespaces.namespaceExists(ns)) {
        try {
          namespaces.createNamespace(ns);
        } catch (AlreadyExistsException raced) {
          // another writer created it first: fine
        }
      }
    }
    try {
      return catalog.buildTable(id, schema)
          .withPartitionSpec(spec.isUnpartitioned() ? PartitionSpec.unpartitioned() : rebind(spec, schema))
          .withProperty(TableProperties.FORMAT_VERSION, FORMAT_VERSION)
          .withProperties(properties)
          .create();
    } catch (AlreadyExistsException raced) {
      return catalog.loadTable(id);
    }
  }

  private static PartitionSpec rebind(PartitionSpec spec, Schema schema) {
    PartitionSpec.Builder b = PartitionSpec.builderFor(schema);
    spec.fields().forEach(f -> b.identity(spec.schema().findColumnName(f.sourceId())));
    return b.build();
  }

  /**
   * Writes {@code rows} (all of one partition) to one Parquet file and appends it with
   * {@code batchId} in the snapshot summary; returns the new snapshot id.
   */
  static long append(Table table, String batchId, List<Record> rows) {
    return commit(table, batchId, writeFile(table, batchId, rows));
  }

  /**
   * Writes {@code rows} (all of one partition) to one new Parquet file of {@code table}, not yet
   * part of it. Safe to call from several threads at once (each batch gets its own file).
   */
  static DataFile writeFile(Table table, String batchId, List<Record> rows) {
    PartitionSpec spec = table.spec();
    StructLike partition = null;
    if (!spec.isUnpartitioned()) {
      PartitionKey key = new PartitionKey(spec, table.schema());
      key.partition(rows.get(0));
      partition = key;
    }
    GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table)
        .dataFileFormat(FileFormat.PARQUET)
        .dataSchema(table.schema())
        .build();
    OutputFileFactory files = OutputFileFactory.builderFor(table, 1, System.currentTimeMillis())
        .format(FileFormat.PARQUET)
        .operationId(batchId)
        .build();
    EncryptedOutputFile out = partition == null ? files.newOutputFile() : files.newOutputFile(spec, partition);
    return write(writers, out, spec, partition, rows, batchId, table);
  }

  /** Appends a written file with {@code batchId} in the snapshot summary; returns the new snapshot id. */
  static long commit(Table table, String batchId, DataFile file) {
    try {
      table.newAppend().appendFile(file).set(BronzeEnvelope.SNAPSHOT_BATCH_PROPERTY, batchId).commit();
    } catch (CommitStateUnknownException unknown) {
      throw unknown; // the file may be referenced by a committed snapshot: keep it
    } catch (RuntimeException e) {
      table.io().deleteFile(file.location());
      throw e;
    }
    table.refresh();
    return BronzeLanding.snapshotOf(table, batchId)
        .map(Snapshot::snapshotId)
        .orElseThrow(() -> new IllegalStateException("Cannot find the snapshot of batch " + batchId + " in " + table.name() + " after committing it"));
  }

  private static DataFile write(GenericFileWriterFactory writers, EncryptedOutputFile out, PartitionSpec spec,
      StructLike partition, List<Record> rows, String batchId, Table table) {
    String location = out.encryptingOutputFile().location();
    DataWriter<Record> writer = writers.newDataWriter(out, spec, partition);
    try {
      try (writer) {
        rows.forEach(writer::write);
      }
      return writer.toDataFile();
    } catch (IOException e) {
      UncheckedIOException failure = new UncheckedIOException(
          "Cannot write batch " + batchId + " of " + table.name() + " to " + location, e);
      deleteQuietly(table.io(), location, failure);
      throw failure;
    } catch (RuntimeException e) {
      deleteQuietly(table.io(), location, e);
      throw e;
    }
  }

  private static void deleteQuietly(FileIO io, String location, Exception cause) {
    try {
      io.deleteFile(location);
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}
