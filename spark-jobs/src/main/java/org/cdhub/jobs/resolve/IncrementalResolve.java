package org.cdhub.jobs.resolve;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.cdhub.jobs.JobResult;
import org.cdhub.jobs.JobTable;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.Progress;
import org.cdhub.jobs.SilverPersons;
import org.cdhub.jobs.resolve.match.ConstrainedClustering;
import org.cdhub.jobs.resolve.match.MatchBand;
import org.cdhub.jobs.resolve.match.MatchModel;
import org.cdhub.jobs.resolve.match.PersonMatchRules;
import org.cdhub.model.entity.PersonMatch;
import org.cdhub.model.ops.StewardDecision;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Resolve of the silver persons new or changed since the last run, against the existing masters,
 * without recomputing the rest.
 *
 * <p><b>Fresh</b> records are the new and changed ones, plus every other record of a cluster
 * holding a changed one (its links may rest on the old version, so the cluster is resolved
 * again). Their blocking keys are looked up in gold.person_block, which holds every resolved
 * record's keys: the existing records they meet there (blocks up to the limit, counting both)
 * are compared with them, fresh with fresh too, never existing with existing, and scored with
 * the model of the last full run (gold.person_match_model, never re-estimated).
 *
 * <p>Clustering starts from the existing clusters those records belong to (gold.person_link),
 * whole and fixed; fresh records then join one, form a new one, or join two (a true merge) under
 * the same constraints as a full run: one valid ID number per cluster, steward splits and pairs
 * kept apart as likely relatives never joined. Master ids follow the full run's rule with the
 * stored links as the old ids: a merged cluster keeps the id of the master covering more of its
 * records (ties: the smaller id), a new cluster gets an id derived from its smallest record, and
 * no other master changes. Only links and pairs that differ are written.
 *
 * <p>Records are addressed by xxhash64 of their record key here (a full run numbers them); a
 * collision among the records involved sends the run back to a full one.
 */
final class IncrementalResolve {
  /**
   * Link and pair changes up to this many are committed from the driver without reading the
   * tables (an increment of 10,000 records changes about 18,000 links and 12,000 pairs).
   */
  static final int DRIVER_DELTA_MAX_ROWS = 100_000;
  /** Block keys likewise: about five per fresh record. */
  static final int BLOCK_DELTA_MAX_ROWS = 250_000;

  private IncrementalResolve() {}

  /** The run's result so far, or null when it must run in full instead. */
  static JobResult.Builder run(Lakehouse lake, ResolveSettings settings, ResolvePlan plan, Long silverSnapshot, Long stewardSnapshot,
      String runId, Instant now, Progress progress) {
    if (plan.nothingNew()) {
      progress.say("nothing new in silver since %s: nothing to write", plan.previous().runId());
      return JobResult.of(ResolvePersonJob.NAME).put("mode", ResolvePlan.Mode.INCREMENTAL.label()).put("reason", plan.reason()).put("records", 0L)
          .put("candidate_pairs", 0L).put("clusters", 0L).put("changed", 0L).put("match_changes", 0L)
          .put("new_masters", 0L).put("merged_masters", 0L).put("review_queue", ResolvePersonJob.queued(lake));
    }
    List<Dataset<Row>> cached = new ArrayList<>();
    try {
      return resolve(lake, settings, plan, silverSnapshot, stewardSnapshot, runId, now, progress, cached);
    } finally {
      cached.forEach(Dataset::unpersist);
    }
  }

  /**
   * Computes {@code d} now and cuts its lineage: the plans below reuse one another, and without
   * the cut their plan strings grow past the heap.
   */
  private static Dataset<Row> cache(Dataset<Row> d, List<Dataset<Row>> cached) {
    Dataset<Row> p = d.localCheckpoint(true);
    cached.add(p);
    return p;
  }

  private static JobResult.Builder resolve(Lakehouse lake, ResolveSettings settings, ResolvePlan plan, Long silverSnapshot,
      Long stewardSnapshot, String runId, Instant now, Progress progress, List<Dataset<Row>> cached) {
    List<String> keys = ResolvePersonJob.KEYS;
    Dataset<Row> silverVersions = ResolvePersonJob.silverVersions(lake, silverSnapshot);
    // read once: every step below looks records or clusters up in the links
    Dataset<Row> links = cache(lake.read(JobTable.PERSON_LINK.identifier())
        .select(col(SilverPersons.SOURCE_SYSTEM), col(SilverPersons.SOURCE_RECORD_ID), col("cluster_key"), col("master_id"),
            col("match_rule")), cached);

    // fresh: appended records, plus the whole cluster of each changed one
    Dataset<Row> appended = plan.appended();
    Dataset<Row> appendedKeys = appended.select(SilverPersons.SOURCE_SYSTEM, SilverPersons.SOURCE_RECORD_ID).distinct();
    Dataset<Row> changedClusters = cache(links.join(broadcast(appendedKeys), Lakehouse.columns(keys), "left_semi")
        .select("cluster_key").distinct(), cached);
    Dataset<Row> freshKeys;
    Dataset<Row> fresh;
    long existingFresh;
    if (changedClusters.isEmpty()) {
      // only new records: every version of each is among the appended rows
      freshKeys = cache(appendedKeys, cached);
      fresh = cache(recordColumns(SilverPersons.latest(appended), true), cached);
      existingFresh = 0;
    } else {
      Dataset<Row> members = links.join(broadcast(changedClusters), "cluster_key").select(SilverPersons.SOURCE_SYSTEM,
          SilverPersons.SOURCE_RECORD_ID);
      freshKeys = cache(appendedKeys.union(members).distinct(), cached);
      fresh = cache(records(silverVersions, freshKeys, true), cached);
      existingFresh = freshKeys.join(links, Lakehouse.columns(keys), "left_semi").count();
    }
    long freshCount = fresh.count();

    // the existing records fresh ones meet: stored keys of the fresh records' blocks, blocks within the limit
    Dataset<Row> freshBlocked = cache(PersonMatching.blocked(fresh), cached);
    Dataset<Row> freshBlocks = freshBlocked.groupBy("block_hash").agg(count(lit(1)).as("fresh_n"));
    Dataset<Row> stored = cache(lake.read(JobTable.PERSON_BLOCK.identifier())
        .join(broadcast(freshBlocks.select(col("block_hash").as("block"))), "block")
        .join(broadcast(freshKeys), Lakehouse.columns(keys), "left_anti"), cached);
    Dataset<Row> sizes = cache(freshBlocks.join(stored.groupBy("block").agg(count(lit(1)).as("stored_n"))
            .withColumnRenamed("block", "block_hash"), Lakehouse.columns(List.of("block_hash")), "left")
        .select(col("block_hash"), col("fresh_n").plus(coalesce(col("stored_n"), lit(0L))).as("n")), cached);
    long oversized = sizes.filter(col("n").gt(settings.maxBlockSize())).count();
    Dataset<Row> kept = sizes.filter(col("n").leq(settings.maxBlockSize())).select("block_hash");
    Dataset<Row> contextKeys = cache(stored.join(broadcast(kept.withColumnRenamed("block_hash", "block")), "block")
        .select(SilverPersons.SOURCE_SYSTEM, SilverPersons.SOURCE_RECORD_ID).distinct(), cached);
    // one read of silver for the records met and every other record of their clusters (a merge may take them along)
    Dataset<Row> candidateLinks = cache(links.join(broadcast(links.join(broadcast(contextKeys), Lakehouse.columns(keys), "left_semi")
        .select("cluster_key").distinct()), "cluster_key"), cached);
    Dataset<Row> candidates = cache(records(silverVersions,
        candidateLinks.select(SilverPersons.SOURCE_SYSTEM, SilverPersons.SOURCE_RECORD_ID), false), cached);
    Dataset<Row> context = candidates.join(broadcast(contextKeys), Lakehouse.columns(keys), "left_semi");
    Dataset<Row> blocked = freshBlocked.join(broadcast(kept), "block_hash")
        .unionByName(PersonMatching.blocked(context).join(broadcast(kept), "block_hash"));

    LongAccumulator skipped = lake.spark().sparkContext().longAccumulator("resolve.skippedBlocks");
    Dataset<Row> pairs = cache(PersonMatching.pairsInBlocks(blocked, settings.maxBlockSize(), skipped), cached);
    long pairCount = pairs.count();
    progress.say("%d fresh record(s) (%d of them existing), %d existing record(s) met in their blocks, %d candidate pair(s)%s",
        freshCount, existingFresh, contextKeys.count(), pairCount,
        oversized + skipped.value() == 0 ? "" : "; " + (oversized + skipped.value()) + " block(s) larger than "
            + settings.maxBlockSize() + " skipped");

    MatchModel model = plan.model().model();
    Broadcast<MatchModel> onExecutors = JavaSparkContext.fromSparkContext(lake.spark().sparkContext()).broadcast(model);
    Dataset<Row> scored = cache(PersonMatching.score(pairs, onExecutors, settings)
        .filter(col("probability").geq(settings.thresholds().review())), cached);

    // involved: fresh records and, whole, every existing cluster a scored pair reaches
    Dataset<Row> reachedUids = scored.select(col("left_uid").as("uid")).union(scored.select(col("right_uid").as("uid"))).distinct();
    Dataset<Row> reachedClusters = candidates.join(reachedUids, "uid").join(candidateLinks, Lakehouse.columns(keys))
        .select("cluster_key").distinct();
    Dataset<Row> anchoredLinks = cache(candidateLinks.join(broadcast(reachedClusters), "cluster_key"), cached);
    Dataset<Row> anchored = candidates.join(broadcast(anchoredLinks.select(SilverPersons.SOURCE_SYSTEM, SilverPersons.SOURCE_RECORD_ID)),
        Lakehouse.columns(keys), "left_semi");
    Dataset<Row> involved = cache(fresh.unionByName(anchored), cached);
    long involvedCount = involved.count();
    if (involved.select("uid").distinct().count() != involvedCount) {
      progress.say("two involved records share a 64-bit record hash: resolving in full instead");
      onExecutors.destroy();
      return null;
    }

    Dataset<Row> decisions = cache(ResolvePersonJob.stewardDecisions(lake, involved), cached);
    ConstrainedClustering clustering = cluster(lake, involved, anchoredLinks, scored, decisions.collectAsList(), progress);
    Dataset<Row> clustered = cache(ResolvePersonJob.clusterColumns(lake, involved, clustering), cached);
    Dataset<Row> clusters = clustered.groupBy("cluster_key").agg(min("record_key").as("min_record"), count(lit(1)).as("size"));
    Dataset<Row> oldMasters = cache(anchoredLinks.select(col(SilverPersons.SOURCE_SYSTEM), col(SilverPersons.SOURCE_RECORD_ID),
            col("master_id").as("old_master"))
        .union(links.join(broadcast(freshKeys), Lakehouse.columns(keys), "left_semi")
            .select(col(SilverPersons.SOURCE_SYSTEM), col(SilverPersons.SOURCE_RECORD_ID), col("master_id").as("old_master"))), cached);
    Dataset<Row> taken = links.select(col("master_id").as("id"))
        .union(ResolvePersonJob.xrefMasters(lake).select(col("old_master").as("id")));
    Dataset<Row> assignment = cache(ResolvePersonJob.assignMasterIds(lake, clustered, clusters, oldMasters, taken), cached);
    long clusterCount = assignment.count();
    long oldMasterCount = oldMasters.select("old_master").distinct().count();
    long keptMasters = assignment.join(oldMasters.select(col("old_master").as("master_id")).distinct(), "master_id").count();
    long newMasters = clusterCount - keptMasters;
    long mergedMasters = oldMasterCount - keptMasters;

    Dataset<Row> newLinks = clustered.join(assignment, "cluster_key")
        .select(col(SilverPersons.SOURCE_SYSTEM), col(SilverPersons.SOURCE_RECORD_ID), col("cluster_key"),
            col("master_id"), col("match_rule"), lit(runId).as("run_id"), lit(now).as("linked_at"));
    Dataset<Row> storedLinks = links
        .join(broadcast(involved.select(SilverPersons.SOURCE_SYSTEM, SilverPersons.SOURCE_RECORD_ID)), Lakehouse.columns(keys), "left_semi");
    long changed = writeChanged(lake, JobTable.PERSON_LINK.identifier(), newLinks, keys, ResolvePersonJob.LINK_COMPARED, storedLinks,
        List.of());

    long matchChanges = writeMatches(lake, scored, clustered, decisions, freshKeys, runId, cached);
    writeBlocks(lake, fresh);
    ResolvePersonJob.recordRun(lake, plan.previous(), new ResolveRun(runId, ResolvePlan.Mode.INCREMENTAL.label(), plan.reason(),
        silverSnapshot, stewardSnapshot, plan.model().version(), settings.maxBlockSize(), freshCount, changed, matchChanges, now));
    onExecutors.destroy();
    long queued = ResolvePersonJob.queued(lake);
    progress.say("%d cluster(s) involved: %d new master(s), %d master(s) merged into another; %d link(s) and %d pair(s) written",
        clusterCount, newMasters, mergedMasters, changed, matchChanges);
    return JobResult.of(ResolvePersonJob.NAME)
        .put("mode", ResolvePlan.Mode.INCREMENTAL.label())
        .put("reason", plan.reason())
        .put("records", freshCount)
        .put("candidate_pairs", pairCount)
        .put("clusters", clusterCount)
        .put("changed", changed)
        .put("match_changes", matchChanges)
        .put("new_masters", newMasters)
        .put("merged_masters", mergedMasters)
        .put("review_queue", queued);
  }

  /** The latest version of the records {@code keys} names: keys, compared columns, record_key, uid, fresh. */
  static Dataset<Row> records(Dataset<Row> silverVersions, Dataset<Row> keys, boolean fresh) {
    return recordColumns(SilverPersons.latest(silverVersions.join(broadcast(keys), Lakehouse.columns(ResolvePersonJob.KEYS), "left_semi")),
        fresh);
  }

  /** Keys, compared columns, record_key, uid (xxhash64 of the record key) and fresh of silver rows. */
  static Dataset<Row> recordColumns(Dataset<Row> silver, boolean fresh) {
    List<Column> columns = new ArrayList<>(List.of(col(SilverPersons.SOURCE_SYSTEM), col(SilverPersons.SOURCE_RECORD_ID)));
    PersonMatching.COMPARED.forEach(c -> columns.add(col(c)));
    Column recordKey = concat(col(SilverPersons.SOURCE_SYSTEM), lit(String.valueOf(MasterIds.KEY_SEPARATOR)), col(SilverPersons.SOURCE_RECORD_ID));
    columns.add(recordKey.as("record_key"));
    columns.add(xxhash64(recordKey).as("uid"));
    columns.add(lit(fresh).as("fresh"));
    return silver.select(columns.toArray(Column[]::new));
  }

  /**
   * Existing clusters first (whole: each member linked to the cluster's first), then what a full
   * run declares before linking: identities, steward splits, likely relatives kept apart (stored
   * pairs among existing records, scored pairs of fresh ones); then steward links and auto-matched
   * pairs strongest first.
   */
  static ConstrainedClustering cluster(Lakehouse lake, Dataset<Row> involved, Dataset<Row> anchoredLinks, Dataset<Row> scored,
      List<Row> decisions, Progress progress) {
    ConstrainedClustering clustering = new ConstrainedClustering();
    for (Row r : involved.filter(col("id_number").isNotNull()).select(col("uid"), xxhash64(upper(col("id_number")))).collectAsList()) {
      clustering.identity(r.getLong(0), r.getLong(1));
    }
    Map<String, Long> firstOfCluster = new HashMap<>();
    for (Row r : involved.join(anchoredLinks, Lakehouse.columns(ResolvePersonJob.KEYS)).select("cluster_key", "uid")
        .orderBy("cluster_key", "uid").collectAsList()) {
      Long first = firstOfCluster.putIfAbsent(r.getString(0), r.getLong(1));
      if (first != null && !clustering.link(first, r.getLong(1))) {
        throw new IllegalStateException("Cannot start from existing cluster " + r.getString(0)
            + ": its records break a constraint (two valid ID numbers); run resolve in full (" + ResolveSettings.FULL + "=true)");
      }
    }
    for (Row d : decisions) {
      if (StewardDecision.SPLIT.equals(d.getString(2)) && clustering.find(d.getLong(0)) != clustering.find(d.getLong(1))) {
        clustering.keepApart(d.getLong(0), d.getLong(1));
      }
    }
    for (Row r : relativesKeptApart(lake, involved, scored).collectAsList()) {
      if (clustering.find(r.getLong(0)) != clustering.find(r.getLong(1))) {
        clustering.keepApart(r.getLong(0), r.getLong(1));
      }
    }
    int stewardLinksRefused = 0;
    for (Row d : decisions) {
      if (StewardDecision.LINK.equals(d.getString(2)) && !clustering.link(d.getLong(0), d.getLong(1))) {
        stewardLinksRefused++;
      }
    }
    if (stewardLinksRefused > 0) {
      progress.say("%d steward link(s) refused: they would join two valid ID numbers or a split pair", stewardLinksRefused);
    }
    for (Row r : scored.filter(col("band").equalTo(MatchBand.AUTO_MATCH.name())).select("left_uid", "right_uid", "probability")
        .orderBy(col("probability").desc(), col("left_uid"), col("right_uid")).collectAsList()) {
      clustering.link(r.getLong(0), r.getLong(1));
    }
    return clustering;
  }

  /** Pairs of involved records the relatives rule keeps apart: left_uid, right_uid. */
  private static Dataset<Row> relativesKeptApart(Lakehouse lake, Dataset<Row> involved, Dataset<Row> scored) {
    Column relatives = col("rule").equalTo(PersonMatchRules.LIKELY_RELATIVES).and(col("band").equalTo(MatchBand.NON_MATCH.name()));
    Dataset<Row> left = involved.select(col(SilverPersons.SOURCE_SYSTEM).as("left_source"), col(SilverPersons.SOURCE_RECORD_ID).as("left_record"),
        col("uid").as("left_uid"));
    Dataset<Row> right = involved.select(col(SilverPersons.SOURCE_SYSTEM).as("right_source"),
        col(SilverPersons.SOURCE_RECORD_ID).as("right_record"), col("uid").as("right_uid"));
    Dataset<Row> stored = lake.read(LakehouseTable.GOLD_PERSON_MATCH.identifier()).filter(relatives)
        .join(broadcast(left), Lakehouse.columns(List.of("left_source", "left_record")))
        .join(broadcast(right), Lakehouse.columns(List.of("right_source", "right_record")))
        .select("left_uid", "right_uid");
    return stored.union(scored.filter(relatives).select("left_uid", "right_uid"));
  }

  /**
   * Pairs: every newly scored pair; stored pairs of a fresh record that are no longer candidates
   * are deleted; stored pairs between two existing involved records get their status again (a
   * merge links a pair that was queued).
   */
  private static long writeMatches(Lakehouse lake, Dataset<Row> scored, Dataset<Row> clustered, Dataset<Row> decisions,
      Dataset<Row> freshKeys, String runId, List<Dataset<Row>> cached) {
    Dataset<Row> scoredRows = cache(ResolvePersonJob.matchRows(scored, clustered, decisions, runId), cached);
    Dataset<Row> sides = clustered.select(col(SilverPersons.SOURCE_SYSTEM), col(SilverPersons.SOURCE_RECORD_ID), col("cluster_uid"),
        col("fresh"));
    Dataset<Row> storedAll = lake.read(LakehouseTable.GOLD_PERSON_MATCH.identifier());
    Dataset<Row> storedInvolved = cache(storedAll
        .join(broadcast(sides.select(col(SilverPersons.SOURCE_SYSTEM).as("left_source"), col(SilverPersons.SOURCE_RECORD_ID).as("left_record"),
            col("cluster_uid").as("l_cluster"), col("fresh").as("l_fresh"))), Lakehouse.columns(List.of("left_source", "left_record")))
        .join(broadcast(sides.select(col(SilverPersons.SOURCE_SYSTEM).as("right_source"),
            col(SilverPersons.SOURCE_RECORD_ID).as("right_record"), col("cluster_uid").as("r_cluster"), col("fresh").as("r_fresh"))),
            Lakehouse.columns(List.of("right_source", "right_record"))), cached);
    // a pair with one record outside the involved clusters keeps its status: that record's cluster did not change
    Dataset<Row> restatused = storedInvolved.filter(col("l_fresh").equalTo(false).and(col("r_fresh").equalTo(false)))
        .withColumn("status", when(col("l_cluster").equalTo(col("r_cluster")), lit(PersonMatch.LINKED))
            .when(col("rule").startsWith("STEWARD_"), lit(PersonMatch.APART))
            .when(col("band").equalTo(MatchBand.REVIEW.name()), lit(PersonMatch.QUEUED))
            .otherwise(lit(PersonMatch.APART)))
        .withColumn("run_id", lit(runId))
        .select(scoredRows.columns()[0], java.util.Arrays.copyOfRange(scoredRows.columns(), 1, scoredRows.columns().length));
    Dataset<Row> storedOfFresh = storedAll
        .join(broadcast(freshKeys.select(col(SilverPersons.SOURCE_SYSTEM).as("left_source"),
            col(SilverPersons.SOURCE_RECORD_ID).as("left_record"))), Lakehouse.columns(List.of("left_source", "left_record")), "left_semi")
        .union(storedAll.join(broadcast(freshKeys.select(col(SilverPersons.SOURCE_SYSTEM).as("right_source"),
            col(SilverPersons.SOURCE_RECORD_ID).as("right_record"))), Lakehouse.columns(List.of("right_source", "right_record")),
            "left_semi"));
    Dataset<Row> gone = storedOfFresh.select(ResolvePersonJob.MATCH_KEYS.stream().map(c -> col(c)).toArray(Column[]::new))
        .join(scoredRows, Lakehouse.columns(ResolvePersonJob.MATCH_KEYS), "left_anti");
    Dataset<Row> compared = storedInvolved.select(storedAll.columns()[0], java.util.Arrays.copyOfRange(storedAll.columns(), 1,
        storedAll.columns().length)).unionByName(storedOfFresh).distinct();
    return writeChanged(lake, LakehouseTable.GOLD_PERSON_MATCH.identifier(), scoredRows.unionByName(restatused),
        ResolvePersonJob.MATCH_KEYS, ResolvePersonJob.MATCH_COMPARED, compared, List.of(gone));
  }

  /**
   * Writes {@code rows} that differ from {@code stored} (the stored rows they may replace) on
   * {@code compared}, and deletes the keys in {@code deletes}, in one commit. Returns the rows
   * written plus the keys deleted.
   */
  static long writeChanged(Lakehouse lake, org.apache.iceberg.catalog.TableIdentifier table, Dataset<Row> rows, List<String> keys,
      List<String> compared, Dataset<Row> stored, List<Dataset<Row>> deletes) {
    Dataset<Row> storedCompared = stored.select(compared.stream().map(c -> col(c).as("stored_" + c)).toArray(Column[]::new));
    Column same = compared.stream().map(c -> rows.col(c).eqNullSafe(storedCompared.col("stored_" + c))).reduce(Column::and).orElseThrow();
    Dataset<Row> upserts = rows.join(storedCompared, same, "left_anti").persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> deleted = deletes.stream().reduce((a, b) -> a.unionByName(b)).orElse(null);
      return lake.writeKeyedChanges(table, upserts, deleted, keys, ResolvePersonJob.NAME, DRIVER_DELTA_MAX_ROWS);
    } finally {
      upserts.unpersist();
    }
  }

  /** Block keys: every fresh record's keys replace the ones stored for it (none for a new record), in one commit. */
  private static void writeBlocks(Lakehouse lake, Dataset<Row> fresh) {
    lake.writeKeyedChanges(JobTable.PERSON_BLOCK.identifier(), PersonMatching.blockKeys(fresh), null, ResolvePersonJob.KEYS,
        ResolvePersonJob.NAME, BLOCK_DELTA_MAX_ROWS);
  }
}
