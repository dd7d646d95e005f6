package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cdhub.jobs.HubJobs;
import org.cdhub.jobs.JobConfig;
import org.cdhub.jobs.JobResult;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.Progress;
import org.cdhub.jobs.RecordRows;
import org.cdhub.jobs.SourceContractSet;
import org.cdhub.jobs.quality.FeedQualityGate;
import org.cdhub.jobs.quality.QualityThresholds;
import org.cdhub.jobs.quality.QualityVerdict;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.entity.SilverPlace;
import org.cdhub.model.lakehouse.BronzeEnvelope;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.cdhub.model.ops.QualityRun;

/**
 * Bronze to silver for every feed with a contract: each bronze row becomes one silver record
 * of the feed's entity or one quarantined record, standardized by the contract and the domain
 * kernel on the executors. Before anything is committed, every bronze batch must add up
 * (bronze = silver + quarantined) and the feed's dataset-level quality checks (Deequ) must
 * pass; a feed whose checks fail is refused: nothing of it is published, the run is recorded
 * as REFUSED and the job fails once the other feeds are done.
 *
 * <p>Incremental: the bronze snapshot a feed was last published at is its watermark, kept in
 * {@code ops.quality_run}; a run reads only what bronze appended since. A batch that a killed
 * run left complete is skipped, one it left half written is cleared and redone, so a re-run
 * changes nothing and a killed run resumes cleanly.
 *
 * <p>Place feeds go first: the compounds and houses they hold are the known places every other
 * feed's addresses are matched against.
 */
public final class StandardizeJob {
  public static final String NAME = "standardize";
  static final List<EntityType> ORDER =
      List.of(EntityType.PLACE, EntityType.ORGANIZATION, EntityType.THING, EntityType.EVENT, EntityType.PERSON);
  static final String KIND = "kind";
  static final String SILVER = "SILVER";
  static final String QUARANTINE = "QUARANTINE";

  private StandardizeJob() {}

  public static void main(String[] args) {
    HubJobs.mainFor(NAME, args);
  }

  /** Creates a feed's standardizer on an executor; tests swap in broken ones. */
  @FunctionalInterface
  public interface StandardizerFactory extends Serializable {
    RecordStandardizer<? extends Record> create(FeedMapping mapping, KnownPlaces places);
  }

  /**
   * The default gate: {@link QualityThresholds#defaults()} without the row-count band, since
   * incremental batches differ in size by nature (row counts are still kept and watched for
   * outliers).
   */
  public static JobResult run(SparkSession spark, JobConfig config) {
    return run(spark, config, QualityThresholds.defaults().withoutRowCountBand());
  }

  public static JobResult run(SparkSession spark, JobConfig config, QualityThresholds thresholds) {
    return run(spark, config, EntityStandardizers::create, thresholds);
  }

  static JobResult run(SparkSession spark, JobConfig config, StandardizerFactory factory) {
    return run(spark, config, factory, QualityThresholds.defaults().withoutRowCountBand());
  }

  static JobResult run(SparkSession spark, JobConfig config, StandardizerFactory factory, QualityThresholds thresholds) {
    requireNonNull(spark, "spark is null");
    requireNonNull(config, "config is null");
    long startNanos = System.nanoTime();
    Progress progress = Progress.stderr(NAME);
    Lakehouse lake = new Lakehouse(spark, config.lakehouse().catalogName());
    SourceContractSet contracts = SourceContractSet.load(config.contracts());
    lake.createIfMissing(LakehouseTable.QUARANTINE);
    lake.createIfMissing(LakehouseTable.QUALITY_RUN);
    lake.createIfMissing(LakehouseTable.QUALITY_METRIC);
    FeedQualityGate gate = new FeedQualityGate(lake, requireNonNull(thresholds, "thresholds is null"), Clock.systemUTC());
    FeedRun total = FeedRun.NONE;
    List<String> refused = new ArrayList<>();
    int feeds = 0;
    KnownPlaces places = null;
    for (EntityType entity : ORDER) {
      List<SourceContract> ofEntity = contracts.ofEntity(entity);
      lake.createIfMissing(EntityStandardizers.silverTable(entity));
      if (entity != EntityType.PLACE && places == null) {
        places = knownPlaces(lake);
        progress.say("%d known place(s) to match addresses against", places.size());
      }
      for (SourceContract contract : ofEntity) {
        TableIdentifier bronze = LakehouseTable.bronze(contract.feed());
        if (!lake.exists(bronze)) {
          progress.say("%s: no bronze table %s yet, skipped", contract.feed(), bronze);
          continue;
        }
        feeds++;
        FeedRun run = new FeedStandardization(lake, contract, factory, places == null ? KnownPlaces.NONE : places, gate, progress).run();
        total = total.plus(run);
        if (run.refusal() != null) {
          refused.add(run.refusal());
        }
      }
    }
    if (!refused.isEmpty()) {
      throw new IllegalStateException("Refused to publish " + refused.size() + " feed run(s), their batches stay pending: "
          + String.join("; ", refused));
    }
    return JobResult.of(NAME)
        .put("feeds", feeds)
        .put("batches", total.batches())
        .put("bronze_rows", total.bronzeRows())
        .put("silver_rows", total.silverRows())
        .put("quarantined", total.quarantined())
        .put("duration_ms", Duration.ofNanos(System.nanoTime() - startNanos).toMillis())
        .build();
  }

  /** Compounds and houses in silver.place, as the index executors match addresses against. */
  static KnownPlaces knownPlaces(Lakehouse lake) {
    if (lake.currentSnapshotId(LakehouseTable.SILVER_PLACE.identifier()) == null) {
      return KnownPlaces.NONE; // no place feed standardized yet
    }
    List<SilverPlace> places = new ArrayList<>();
    for (Row r : lake.read(LakehouseTable.SILVER_PLACE).collectAsList()) {
      places.add(RecordRows.fromRow(r, SilverPlace.class));
    }
    return KnownPlaces.of(places);
  }

  /** What one feed contributed to a run; {@code refusal} says why its rows were not published. */
  record FeedRun(long batches, long bronzeRows, long silverRows, long quarantined, String refusal) {
    static final FeedRun NONE = new FeedRun(0, 0, 0, 0, null);

    FeedRun plus(FeedRun o) {
      return new FeedRun(batches + o.batches, bronzeRows + o.bronzeRows, silverRows + o.silverRows, quarantined + o.quarantined,
          refusal == null ? o.refusal : refusal);
    }
  }

  /** One feed's run: watermark, pending batches, standardize, reconcile, check, commit. */
  static final class FeedStandardization {
    private final Lakehouse lake;
    private final SourceContract contract;
    private final StandardizerFactory factory;
    private final KnownPlaces places;
    private final FeedQualityGate gate;
    private final Progress progress;
    private final String feed;
    private final LakehouseTable silverTable;

    FeedStandardization(Lakehouse lake, SourceContract contract, StandardizerFactory factory, KnownPlaces places,
        FeedQualityGate gate, Progress progress) {
      this.lake = lake;
      this.contract = contract;
      this.factory = factory;
      this.places = places;
      this.gate = gate;
      this.progress = progress;
      this.feed = contract.feed();
      this.silverTable = EntityStandardizers.silverTable(contract.entity());
    }

    FeedRun run() {
      Instant started = Instant.now();
      TableIdentifier bronzeId = LakehouseTable.bronze(feed);
      Long snapshot = lake.currentSnapshotId(bronzeId);
      if (snapshot == null) {
        progress.say("%s: bronze table is empty", feed);
        return FeedRun.NONE;
      }
      Long watermark = publishedWatermark();
      if (watermark != null && watermark.longValue() == snapshot.longValue()) {
        progress.say("%s: bronze snapshot %d already standardized, nothing to do", feed, snapshot);
        return FeedRun.NONE;
      }
      Long after = watermark != null && lake.isAncestor(bronzeId, snapshot, watermark) ? watermark : null;
      if (watermark != null && after == null) {
        progress.say("%s: watermark snapshot %d is no longer in bronze's history, checking every batch", feed, watermark);
      }
      Dataset<Row> bronze = after == null ? lake.readAt(bronzeId, snapshot) : lake.readAppended(bronzeId, after, snapshot);
      BatchLedger ledger = ledger(lake.appendedRowsBy(bronzeId, BronzeEnvelope.SNAPSHOT_BATCH_PROPERTY, after, snapshot)
          .orElseGet(() -> countsByBatch(bronze, BronzeEnvelope.BATCH_ID)));
      if (!ledger.partial().isEmpty()) {
        // a run died between its commits: clear what it left and redo those batches
        progress.say("%s: %d batch(es) half written by an earlier run, redoing them", feed, ledger.partial().size());
        String batches = sqlList(ledger.partial());
        lake.delete(silverTable.identifier(), "source_system = " + sqlString(feed) + " AND batch_id IN (" + batches + ")", NAME);
        lake.delete(LakehouseTable.QUARANTINE.identifier(), "source_system = " + sqlString(feed) + " AND stage = "
            + sqlString(PersonStandardizer.STAGE) + " AND batch_id IN (" + batches + ")", NAME);
      }
      String runId = UUID.randomUUID().toString();
      if (ledger.pending().isEmpty()) {
        // an earlier run committed every batch but died before recording itself: record the watermark only
        progress.say("%s: the %d new batch(es) were already standardized by an interrupted run", feed, ledger.bronzeRowsByBatch().size());
        gate.record(QualityVerdict.nothingToCheck(), run(runId, snapshot, List.of(), 0, 0, 0, QualityRun.Status.PUBLISHED,
            QualityVerdict.nothingToCheck(), started));
        return FeedRun.NONE;
      }
      progress.say("%s: standardizing %d batch(es), %d row(s)%s", feed, ledger.pending().size(), ledger.pendingRows(),
          watermark == null ? "" : " appended since snapshot " + watermark);

      Dataset<Row> input = bronze.filter(col(BronzeEnvelope.BATCH_ID).isin(ledger.pending().toArray()));
      StructType silverType = Lakehouse.sparkType(silverTable.schema());
      StructType quarantineType = Lakehouse.sparkType(LakehouseTable.QUARANTINE.schema());
      StructType outcomeType = new StructType()
          .add(KIND, DataTypes.StringType, false)
          .add(BronzeEnvelope.BATCH_ID, DataTypes.StringType, false)
          .add(SILVER, silverType, true)
          .add(QUARANTINE, quarantineType, true);
      Broadcast<KnownPlaces> placesOnExecutors = JavaSparkContext.fromSparkContext(lake.spark().sparkContext()).broadcast(places);
      Dataset<Row> outcomes = input
          .mapPartitions(new StandardizePartition(FeedMapping.of(contract), factory, placesOnExecutors, bronze.schema(), silverType, Instant.now()),
              Encoders.row(outcomeType))
          // rows kept as they are (no columnar cache to build): counted once, then written twice
          .localCheckpoint(true);
      try {
        Map<String, Long> silverByBatch = new TreeMap<>();
        Map<String, Long> quarantinedByBatch = new TreeMap<>();
        for (Row r : outcomes.groupBy(KIND, BronzeEnvelope.BATCH_ID).count().collectAsList()) {
          (SILVER.equals(r.getString(0)) ? silverByBatch : quarantinedByBatch).put(r.getString(1), r.getLong(2));
        }
        Map<String, Long> pendingBronze = new TreeMap<>(ledger.bronzeRowsByBatch());
        pendingBronze.keySet().retainAll(ledger.pending());
        Reconciliation.checkBatches(feed, pendingBronze, silverByBatch, quarantinedByBatch);
        long silverRows = sum(silverByBatch.values());
        long quarantined = sum(quarantinedByBatch.values());
        progress.say("%s: standardized and reconciled, running the quality checks", feed);

        QualityVerdict verdict = gate.verify(contract, runId, snapshot, input, silverRows, quarantined);
        if (!verdict.publishable()) {
          gate.record(verdict, run(runId, snapshot, ledger.pending(), ledger.pendingRows(), silverRows, quarantined,
              QualityRun.Status.REFUSED, verdict, started));
          String why = feed + ": " + String.join("; ", verdict.failures());
          progress.say("REFUSED %s", why);
          return new FeedRun(0, 0, 0, 0, why);
        }
        progress.say("%s: checks %d passed, %d failed; committing", feed, verdict.checksPassed(), verdict.checksFailed());
        if (quarantined > 0) {
          lake.appendInPlace(LakehouseTable.QUARANTINE.identifier(), outcomes.filter(col(KIND).equalTo(QUARANTINE)).select(QUARANTINE + ".*"), NAME);
        }
        if (silverRows > 0) {
          // a projection of the struct: no round trip through Java rows
          lake.appendInPlace(silverTable.identifier(), outcomes.filter(col(KIND).equalTo(SILVER)).select(SILVER + ".*"), NAME);
        }
        gate.record(verdict, run(runId, snapshot, ledger.pending(), ledger.pendingRows(), silverRows, quarantined,
            QualityRun.Status.PUBLISHED, verdict, started));
        progress.say("%s: %d bronze row(s) -> %d silver, %d quarantined; checks %d passed, %d failed%s", feed, ledger.pendingRows(),
            silverRows, quarantined, verdict.checksPassed(), verdict.checksFailed(),
            verdict.anomalies().isEmpty() ? "" : "; anomalies: " + String.join("; ", verdict.anomalies()));
        return new FeedRun(ledger.pending().size(), ledger.pendingRows(), silverRows, quarantined, null);
      } finally {
        outcomes.unpersist();
        placesOnExecutors.destroy();
      }
    }

    private QualityRun run(String runId, long snapshot, List<String> batches, long rowsIn, long silverRows, long quarantined,
        QualityRun.Status status, QualityVerdict verdict, Instant started) {
      return new QualityRun(feed, runId, contract.entity().name(), snapshot, batches, rowsIn, silverRows, quarantined, status,
          verdict.checksPassed(), verdict.checksFailed(), verdict.failures(), verdict.anomalies(), started,
          Duration.between(started, Instant.now()).toMillis());
    }

    /** The bronze snapshot this feed was last published at, or null before its first publication. */
    private Long publishedWatermark() {
      List<Row> last = lake.read(LakehouseTable.QUALITY_RUN)
          .filter(col("feed").equalTo(feed).and(col("status").equalTo(QualityRun.Status.PUBLISHED.name())))
          .orderBy(col("started_at").desc())
          .select("bronze_snapshot_id")
          .limit(1)
          .collectAsList();
      return last.isEmpty() ? null : last.get(0).getLong(0);
    }

    /**
     * Batches in the new bronze rows against what silver and quarantine already hold of them;
     * bronze's rows per batch come from its snapshot summaries when they can tell, else from a count.
     */
    private BatchLedger ledger(Map<String, Long> bronzeByBatch) {
      if (bronzeByBatch.isEmpty()) {
        return BatchLedger.of(bronzeByBatch, Map.of(), Map.of());
      }
      Object[] batches = bronzeByBatch.keySet().toArray();
      return BatchLedger.of(bronzeByBatch,
          countsByBatch(lake.read(silverTable).filter(col("source_system").equalTo(feed).and(col("batch_id").isin(batches))), "batch_id"),
          countsByBatch(lake.read(LakehouseTable.QUARANTINE).filter(col("source_system").equalTo(feed)
              .and(col("stage").equalTo(PersonStandardizer.STAGE)).and(col("batch_id").isin(batches))), "batch_id"));
    }
  }

  private static long sum(Collection<Long> values) {
    return values.stream().mapToLong(Long::longValue).sum();
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

  private static String sqlList(Collection<String> values) {
    return String.join(", ", values.stream().map(StandardizeJob::sqlString).toList());
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

  /** Runs the feed's standardizer over one partition of bronze rows: one outcome row per bronze row. */
  static final class StandardizePartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final FeedMapping mapping;
    private final StandardizerFactory factory;
    private final Broadcast<KnownPlaces> places;
    private final List<String> fieldNames;
    private final int[] rawIndex;
    private final int[] envelopeIndex;
    private final int silverBatchIndex;
    private final Instant now;

    StandardizePartition(FeedMapping mapping, StandardizerFactory factory, Broadcast<KnownPlaces> places, StructType bronzeType,
        StructType silverType, Instant now) {
      this.mapping = mapping;
      this.factory = factory;
      this.places = places;
      this.now = now;
      this.silverBatchIndex = silverType.fieldIndex("batch_id");
      List<String> names = List.of(bronzeType.fieldNames());
      this.fieldNames = mapping.fields().stream().map(FeedMapping.FieldRule::name).toList();
      this.rawIndex = fieldNames.stream().mapToInt(names::indexOf).toArray();
      this.envelopeIndex = new int[] {
          names.indexOf(BronzeEnvelope.SOURCE_RECORD_ID), names.indexOf(BronzeEnvelope.BATCH_ID), names.indexOf(BronzeEnvelope.INGESTED_AT)};
      for (int i : envelopeIndex) {
        if (i < 0) {
          throw new IllegalArgumentException("Cannot standardize feed " + mapping.feed()
              + ": bronze table lacks envelope columns " + BronzeEnvelope.COLUMNS + ", has " + names);
        }
      }
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      RecordStandardizer<? extends Record> standardizer = factory.create(mapping, places.value());
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row row = rows.next();
          Map<String, String> raw = new HashMap<>();
          for (int i = 0; i < rawIndex.length; i++) {
            // a contract field the bronze table does not have (yet) reads as absent
            raw.put(fieldNames.get(i), rawIndex[i] < 0 || row.isNullAt(rawIndex[i]) ? null : row.getString(rawIndex[i]));
          }
          // the table names the feed; the ledger counts silver and quarantine rows by it
          BronzeRecord record = new BronzeRecord(mapping.feed(), row.getString(envelopeIndex[0]), row.getString(envelopeIndex[1]),
              row.getAs(envelopeIndex[2]), raw);
          StandardizeOutcome<? extends Record> outcome = standardizer.standardize(record, now);
          if (outcome instanceof StandardizeOutcome.Standardized<? extends Record> s) {
            Row silver = RecordRows.toRow(s.record());
            // reconciliation counts by the batch the silver record says, so a record booked wrong is caught
            return RowFactory.create(SILVER, silver.getString(silverBatchIndex), silver, null);
          }
          var q = ((StandardizeOutcome.Quarantined<? extends Record>) outcome).record();
          return RowFactory.create(QUARANTINE, q.batchId(), null, RecordRows.toRow(q));
        }
      };
    }
  }
}
