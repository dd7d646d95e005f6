package org.cdhub.flows.landing;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.cdhub.model.contract.FieldFormat;
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
        bronzeSnapshot = TableAppends.append(bronze, batch.batchId(), bronzeRows(bronze.schema(), batch));
        replayed = false;
      }
    }
    if (!batch.quarantine().isEmpty()) {
      Table quarantine = TableAppends.createOrLoad(catalog, LakehouseTable.QUARANTINE);
      Optional<Snapshot> done = snapshotOf(quarantine, batch.batchId());
      if (done.isPresent()) {
        quarantineSnapshot = done.get().snapshotId();
      } else {
        quarantineSnapshot = TableAppends.append(quarantine, batch.batchId(), quarantineRows(quarantine.schema(), batch));
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
    return TableAppends.createOrLoad(catalog, LakehouseTable.bronze(contract.feed()), BronzeEnvelope.schemaFor(contract),
        PartitionSpec.unpartitioned(), tableProperties(contract));
  }

  /** Formats whose values are nearly all distinct: a Parquet dictionary only costs time before it falls back. */
  private static final java.util.Set<FieldFormat> DISTINCT_FORMATS = java.util.EnumSet.of(
      FieldFormat.CITIZEN_ID, FieldFormat.MOBILE, FieldFormat.CREDIT_CODE, FieldFormat.CHINESE_NAME, FieldFormat.ADDRESS);

  /**
   * Bronze table properties: no dictionary encoding for the columns whose values are nearly all
   * distinct (record ids, payload hashes, ID numbers, phones, names, addresses). Hashing every value
   * into a dictionary that then falls back to plain encoding was the largest single cost of landing
   * (JFR on 100k rows); low-cardinality columns (codes, dates, the batch id) keep their dictionaries.
   */
  static java.util.Map<String, String> tableProperties(SourceContract contract) {
    java.util.Set<String> distinct = new java.util.TreeSet<>(List.of(BronzeEnvelope.SOURCE_RECORD_ID, BronzeEnvelope.PAYLOAD_HASH));
    distinct.addAll(contract.recordId());
    contract.fields().stream().filter(f -> DISTINCT_FORMATS.contains(f.format())).forEach(f -> distinct.add(f.name()));
    java.util.Map<String, String> properties = new java.util.TreeMap<>();
    distinct.forEach(column -> properties.put(DICTIONARY_ENABLED_PREFIX + column, "false"));
    return properties;
  }

  /** Iceberg's per-column Parquet dictionary switch (Parquet.WriteBuilder, Iceberg 1.12). */
  static final String DICTIONARY_ENABLED_PREFIX = "write.parquet.dict-encoding-enabled.column.";

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

}
