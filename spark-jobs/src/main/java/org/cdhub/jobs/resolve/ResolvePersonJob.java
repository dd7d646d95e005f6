package org.cdhub.jobs.resolve;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.cdhub.jobs.HubJobs;
import org.cdhub.jobs.JobConfig;
import org.cdhub.jobs.JobResult;
import org.cdhub.jobs.JobTable;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.Progress;
import org.cdhub.jobs.SilverPersons;
import org.cdhub.model.entity.PersonMatch;
import org.cdhub.model.ops.StewardDecision;
import org.cdhub.jobs.resolve.match.BlockingKeys;
import org.cdhub.jobs.resolve.match.ConstrainedClustering;
import org.cdhub.jobs.resolve.match.MatchBand;
import org.cdhub.jobs.resolve.match.MatchModel;
import org.cdhub.jobs.resolve.match.PersonComparisons;
import org.cdhub.jobs.resolve.match.PersonMatchRules;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Resolves current silver persons into clusters, one per real person, and writes
 * gold.person_link with a master id per cluster and gold.person_match with the scored pairs.
 *
 * <p>Records meet in blocks ({@link BlockingKeys}); each candidate pair is compared attribute by
 * attribute ({@link PersonComparisons}) and scored by a Fellegi-Sunter model whose m and u are
 * estimated from this run's pairs by EM (u from random pairs, m seeded by ID-number agreement);
 * thresholds split pairs into auto-match, review and non-match, and hard rules
 * ({@link PersonMatchRules}) beat any score. Auto-matches are clustered strongest first without
 * ever joining two valid ID numbers ({@link ConstrainedClustering}). Review pairs across clusters
 * are QUEUED in gold.person_match with their evidence.
 *
 * <p>Master ids are stable. A cluster keeps the id its records already have in gold.xref:
 * each existing id goes to the cluster holding most of its records (ties: the cluster with
 * the smallest record key), and a cluster that wins several keeps the one covering most of
 * its records (ties: the smallest id). A cluster with none gets an id derived from its
 * smallest record key ({@link MasterIds}). Only links that differ from the stored ones are
 * written, so a re-run on the same input changes nothing.
 *
 * <p>That is the full run. {@link ResolvePlan} decides whether this run may instead resolve only
 * the records new or changed since the last one against the existing masters
 * ({@link IncrementalResolve}); the full run stores what that needs: every record's blocking keys
 * (gold.person_block), the model (gold.person_match_model) and the run (ops.resolve_run).
 */
public final class ResolvePersonJob {
  public static final String NAME = "resolve";
  static final String DERIVE_UDF = "hub_person_master_id";
  /** Up to this many new master ids are checked against the taken ones by broadcasting them. */
  static final long BROADCAST_DERIVED_MAX = 200_000;
  /** Delete rows (of row deltas and MERGEs) a resolve table may carry, as a share of its rows, before it is compacted. */
  static final double MAX_DELETE_SHARE = 0.2;
  static final List<String> KEYS = List.of(SilverPersons.SOURCE_SYSTEM, SilverPersons.SOURCE_RECORD_ID);
  static final List<String> MATCH_KEYS = List.of("left_source", "left_record", "right_source", "right_record");
  /** What makes a stored link differ from a new one (run id and time do not). */
  static final List<String> LINK_COMPARED =
      List.of(SilverPersons.SOURCE_SYSTEM, SilverPersons.SOURCE_RECORD_ID, "cluster_key", "master_id", "match_rule");
  /** What makes a stored pair differ from a newly scored one (probability and evidence follow from band and rule). */
  static final List<String> MATCH_COMPARED = List.of("left_source", "left_record", "right_source", "right_record", "band", "rule", "status");

  private ResolvePersonJob() {}

  public static void main(String[] args) {
    HubJobs.mainFor(NAME, args);
  }

  public static JobResult run(SparkSession spark, JobConfig config) {
    return run(spark, config, ResolveSettings.fromEnvironment(System.getenv()));
  }

  public static JobResult run(SparkSession spark, JobConfig config, ResolveSettings settings) {
    requireNonNull(spark, "spark is null");
    requireNonNull(config, "config is null");
    requireNonNull(settings, "settings is null");
    long startNanos = System.nanoTime();
    Progress progress = Progress.stderr(NAME);
    Lakehouse lake = new Lakehouse(spark, config.lakehouse().catalogName());
    for (JobTable table : List.of(JobTable.PERSON_LINK, JobTable.PERSON_BLOCK, JobTable.PERSON_MATCH_MODEL, JobTable.RESOLVE_RUN)) {
      lake.createIfMissing(table);
    }
    lake.createIfMissing(LakehouseTable.GOLD_PERSON_MATCH);
    lake.createIfMissing(LakehouseTable.SILVER_PERSON);
    // tables created before incremental runs existed: their few changed rows become delete files too
    lake.ensureProperties(JobTable.PERSON_LINK.identifier(), JobTable.PERSON_LINK.tableProperties());
    lake.ensureProperties(LakehouseTable.GOLD_PERSON_MATCH.identifier(), JobTable.PERSON_LINK.tableProperties());
    if (!spark.catalog().functionExists(DERIVE_UDF)) {
      spark.udf().register(DERIVE_UDF, (UDF1<String, String>) key -> MasterIds.derive(key, 0), DataTypes.StringType);
    }
    Instant now = Instant.now();
    String runId = NAME + "-" + now;
    // pinned: every read of silver in this run sees the same rows, and the next run starts after them
    Long silverSnapshot = lake.currentSnapshotId(LakehouseTable.SILVER_PERSON.identifier());
    lake.createIfMissing(LakehouseTable.STEWARD_DECISION);
    // a decision since the last run may split an existing cluster: only a full run re-clusters those
    Long stewardSnapshot = lake.currentSnapshotId(LakehouseTable.STEWARD_DECISION.identifier());

    ResolvePlan plan = ResolvePlan.choose(lake, settings, silverSnapshot, stewardSnapshot, progress);
    JobResult.Builder result = null;
    try {
      if (plan.mode() == ResolvePlan.Mode.INCREMENTAL) {
        result = IncrementalResolve.run(lake, settings, plan, silverSnapshot, stewardSnapshot, runId, now, progress);
        if (result == null) {
          plan = plan.fallBackToFull("record_uid_collision");
        }
      }
      if (result == null) {
        result = full(lake, settings, plan, silverSnapshot, stewardSnapshot, runId, now, progress);
      }
    } finally {
      plan.release();
    }
    compact(lake, progress);
    return result.put("duration_ms", java.time.Duration.ofNanos(System.nanoTime() - startNanos).toMillis()).build();
  }

  /** Incremental runs leave delete files in the tables they change; past a fifth of the rows they are compacted away. */
  private static void compact(Lakehouse lake, Progress progress) {
    for (TableIdentifier id : List.of(JobTable.PERSON_LINK.identifier(), LakehouseTable.GOLD_PERSON_MATCH.identifier(),
        JobTable.PERSON_BLOCK.identifier())) {
      if (lake.currentSnapshotId(id) != null && lake.compactWhenDeletesExceed(id, MAX_DELETE_SHARE, NAME)) {
        progress.say("compacted %s: its delete files passed %.0f%% of its rows", lake.sqlName(id), MAX_DELETE_SHARE * 100);
      }
    }
  }

  /** Resolves every current silver person: model estimated, everything clustered, every link compared with the stored ones. */
  static JobResult.Builder full(Lakehouse lake, ResolveSettings settings, ResolvePlan plan, Long silverSnapshot, Long stewardSnapshot,
      String runId, Instant now, Progress progress) {
    SparkSession spark = lake.spark();
    progress.say("full run (%s)", plan.reason());
    List<Column> columns = new ArrayList<>(List.of(col(SilverPersons.SOURCE_SYSTEM), col(SilverPersons.SOURCE_RECORD_ID)));
    PersonMatching.COMPARED.forEach(c -> columns.add(col(c)));
    columns.add(concat(col(SilverPersons.SOURCE_SYSTEM), lit(String.valueOf(MasterIds.KEY_SEPARATOR)), col(SilverPersons.SOURCE_RECORD_ID))
        .as("record_key"));
    columns.add(monotonically_increasing_id().as("uid"));
    // checkpointed: the uid must not change between the uses below, and MERGE wants a deterministic plan
    Dataset<Row> records = silver(lake, silverSnapshot).select(columns.toArray(Column[]::new)).localCheckpoint(true);
    Dataset<Row> pairs = null;
    Dataset<Row> scored = null;
    try {
      long recordCount = records.count();
      LongAccumulator skipped = spark.sparkContext().longAccumulator("resolve.skippedBlocks");
      pairs = PersonMatching.candidatePairs(records, settings.maxBlockSize(), skipped).persist(StorageLevel.MEMORY_AND_DISK());
      long pairCount = pairs.count();
      progress.say("%d current silver person(s), %d candidate pair(s)%s", recordCount, pairCount,
          skipped.value() == 0 ? "" : "; " + skipped.value() + " block(s) larger than " + settings.maxBlockSize() + " skipped");

      MatchModel model = PersonMatching.model(PersonMatching.patternCounts(pairs),
          PersonMatching.randomPairCounts(records, recordCount, settings.randomPairs(), settings.seed()), settings, progress);
      MatchModels.Versioned versioned = MatchModels.versioned(model, settings.thresholds());
      Broadcast<MatchModel> onExecutors = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(model);
      scored = PersonMatching.score(pairs, onExecutors, settings)
          .filter(col("probability").geq(settings.thresholds().review()))
          .persist(StorageLevel.MEMORY_AND_DISK());

      Dataset<Row> decisions = stewardDecisions(lake, records).persist(StorageLevel.MEMORY_AND_DISK());
      ConstrainedClustering clustering = cluster(records, scored, decisions.collectAsList(), progress);
      Dataset<Row> clustered = clusterColumns(lake, records, clustering).persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> clusters = clustered.groupBy("cluster_key").agg(min("record_key").as("min_record"), count(lit(1)).as("size"));
      Dataset<Row> xref = xrefMasters(lake);
      Dataset<Row> assignment = assignMasterIds(lake, clustered, clusters, xref, xref.select(col("old_master").as("id")))
          .persist(StorageLevel.MEMORY_AND_DISK());
      long clusterCount = assignment.count();
      progress.say("%d cluster(s); %d link(s) refused by a constraint; comparing links with %s", clusterCount, clustering.refused(),
          lake.sqlName(JobTable.PERSON_LINK.identifier()));

      Dataset<Row> links = clustered.join(assignment, "cluster_key")
          .select(col(SilverPersons.SOURCE_SYSTEM), col(SilverPersons.SOURCE_RECORD_ID), col("cluster_key"),
              col("master_id"), col("match_rule"), lit(runId).as("run_id"), lit(now).as("linked_at"));
      long changed = writeChanges(lake, JobTable.PERSON_LINK.identifier(), links, KEYS, LINK_COMPARED);
      Dataset<Row> matches = matchRows(scored, clustered, decisions, runId);
      long matchChanges = writeChanges(lake, LakehouseTable.GOLD_PERSON_MATCH.identifier(), matches, MATCH_KEYS, MATCH_COMPARED);
      ResolveRun previous = plan.previous();
      if (previous == null || !java.util.Objects.equals(previous.silverSnapshotId(), silverSnapshot) || settings.forceFull()) {
        // the next incremental run looks new records up in these instead of recomputing a million records' keys
        lake.replaceAll(JobTable.PERSON_BLOCK.identifier(), PersonMatching.blockKeys(records), NAME);
      }
      MatchModels.save(lake, versioned, runId, now);
      recordRun(lake, previous, new ResolveRun(runId, ResolvePlan.Mode.FULL.label(), plan.reason(), silverSnapshot, stewardSnapshot, versioned.version(),
          settings.maxBlockSize(), recordCount, changed, matchChanges, now));
      long queued = queued(lake);
      assignment.unpersist();
      clustered.unpersist();
      decisions.unpersist();
      onExecutors.destroy();
      progress.say("%d link(s) changed; %d pair(s) in the review queue", changed, queued);
      return JobResult.of(NAME)
          .put("mode", ResolvePlan.Mode.FULL.label())
          .put("reason", plan.reason())
          .put("records", recordCount)
          .put("candidate_pairs", pairCount)
          .put("clusters", clusterCount)
          .put("changed", changed)
          .put("match_changes", matchChanges)
          .put("review_queue", queued);
    } finally {
      records.unpersist();
      if (pairs != null) {
        pairs.unpersist();
      }
      if (scored != null) {
        scored.unpersist();
      }
    }
  }

  /** silver.person as of the pinned snapshot (no rows when it has none), latest version per record. */
  static Dataset<Row> silverVersions(Lakehouse lake, Long snapshot) {
    return snapshot == null ? lake.read(LakehouseTable.SILVER_PERSON) : lake.readAt(LakehouseTable.SILVER_PERSON.identifier(), snapshot);
  }

  static Dataset<Row> silver(Lakehouse lake, Long snapshot) {
    return SilverPersons.latest(silverVersions(lake, snapshot));
  }

  /** Pairs waiting for a steward, over the whole table. */
  static long queued(Lakehouse lake) {
    return lake.read(LakehouseTable.GOLD_PERSON_MATCH.identifier()).filter(col("status").equalTo(PersonMatch.QUEUED)).count();
  }

  /**
   * Appends the run to ops.resolve_run when it changed something or resolved another silver
   * snapshot or model than the last recorded run; a run that changed nothing writes nothing.
   */
  static void recordRun(Lakehouse lake, ResolveRun previous, ResolveRun run) {
    boolean same = previous != null && java.util.Objects.equals(previous.silverSnapshotId(), run.silverSnapshotId())
        && java.util.Objects.equals(previous.stewardSnapshotId(), run.stewardSnapshotId())
        && previous.modelVersion().equals(run.modelVersion()) && previous.maxBlockSize() == run.maxBlockSize();
    if (same && run.linkChanges() == 0 && run.matchChanges() == 0) {
      return;
    }
    lake.append(JobTable.RESOLVE_RUN.identifier(), lake.spark().createDataFrame(List.of(org.cdhub.jobs.RecordRows.toRow(run)),
        Lakehouse.sparkType(JobTable.RESOLVE_RUN.schema())), NAME);
  }

  /** Person masters in gold.xref: source_system, source_record_id, old_master. */
  static Dataset<Row> xrefMasters(Lakehouse lake) {
    return lake.readOrEmpty(LakehouseTable.GOLD_XREF.identifier(), LakehouseTable.GOLD_XREF.schema())
        .filter(col("entity_type").equalTo(EntityType.PERSON.name()))
        .select(col(SilverPersons.SOURCE_SYSTEM), col(SilverPersons.SOURCE_RECORD_ID), col("master_id").as("old_master"));
  }

  /**
   * Steward decisions on person pairs still in silver, latest per pair: left_uid < right_uid,
   * decision (LINK or SPLIT).
   */
  static Dataset<Row> stewardDecisions(Lakehouse lake, Dataset<Row> records) {
    lake.createIfMissing(LakehouseTable.STEWARD_DECISION);
    Dataset<Row> decided = lake.read(LakehouseTable.STEWARD_DECISION)
        .filter(col("entity_type").equalTo(EntityType.PERSON.name()));
    Dataset<Row> left = records.select(col(SilverPersons.SOURCE_SYSTEM).as("left_source"), col(SilverPersons.SOURCE_RECORD_ID).as("left_record"),
        col("uid").as("a"));
    Dataset<Row> right = records.select(col(SilverPersons.SOURCE_SYSTEM).as("right_source"),
        col(SilverPersons.SOURCE_RECORD_ID).as("right_record"), col("uid").as("b"));
    Dataset<Row> pairs = decided.join(left, Lakehouse.columns(List.of("left_source", "left_record")))
        .join(right, Lakehouse.columns(List.of("right_source", "right_record")))
        .select(functions.least(col("a"), col("b")).as("left_uid"), functions.greatest(col("a"), col("b")).as("right_uid"),
            col("decision"), col("decided_at"));
    return pairs
        .withColumn("latest", row_number().over(Window.partitionBy("left_uid", "right_uid").orderBy(col("decided_at").desc())))
        .filter(col("latest").equalTo(1))
        .select("left_uid", "right_uid", "decision");
  }

  /**
   * Steward splits and the pairs the relatives rule kept apart first, then steward links, then
   * auto-matched pairs strongest first; each record with a valid ID number carries it as its
   * identity, so no link joins two of them, and no chain joins two records kept apart.
   */
  static ConstrainedClustering cluster(Dataset<Row> records, Dataset<Row> scored, List<Row> decisions, Progress progress) {
    Dataset<Row> auto = scored.filter(col("band").equalTo(MatchBand.AUTO_MATCH.name()))
        .select("left_uid", "right_uid", "probability");
    Set<Long> decidedUids = new HashSet<>();
    for (Row d : decisions) {
      decidedUids.add(d.getLong(0));
      decidedUids.add(d.getLong(1));
    }
    Dataset<Row> linked = auto.select(col("left_uid").as("uid")).union(auto.select(col("right_uid").as("uid")))
        .union(records.sparkSession().createDataFrame(decidedUids.stream().map(RowFactory::create).toList(),
            new StructType().add("uid", DataTypes.LongType, false)))
        .distinct();
    ConstrainedClustering clustering = new ConstrainedClustering();
    for (Row r : records.filter(col("id_number").isNotNull()).join(linked, "uid")
        .select(col("uid"), xxhash64(upper(col("id_number")))).collectAsList()) {
      clustering.identity(r.getLong(0), r.getLong(1));
    }
    int stewardLinksRefused = 0;
    for (Row d : decisions) {
      if (StewardDecision.SPLIT.equals(d.getString(2))) {
        clustering.keepApart(d.getLong(0), d.getLong(1));
      }
    }
    // pairs the score would link but the relatives rule keeps apart stay apart through chains too
    for (Row r : scored.filter(col("rule").equalTo(PersonMatchRules.LIKELY_RELATIVES).and(col("band").equalTo(MatchBand.NON_MATCH.name())))
        .select("left_uid", "right_uid").collectAsList()) {
      if (clustering.find(r.getLong(0)) != clustering.find(r.getLong(1))) {
        clustering.keepApart(r.getLong(0), r.getLong(1));
      }
    }
    for (Row d : decisions) {
      if (StewardDecision.LINK.equals(d.getString(2)) && !clustering.link(d.getLong(0), d.getLong(1))) {
        stewardLinksRefused++;
      }
    }
    if (!decisions.isEmpty()) {
      progress.say("%d steward decision(s) applied%s", decisions.size(),
          stewardLinksRefused == 0 ? "" : "; " + stewardLinksRefused + " link(s) refused: they would join two valid ID numbers or a split pair");
    }
    for (Row r : auto.orderBy(col("probability").desc(), col("left_uid"), col("right_uid")).collectAsList()) {
      clustering.link(r.getLong(0), r.getLong(1));
    }
    return clustering;
  }

  /** The records with cluster_uid, cluster_key (C:feed:record of the cluster's smallest record) and match_rule. */
  static Dataset<Row> clusterColumns(Lakehouse lake, Dataset<Row> records, ConstrainedClustering clustering) {
    List<Row> roots = new ArrayList<>();
    clustering.clusters().forEach((uid, root) -> roots.add(RowFactory.create(uid, root)));
    Dataset<Row> rootOf = lake.spark().createDataFrame(roots,
        new StructType().add("uid", DataTypes.LongType, false).add("root", DataTypes.LongType, false));
    WindowSpec cluster = Window.partitionBy("cluster_uid");
    Column sameIdInCluster = count(lit(1)).over(Window.partitionBy(col("cluster_uid"), col("id_number")));
    return records.join(rootOf, Lakehouse.columns(List.of("uid")), "left")
        .withColumn("cluster_uid", coalesce(col("root"), col("uid")))
        .withColumn("min_record", min("record_key").over(cluster))
        .withColumn("cluster_size", count(lit(1)).over(cluster))
        .withColumn("cluster_key", concat(lit("C:"), regexp_replace(col("min_record"), String.valueOf(MasterIds.KEY_SEPARATOR), ":")))
        .withColumn("match_rule", when(col("cluster_size").equalTo(1), lit(MatchRule.SINGLETON.name()))
            .when(col("id_number").isNotNull().and(sameIdInCluster.geq(2)), lit(MatchRule.ID_NUMBER_EXACT.name()))
            .otherwise(lit(MatchRule.MATCH_MODEL.name())))
        .drop("root", "min_record", "cluster_size");
  }

  /** gold.person_match rows: each scored pair by record keys (smaller first), with its status. */
  static Dataset<Row> matchRows(Dataset<Row> scored, Dataset<Row> clustered, Dataset<Row> decisions, String runId) {
    Dataset<Row> left = clustered.select(col("uid").as("left_uid"), col(SilverPersons.SOURCE_SYSTEM).as("l_source"),
        col(SilverPersons.SOURCE_RECORD_ID).as("l_record"), col("record_key").as("l_key"), col("cluster_uid").as("l_cluster"));
    Dataset<Row> right = clustered.select(col("uid").as("right_uid"), col(SilverPersons.SOURCE_SYSTEM).as("r_source"),
        col(SilverPersons.SOURCE_RECORD_ID).as("r_record"), col("record_key").as("r_key"), col("cluster_uid").as("r_cluster"));
    Column swap = col("r_key").lt(col("l_key"));
    Column steward = col("decision");
    return scored.join(decisions, Lakehouse.columns(List.of("left_uid", "right_uid")), "left")
        .join(left, "left_uid").join(right, "right_uid")
        .select(
            when(swap, col("r_source")).otherwise(col("l_source")).as("left_source"),
            when(swap, col("r_record")).otherwise(col("l_record")).as("left_record"),
            when(swap, col("l_source")).otherwise(col("r_source")).as("right_source"),
            when(swap, col("l_record")).otherwise(col("r_record")).as("right_record"),
            col("probability"), col("weight"), col("band"),
            when(steward.isNotNull(), concat(lit("STEWARD_"), steward)).otherwise(col("rule")).as("rule"),
            col("evidence"),
            when(col("l_cluster").equalTo(col("r_cluster")), lit(PersonMatch.LINKED))
                .when(steward.isNotNull(), lit(PersonMatch.APART))
                .when(col("band").equalTo(MatchBand.REVIEW.name()), lit(PersonMatch.QUEUED))
                .otherwise(lit(PersonMatch.APART)).as("status"),
            lit(runId).as("run_id"));
  }

  /**
   * cluster_key, master_id for every cluster: an old master id (gold.xref in a full run, the
   * stored links in an incremental one) is kept where possible, else an id is derived that is
   * none of {@code taken} (column id).
   */
  static Dataset<Row> assignMasterIds(Lakehouse lake, Dataset<Row> records, Dataset<Row> clusters, Dataset<Row> xref, Dataset<Row> takenIds) {
    Dataset<Row> claims = records.join(xref, Lakehouse.columns(KEYS))
        .groupBy("cluster_key", "old_master").agg(count(lit(1)).as("n"))
        .join(clusters.select("cluster_key", "min_record"), "cluster_key");
    Dataset<Row> won = claims
        .withColumn("rank", row_number().over(Window.partitionBy("old_master").orderBy(col("n").desc(), col("min_record").asc())))
        .filter(col("rank").equalTo(1))
        .withColumn("pick", row_number().over(Window.partitionBy("cluster_key").orderBy(col("n").desc(), col("old_master").asc())))
        .filter(col("pick").equalTo(1))
        .select(col("cluster_key"), col("old_master").as("kept_master"));
    Dataset<Row> assigned = clusters.join(won, Lakehouse.columns(List.of("cluster_key")), "left")
        .withColumn("derived", when(col("kept_master").isNull(), call_udf(DERIVE_UDF, col("min_record"))))
        .withColumn("master_id", coalesce(col("kept_master"), col("derived")))
        .persist(StorageLevel.MEMORY_AND_DISK());

    // a derived id may equal an id another cluster holds or once held (records move between
    // clusters); such rare clusters step to a salted id. Two clusters never derive the same id
    // short of an 80-bit hash collision: their smallest records differ.
    Dataset<Row> taken = takenIds.select(col("id")).union(assigned.select(col("kept_master").as("id")))
        .filter(col("id").isNotNull());
    Dataset<Row> derived = assigned.filter(col("derived").isNotNull()).select("cluster_key", "min_record", "derived");
    List<Row> collisions;
    if (derived.count() <= BROADCAST_DERIVED_MAX) {
      // few new clusters (any run after the first): one pass over the taken ids, probing the derived ones, no shuffle
      Dataset<Row> hit = taken.join(broadcast(derived), taken.col("id").equalTo(derived.col("derived")), "left_semi");
      collisions = derived.join(broadcast(hit), derived.col("derived").equalTo(hit.col("id")), "left_semi")
          .select("cluster_key", "min_record").collectAsList();
    } else {
      collisions = derived.join(taken, derived.col("derived").equalTo(taken.col("id")), "left_semi")
          .select("cluster_key", "min_record").collectAsList();
    }
    if (collisions.isEmpty()) {
      return assigned.select("cluster_key", "master_id");
    }
    Set<String> used = new HashSet<>();
    for (Row r : assigned.select("master_id").collectAsList()) {
      used.add(r.getString(0));
    }
    for (Row r : taken.collectAsList()) {
      used.add(r.getString(0));
    }
    Map<String, String> replaced = new HashMap<>();
    for (Row r : collisions) {
      String id = MasterIds.deriveAvoiding(r.getString(1), used);
      used.add(id);
      replaced.put(r.getString(0), id);
    }
    Dataset<Row> fixes = lake.spark().createDataFrame(
        replaced.entrySet().stream().map(e -> org.apache.spark.sql.RowFactory.create(e.getKey(), e.getValue())).toList(),
        new org.apache.spark.sql.types.StructType().add("cluster_key", DataTypes.StringType).add("fixed", DataTypes.StringType));
    return assigned.join(fixes, Lakehouse.columns(List.of("cluster_key")), "left")
        .select(col("cluster_key"), coalesce(col("fixed"), col("master_id")).as("master_id"));
  }

  /** Upserts rows that differ from the stored ones (on {@code compared}), deletes stored rows whose key is gone. */
  static long writeChanges(Lakehouse lake, TableIdentifier table, Dataset<Row> rows, List<String> keys, List<String> compared) {
    java.util.OptionalLong appended = lake.appendIfNeverWritten(table, rows, NAME);
    if (appended.isPresent()) {
      return appended.getAsLong();
    }
    Dataset<Row> stored = lake.read(table);
    // null-safe: a null rule or cluster column equals a stored null
    Dataset<Row> storedCompared = stored.select(compared.stream().map(c -> col(c).as("stored_" + c)).toArray(Column[]::new));
    Column same = compared.stream().map(c -> rows.col(c).eqNullSafe(storedCompared.col("stored_" + c))).reduce(Column::and).orElseThrow();
    Dataset<Row> upserts = rows.join(storedCompared, same, "left_anti")
        .withColumn(Lakehouse.CHANGE_OP, lit(Lakehouse.UPSERT));
    Dataset<Row> deletes = stored.select(keys.stream().map(c -> col(c)).toArray(Column[]::new))
        .join(rows, Lakehouse.columns(keys), "left_anti")
        .withColumn(Lakehouse.CHANGE_OP, lit(Lakehouse.DELETE));
    Dataset<Row> changes = upserts.unionByName(deletes, true).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long n = changes.count();
      if (n > 0) {
        lake.applyChanges(table, changes, keys, NAME);
      }
      return n;
    } finally {
      changes.unpersist();
    }
  }
}
