package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.cdhub.jobs.HubJobs;
import org.cdhub.jobs.JobConfig;
import org.cdhub.jobs.JobResult;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.Progress;
import org.cdhub.jobs.RecordRows;
import org.cdhub.jobs.SourceContractSet;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.entity.SilverPerson;
import org.cdhub.model.lakehouse.BronzeEnvelope;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Bronze to silver for every person feed: maps raw fields by the feed's contract onto
 * silver.person, standardizing with the domain kernel on the executors; rows that break a
 * rule go to silver.quarantine. Every bronze row ends in exactly one of the two, and the job
 * checks that before it commits.
 *
 * <p>Incremental by batch: a bronze batch is done when its silver plus quarantined rows equal
 * its bronze rows. Done batches are skipped, so a re-run changes nothing; a batch left half
 * written by a killed run is cleared and redone.
 */
public final class StandardizePersonJob {
  public static final String NAME = "standardize";
  static final String KIND = "kind";
  static final String SILVER = "SILVER";
  static final String QUARANTINE = "QUARANTINE";

  private StandardizePersonJob() {}

  public static void main(String[] args) {
    HubJobs.mainFor(NAME, args);
  }

  public static JobResult run(SparkSession spark, JobConfig config) {
    requireNonNull(spark, "spark is null");
    requireNonNull(config, "config is null");
    Progress progress = Progress.stderr(NAME);
    Lakehouse lake = new Lakehouse(spark, config.lakehouse().catalogName());
    SourceContractSet contracts = SourceContractSet.load(config.contracts());
    List<SourceContract> personFeeds = contracts.ofEntity(EntityType.PERSON);
    progress.say("%d person feed(s) in %s: %s", personFeeds.size(), contracts.origin(),
        personFeeds.stream().map(SourceContract::feed).toList());
    lake.createIfMissing(LakehouseTable.SILVER_PERSON);
    lake.createIfMissing(LakehouseTable.QUARANTINE);
    Instant now = Instant.now();
    FeedRun total = FeedRun.NONE;
    int feeds = 0;
    for (SourceContract contract : personFeeds) {
      TableIdentifier bronze = LakehouseTable.bronze(contract.feed());
      if (!lake.exists(bronze)) {
        progress.say("%s: no bronze table %s yet, skipped", contract.feed(), bronze);
        continue;
      }
      feeds++;
      total = total.plus(standardizeFeed(lake, contract, now, progress));
    }
    return JobResult.of(NAME)
        .put("feeds", feeds)
        .put("batches", total.batches())
        .put("bronze_rows", total.bronzeRows())
        .put("silver_rows", total.silverRows())
        .put("quarantined", total.quarantined())
        .build();
  }

  /** What one feed contributed to a run. */
  record FeedRun(long batches, long bronzeRows, long silverRows, long quarantined) {
    static final FeedRun NONE = new FeedRun(0, 0, 0, 0);

    FeedRun plus(FeedRun o) {
      return new FeedRun(batches + o.batches, bronzeRows + o.bronzeRows, silverRows + o.silverRows, quarantined + o.quarantined);
    }
  }

  static FeedRun standardizeFeed(Lakehouse lake, SourceContract contract, Instant now, Progress progress) {
    String feed = contract.feed();
    PersonFieldMapping mapping = PersonFieldMapping.of(contract);
    TableIdentifier bronzeId = LakehouseTable.bronze(feed);
    Long snapshot = lake.currentSnapshotId(bronzeId);
    if (snapshot == null) {
      progress.say("%s: bronze table is empty", feed);
      return FeedRun.NONE;
    }
    // one bronze snapshot for the whole run: ledger counts and standardized rows see the same rows
    Dataset<Row> bronze = lake.readAt(bronzeId, snapshot);

    BatchLedger ledger = BatchLedger.of(
        countsByBatch(bronze, BronzeEnvelope.BATCH_ID),
        countsByBatch(lake.read(LakehouseTable.SILVER_PERSON).filter(col("source_system").equalTo(feed)), "batch_id"),
        countsByBatch(lake.read(LakehouseTable.QUARANTINE)
            .filter(col("source_system").equalTo(feed).and(col("stage").equalTo(PersonStandardizer.STAGE))), "batch_id"));
    if (ledger.pending().isEmpty()) {
      progress.say("%s: all %d batch(es) already standardized, nothing to do", feed, ledger.bronzeRowsByBatch().size());
      return FeedRun.NONE;
    }
    if (!ledger.partial().isEmpty()) {
      // a run died between the two commits: clear what it left and redo those batches
      progress.say("%s: %d batch(es) half written by an earlier run, redoing them", feed, ledger.partial().size());
      String batches = sqlList(ledger.partial());
      lake.delete(LakehouseTable.SILVER_PERSON.identifier(), "source_system = " + sqlString(feed) + " AND batch_id IN (" + batches + ")", NAME);
      lake.delete(LakehouseTable.QUARANTINE.identifier(), "source_system = " + sqlString(feed) + " AND stage = "
          + sqlString(PersonStandardizer.STAGE) + " AND batch_id IN (" + batches + ")", NAME);
    }
    progress.say("%s: standardizing %d batch(es)", feed, ledger.pending().size());

    Dataset<Row> input = bronze.filter(col(BronzeEnvelope.BATCH_ID).isin(ledger.pending().toArray()));
    StructType silverType = Lakehouse.sparkType(LakehouseTable.SILVER_PERSON.schema());
    StructType quarantineType = Lakehouse.sparkType(LakehouseTable.QUARANTINE.schema());
    StructType outcomeType = new StructType()
        .add(KIND, DataTypes.StringType, false)
        .add(SILVER, silverType, true)
        .add(QUARANTINE, quarantineType, true);
    Dataset<Row> outcomes = input
        .mapPartitions(new StandardizePartition(mapping, bronze.schema(), now), Encoders.row(outcomeType))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long bronzeRows = ledger.pendingRows();
      Map<String, Long> byKind = new HashMap<>();
      for (Row r : outcomes.groupBy(KIND).count().collectAsList()) {
        byKind.put(r.getString(0), r.getLong(1));
      }
      long silverRows = byKind.getOrDefault(SILVER, 0L);
      long quarantined = byKind.getOrDefault(QUARANTINE, 0L);
      Reconciliation.check(feed, bronzeRows, silverRows, quarantined);

      Dataset<Row> silver = outcomes.filter(col(KIND).equalTo(SILVER))
          .map((MapFunction<Row, Row>) r -> r.getStruct(1), Encoders.row(silverType));
      Dataset<Row> rejected = outcomes.filter(col(KIND).equalTo(QUARANTINE))
          .map((MapFunction<Row, Row>) r -> r.getStruct(2), Encoders.row(quarantineType));
      if (quarantined > 0) {
        lake.append(LakehouseTable.QUARANTINE.identifier(), rejected, NAME);
      }
      if (silverRows > 0) {
        lake.append(LakehouseTable.SILVER_PERSON.identifier(), silver, NAME);
      }
      progress.say("%s: %d bronze row(s) -> %d silver, %d quarantined", feed, bronzeRows, silverRows, quarantined);
      return new FeedRun(ledger.pending().size(), bronzeRows, silverRows, quarantined);
    } finally {
      outcomes.unpersist();
    }
  }

  private static Map<String, Long> countsByBatch(Dataset<Row> rows, String batchColumn) {
    Map<String, Long> out = new TreeMap<>();
    for (Row r : rows.groupBy(col(batchColumn)).count().collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }

  static String sqlString(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static String sqlList(java.util.Collection<String> values) {
    return String.join(", ", values.stream().map(StandardizePersonJob::sqlString).toList());
  }

  /**
   * Per batch: bronze rows against silver plus quarantined rows already written for it.
   *
   * @param bronzeRowsByBatch bronze rows per batch id
   * @param pending batches to standardize now (never touched, or half written)
   * @param partial batches an earlier run wrote only part of
   */
  record BatchLedger(Map<String, Long> bronzeRowsByBatch, List<String> pending, List<String> partial) {
    static BatchLedger of(Map<String, Long> bronze, Map<String, Long> silver, Map<String, Long> quarantine) {
      List<String> pending = new ArrayList<>();
      List<String> partial = new ArrayList<>();
      for (Map.Entry<String, Long> b : new TreeMap<>(bronze).entrySet()) {
        long done = silver.getOrDefault(b.getKey(), 0L) + quarantine.getOrDefault(b.getKey(), 0L);
        if (done != b.getValue()) {
          pending.add(b.getKey());
          if (done > 0) {
            partial.add(b.getKey());
          }
        }
      }
      return new BatchLedger(new LinkedHashMap<>(bronze), pending, partial);
    }

    long pendingRows() {
      return pending.stream().mapToLong(bronzeRowsByBatch::get).sum();
    }
  }

  /** Runs the standardizer over one partition of bronze rows: one outcome row per bronze row. */
  static final class StandardizePartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final PersonFieldMapping mapping;
    private final int[] rawIndex;
    private final int[] envelopeIndex;
    private final Instant now;

    StandardizePartition(PersonFieldMapping mapping, StructType bronzeType, Instant now) {
      this.mapping = mapping;
      this.now = now;
      List<String> names = List.of(bronzeType.fieldNames());
      this.rawIndex = mapping.fields().stream().mapToInt(f -> names.indexOf(f.name())).toArray();
      this.envelopeIndex = new int[] {
          names.indexOf(BronzeEnvelope.SOURCE_SYSTEM), names.indexOf(BronzeEnvelope.SOURCE_RECORD_ID),
          names.indexOf(BronzeEnvelope.BATCH_ID), names.indexOf(BronzeEnvelope.INGESTED_AT)};
      for (int i : envelopeIndex) {
        if (i < 0) {
          throw new IllegalArgumentException("Cannot standardize feed " + mapping.feed()
              + ": bronze table lacks envelope columns " + BronzeEnvelope.COLUMNS + ", has " + names);
        }
      }
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      PersonStandardizer standardizer = new PersonStandardizer(mapping);
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row row = rows.next();
          Map<String, String> raw = new LinkedHashMap<>();
          for (int i = 0; i < rawIndex.length; i++) {
            // a contract field the bronze table does not have (yet) reads as absent
            raw.put(mapping.fields().get(i).name(), rawIndex[i] < 0 || row.isNullAt(rawIndex[i]) ? null : row.getString(rawIndex[i]));
          }
          // the table names the feed; the ledger counts silver and quarantine rows by it
          BronzeRecord record = new BronzeRecord(mapping.feed(), row.getString(envelopeIndex[1]),
              row.getString(envelopeIndex[2]), row.getAs(envelopeIndex[3]), raw);
          StandardizeOutcome<SilverPerson> outcome = standardizer.standardize(record, now);
          if (outcome instanceof StandardizeOutcome.Standardized<SilverPerson> s) {
            return RowFactory.create(SILVER, RecordRows.toRow(s.record()), null);
          }
          return RowFactory.create(QUARANTINE, null, RecordRows.toRow(((StandardizeOutcome.Quarantined<SilverPerson>) outcome).record()));
        }
      };
    }
  }
}
