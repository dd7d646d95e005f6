package org.cdhub.flows.landing;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.DataFile;
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
    Outcome outcome = landAll(contract, List.of(batch), Runnable::run).get(0);
    if (outcome.failure() != null) {
      throw outcome.failure();
    }
    return outcome.result();
  }

  /** What became of one batch of {@link #landAll}: its result, or why it could not be landed. */
  public record Outcome(LandingBatch batch, LandingResult result, RuntimeException failure) {}

  /**
   * Lands several batches of one feed, writing their Parquet files in parallel on {@code executor}
   * and committing them one by one in delivery order. Replays are found and new source columns
   * added first, one batch after the other, so every file is written with the final schema. A
   * batch that fails does not stop the others.
   */
  public List<Outcome> landAll(SourceContract contract, List<LandingBatch> batches, java.util.concurrent.Executor executor) {
    requireNonNull(contract, "contract is null");
    requireNonNull(batches, "batches is null");
    requireNonNull(executor, "executor is null");
    List<Plan> plans = new ArrayList<>(batches.size());
    java.util.Map<String, Plan> firstOf = new java.util.HashMap<>();
    Table bronze = null;
    Table quarantine = null;
    for (LandingBatch batch : batches) {
      Plan plan = new Plan(batch);
      plans.add(plan);
      try {
        if (!contract.feed().equals(batch.feed())) {
          throw new IllegalArgumentException("Cannot land batch " + batch.batchId() + " with the contract of feed " + contract.feed());
        }
        Plan first = firstOf.putIfAbsent(batch.batchId(), plan);
        if (first != null) {
          plan.sameAs = first; // delivered twice in one go: the second is a replay of the first
          continue;
        }
        if (!batch.landing().isEmpty()) {
          bronze = bronze != null ? bronze : bronzeTable(contract);
          Optional<Snapshot> done = snapshotOf(bronze, batch.batchId());
          if (done.isPresent()) {
            plan.bronzeSnapshot = done.get().snapshotId();
          } else {
            evolve(bronze, batch);
            plan.bronze = bronze;
          }
        }
        if (!batch.quarantine().isEmpty()) {
          quarantine = quarantine != null ? quarantine : TableAppends.createOrLoad(catalog, LakehouseTable.QUARANTINE);
          Optional<Snapshot> done = snapshotOf(quarantine, batch.batchId());
          if (done.isPresent()) {
            plan.quarantineSnapshot = done.get().snapshotId();
          } else {
            plan.quarantine = quarantine;
          }
        }
      } catch (RuntimeException e) {
        plan.failure = e;
      }
    }
    // write the new files in parallel, with the schema every evolution above left
    List<java.util.concurrent.CompletableFuture<Void>> writes = new ArrayList<>();
    for (Plan plan : plans) {
      if (plan.failure == null && plan.sameAs == null && (plan.bronze != null || plan.quarantine != null)) {
        writes.add(java.util.concurrent.CompletableFuture.runAsync(plan::write, executor));
      }
    }
    writes.forEach(w -> {
      try {
        w.join();
      } catch (java.util.concurrent.CompletionException ignored) {
        // Plan.write keeps its own failure
      }
    });
    // commit in delivery order
    List<Outcome> outcomes = new ArrayList<>(plans.size());
    for (Plan plan : plans) {
      outcomes.add(plan.commit());
    }
    return outcomes;
  }

  /** One batch on its way: what it still needs written, then committed. */
  private static final class Plan {
    final LandingBatch batch;
    Table bronze;
    Table quarantine;
    Long bronzeSnapshot;
    Long quarantineSnapshot;
    DataFile bronzeFile;
    DataFile quarantineFile;
    Plan sameAs;
    Outcome outcome;
    volatile RuntimeException failure;

    Plan(LandingBatch batch) {
      this.batch = batch;
    }

    void write() {
      try {
        if (bronze != null) {
          bronzeFile = TableAppends.writeFile(bronze, batch.batchId(), bronzeRows(bronze.schema(), batch));
        }
        if (quarantine != null) {
          quarantineFile = TableAppends.writeFile(quarantine, batch.batchId(), quarantineRows(quarantine.schema(), batch));
        }
      } catch (RuntimeException e) {
        failure = e;
        deleteWritten(e);
      }
    }

    Outcome commit() {
      if (sameAs != null) {
        Outcome first = sameAs.outcome;
        outcome = first.failure() != null ? new Outcome(batch, null, first.failure())
            : new Outcome(batch, new LandingResult(batch.batchId(), batch.read(), batch.landing().size(), batch.quarantine().size(),
                first.result().bronzeSnapshotId(), first.result().quarantineSnapshotId(), batch.read() > 0), null);
        return outcome;
      }
      boolean replayed = true;
      try {
        if (failure != null) {
          throw failure;
        }
        if (bronzeFile != null) {
          bronzeSnapshot = TableAppends.commit(bronze, batch.batchId(), bronzeFile);
          bronzeFile = null;
          replayed = false;
        }
        if (quarantineFile != null) {
          quarantineSnapshot = TableAppends.commit(quarantine, batch.batchId(), quarantineFile);
          quarantineFile = null;
          replayed = false;
        }
      } catch (RuntimeException e) {
        deleteWritten(e);
        outcome = new Outcome(batch, null, e);
        return outcome;
      }
      if (batch.read() == 0) {
        replayed = false;
      }
      outcome = new Outcome(batch, new LandingResult(batch.batchId(), batch.read(), batch.landing().size(),
          batch.quarantine().size(), bronzeSnapshot, quarantineSnapshot, replayed), null);
      return outcome;
    }

    /** Files written but not committed are removed; a file a commit may have taken (state unknown) is kept. */
    private void deleteWritten(RuntimeException cause) {
      if (cause instanceof org.apache.iceberg.exceptions.CommitStateUnknownException) {
        return;
      }
      if (bronzeFile != null) {
        deleteQuietly(bronze, bronzeFile);
      }
      if (quarantineFile != null) {
        deleteQuietly(quarantine, quarantineFile);
      }
    }

    private static void deleteQuietly(Table table, DataFile file) {
      try {
        table.io().deleteFile(file.location());
      } catch (RuntimeException ignored) {
        // an orphan file is harmless: no snapshot references it
      }
    }
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
