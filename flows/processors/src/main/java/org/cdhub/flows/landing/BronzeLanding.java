package org.cdhub.flows.landing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Types;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.lakehouse.BronzeEnvelope;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Lands batches in the lakehouse with the plain Iceberg Java API: admitted records into
 * {@code bronze.<feed>}, rejected ones into {@code silver.quarantine}, one Parquet file and one
 * append per table and batch. Each append carries the batch id in its snapshot summary
 * ({@link BronzeEnvelope#SNAPSHOT_BATCH_PROPERTY}); a batch a table already holds is skipped,
 * so a replayed delivery adds nothing. Bronze tables are created from the contract when missing
 * and gain a string column when the source adds a field.
 */
public final class BronzeLanding {
  /** Tables stay at format v2: Trino 476 reads up to v2 (STACK.md). */
  static final String FORMAT_VERSION = "2";

  private final Catalog catalog;

  public BronzeLanding(Catalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  public LandingResult land(SourceContract contract, LandingBatch batch) {
    requireNonNull(contract, "contract is null");
    requireNonNull(batch, "batch is null");
    if (!contract.feed().equals(batch.feed())) {
      throw new IllegalArgumentException("Cannot land batch " + batch.batchId() + " with the contract of feed " + contract.feed());
    }
    Long bronzeSnapshot = null;
    Long quarantineSnapshot = null;
    boolean replayed = true;
    if (!batch.landing().isEmpty()) {
      Table bronze = bronzeTable(contract);
      Optional<Snapshot> done = snapshotOf(bronze, batch.batchId());
      if (done.isPresent()) {
        bronzeSnapshot = done.get().snapshotId();
      } else {
        evolve(bronze, batch);
        bronzeSnapshot = append(bronze, batch.batchId(), bronzeRows(bronze.schema(), batch));
        replayed = false;
      }
    }
    if (!batch.quarantine().isEmpty()) {
      Table quarantine = table(LakehouseTable.QUARANTINE.identifier(), LakehouseTable.QUARANTINE.schema(),
          LakehouseTable.QUARANTINE.partitionSpec());
      Optional<Snapshot> done = snapshotOf(quarantine, batch.batchId());
      if (done.isPresent()) {
        quarantineSnapshot = done.get().snapshotId();
      } else {
        quarantineSnapshot = append(quarantine, batch.batchId(), quarantineRows(quarantine.schema(), batch));
        replayed = false;
      }
    }
    if (batch.read() == 0) {
      replayed = false;
    }
    return new LandingResult(batch.batchId(), batch.read(), batch.landing().size(), batch.quarantine().size(),
        bronzeSnapshot, quarantineSnapshot, replayed);
  }

  /** The snapshot that committed {@code batchId} to {@code table}, if any. */
  public static Optional<Snapshot> snapshotOf(Table table, String batchId) {
    for (Snapshot s : table.snapshots()) {
      if (batchId.equals(s.summary().get(BronzeEnvelope.SNAPSHOT_BATCH_PROPERTY))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private Table bronzeTable(SourceContract contract) {
    return table(LakehouseTable.bronze(contract.feed()), BronzeEnvelope.schemaFor(contract), PartitionSpec.unpartitioned());
  }

  private Table table(TableIdentifier id, Schema schema, PartitionSpec spec) {
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

  /** Adds an optional string column for each raw field the source sent that the table lacks. */
  private static void evolve(Table table, LandingBatch batch) {
    List<String> added = new ArrayList<>();
    for (String name : batch.rawFieldNames()) {
      if (BronzeEnvelope.COLUMNS.contains(name)) {
        throw new IllegalArgumentException("Cannot land batch " + batch.batchId() + " of feed " + batch.feed()
            + ": source field name is reserved for the bronze envelope: " + name);
      }
      if (table.schema().findField(name) == null) {
        added.add(name);
      }
    }
    if (!added.isEmpty()) {
      var update = table.updateSchema();
      added.forEach(name -> update.addColumn(name, Types.StringType.get(), "Added by the source (first in batch " + batch.batchId() + ")"));
      update.commit();
      table.refresh();
    }
  }

  private static List<Record> bronzeRows(Schema schema, LandingBatch batch) {
    GenericRecord template = GenericRecord.create(schema);
    OffsetDateTime at = batch.ingestedAt().atOffset(ZoneOffset.UTC);
    List<Record> rows = new ArrayList<>(batch.landing().size());
    for (LandingBatch.Landing l : batch.landing()) {
      GenericRecord row = template.copy();
      row.setField(BronzeEnvelope.SOURCE_SYSTEM, batch.feed());
      row.setField(BronzeEnvelope.SOURCE_RECORD_ID, l.recordId());
      row.setField(BronzeEnvelope.BATCH_ID, batch.batchId());
      row.setField(BronzeEnvelope.INGESTED_AT, at);
      row.setField(BronzeEnvelope.PAYLOAD_HASH, l.payloadHash());
      for (Map.Entry<String, String> f : l.record().fields().entrySet()) {
        row.setField(f.getKey(), f.getValue());
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<Record> quarantineRows(Schema schema, LandingBatch batch) {
    GenericRecord template = GenericRecord.create(schema);
    OffsetDateTime at = batch.ingestedAt().atOffset(ZoneOffset.UTC);
    List<Record> rows = new ArrayList<>(batch.quarantine().size());
    for (LandingBatch.Quarantine q : batch.quarantine()) {
      GenericRecord row = template.copy();
      row.setField("source_system", batch.feed());
      row.setField("source_record_id", q.verdict().recordId());
      row.setField("batch_id", batch.batchId());
      row.setField("stage", IngestRules.STAGE);
      row.setField("field", q.verdict().field());
      row.setField("rule", q.verdict().rule());
      row.setField("reason", q.verdict().reason());
      row.setField("value_masked", q.verdict().valueMasked());
      row.setField("payload", q.record().canonicalJson());
      row.setField("quarantined_at", at);
      rows.add(row);
    }
    return rows;
  }

  /** Writes {@code rows} to one Parquet file and appends it; returns the new snapshot id. */
  private static long append(Table table, String batchId, List<Record> rows) {
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
    DataFile file = write(writers, out, spec, partition, rows, batchId, table);
    try {
      table.newAppend().appendFile(file).set(BronzeEnvelope.SNAPSHOT_BATCH_PROPERTY, batchId).commit();
    } catch (CommitStateUnknownException unknown) {
      throw unknown; // the file may be referenced by a committed snapshot: keep it
    } catch (RuntimeException e) {
      table.io().deleteFile(file.location());
      throw e;
    }
    table.refresh();
    return snapshotOf(table, batchId)
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
