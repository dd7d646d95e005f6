package org.cdhub.jobs.resolve;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.upper;
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
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.cdhub.jobs.JobResult;
import org.cdhub.jobs.JobTable;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.Progress;
import org.cdhub.jobs.SilverPersons;
import org.cdhub.jobs.resolve.match.ConstrainedClustering;
import org.cdhub.jobs.resolve.match.MatchModel;
import org.cdhub.model.entity.SilverPerson;

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
 * no other master changes. Only links and pairs that differ are written. Once the pairs are
 * scored the involved records are few (tens of thousands for an increment of 10,000), so
 * clustering, master ids and the rows to write are worked out on the driver
 * ({@link IncrementalClusters}, {@link StoredPairs}) instead of in some thirty small Spark jobs.
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
    List<DriverRecord> freshRecords = collect(fresh, true);
    long freshCount = freshRecords.size();

    // the existing records fresh ones meet: stored keys of the fresh records' blocks, blocks within the limit
    Map<Long, Long> blockSizes = new HashMap<>();
    for (DriverRecord r : freshRecords) {
      for (long block : r.blocks()) {
        blockSizes.merge(block, 1L, Long::sum);
      }
    }
    Dataset<Row> freshBlocks = lake.spark().createDataFrame(blockSizes.keySet().stream().map(b -> RowFactory.create(b)).toList(),
        new StructType().add("block", DataTypes.LongType, false));
    List<Row> stored = lake.read(JobTable.PERSON_BLOCK.identifier())
        .join(broadcast(freshBlocks), "block")
        .join(broadcast(freshKeys), Lakehouse.columns(keys), "left_anti")
        .select(col("block"), col(SilverPersons.SOURCE_SYSTEM), col(SilverPersons.SOURCE_RECORD_ID)).collectAsList();
    stored.forEach(r -> blockSizes.merge(r.getLong(0), 1L, Long::sum));
    java.util.Set<Long> keptBlocks = new java.util.HashSet<>();
    blockSizes.forEach((block, n) -> {
      if (n <= settings.maxBlockSize()) {
        keptBlocks.add(block);
      }
    });
    long oversized = blockSizes.size() - keptBlocks.size();
    java.util.Set<List<String>> met = new java.util.LinkedHashSet<>();
    for (Row r : stored) {
      if (keptBlocks.contains(r.getLong(0))) {
        met.add(List.of(r.getString(1), r.getString(2)));
      }
    }
    Dataset<Row> contextKeys = cache(lake.spark().createDataFrame(met.stream().map(k -> RowFactory.create(k.get(0), k.get(1))).toList(),
        RECORD_KEY), cached);
    // one read of silver for the records met and every other record of their clusters (a merge may take them along)
    Dataset<Row> candidateLinks = cache(links.join(broadcast(links.join(broadcast(contextKeys), Lakehouse.columns(keys), "left_semi")
        .select("cluster_key").distinct()), "cluster_key"), cached);
    Dataset<Row> candidateRecords = records(silverVersions,
        candidateLinks.select(SilverPersons.SOURCE_SYSTEM, SilverPersons.SOURCE_RECORD_ID), false);

    MatchModel model = plan.model().model();
    boolean onDriver = freshCount + met.size() <= settings.driverPairingMaxRecords();
    List<DriverRecord> candidates;
    ScoredPairs scoredPairsFound;
    if (onDriver) {
      candidates = collect(candidateRecords, false);
      List<DriverRecord> context = candidates.stream()
          .filter(c -> met.contains(List.of(c.member().source(), c.member().record()))).toList();
      scoredPairsFound = pairAndScoreOnDriver(freshRecords, context, keptBlocks, model, settings);
    } else {
      Dataset<Row> candidatesRead = cache(candidateRecords, cached);
      candidates = collect(candidatesRead, false);
      scoredPairsFound = pairAndScoreOnExecutors(lake, fresh, candidatesRead.join(broadcast(contextKeys), Lakehouse.columns(keys),
          "left_semi"), keptBlocks, model, settings, cached);
    }
    long pairCount = scoredPairsFound.candidatePairs();
    List<Row> scoredRows = scoredPairsFound.scored();
    progress.say("%d fresh record(s) (%d of them existing), %d existing record(s) met in their blocks, %d candidate pair(s) "
            + "paired and scored on the %s%s", freshCount, existingFresh, met.size(), pairCount, onDriver ? "driver" : "executors",
        oversized + scoredPairsFound.skippedBlocks() == 0 ? "" : "; " + (oversized + scoredPairsFound.skippedBlocks())
            + " block(s) larger than " + settings.maxBlockSize() + " skipped");

    // from here on the records are few (the fresh ones and the existing clusters their pairs reach): the rest runs on the driver
    java.util.Set<Long> reached = new java.util.HashSet<>();
    List<IncrementalClusters.ScoredPair> scoredPairs = new ArrayList<>(scoredRows.size());
    for (Row r : scoredRows) {
      reached.add(r.getLong(0));
      reached.add(r.getLong(1));
      scoredPairs.add(new IncrementalClusters.ScoredPair(r.getLong(0), r.getLong(1), r.getDouble(2), r.getString(4), r.getString(5)));
    }
    Map<String, IncrementalClusters.StoredLink> linkOfRecord = new HashMap<>();
    for (Row r : candidateLinks.select(SilverPersons.SOURCE_SYSTEM, SilverPersons.SOURCE_RECORD_ID, "cluster_key", "master_id", "match_rule")
        .collectAsList()) {
      linkOfRecord.put(MasterIds.recordKey(r.getString(0), r.getString(1)),
          new IncrementalClusters.StoredLink(r.getString(2), r.getString(3), r.getString(4)));
    }
    // involved: fresh records and, whole, every existing cluster a scored pair reaches
    List<IncrementalClusters.Member> candidateMembers = candidates.stream().map(DriverRecord::member).toList();
    java.util.Set<String> reachedClusters = new java.util.HashSet<>();
    for (IncrementalClusters.Member m : candidateMembers) {
      if (reached.contains(m.uid())) {
        reachedClusters.add(linkOfRecord.get(m.recordKey()).clusterKey());
      }
    }
    List<IncrementalClusters.Member> involvedMembers = new ArrayList<>(freshRecords.stream().map(DriverRecord::member).toList());
    Map<Long, IncrementalClusters.StoredLink> existing = new HashMap<>();
    Map<Long, String> oldMasterOf = new HashMap<>();
    for (IncrementalClusters.Member m : candidateMembers) {
      IncrementalClusters.StoredLink link = linkOfRecord.get(m.recordKey());
      if (reachedClusters.contains(link.clusterKey())) {
        involvedMembers.add(m);
        existing.put(m.uid(), link);
        oldMasterOf.put(m.uid(), link.masterId());
      }
    }
    IncrementalClusters involved = IncrementalClusters.of(involvedMembers);
    if (involved == null) {
      progress.say("two involved records share a 64-bit record hash: resolving in full instead");
      return null;
    }
    Map<String, IncrementalClusters.StoredLink> freshLinks = new HashMap<>();
    if (existingFresh > 0) {
      for (Row r : links.join(broadcast(freshKeys), Lakehouse.columns(keys), "left_semi")
          .select(SilverPersons.SOURCE_SYSTEM, SilverPersons.SOURCE_RECORD_ID, "cluster_key", "master_id", "match_rule").collectAsList()) {
        IncrementalClusters.Member m = involved.member(r.getString(0), r.getString(1));
        freshLinks.put(m.recordKey(), new IncrementalClusters.StoredLink(r.getString(2), r.getString(3), r.getString(4)));
        oldMasterOf.put(m.uid(), r.getString(3));
      }
    }

    Dataset<Row> involvedKeys = lake.spark().createDataFrame(involved.members().stream()
        .map(m -> RowFactory.create(m.source(), m.record(), m.uid())).toList(), INVOLVED_KEY);
    List<IncrementalClusters.Decision> decisions = new ArrayList<>();
    for (Row d : ResolvePersonJob.stewardDecisions(lake, involvedKeys).collectAsList()) {
      decisions.add(new IncrementalClusters.Decision(d.getLong(0), d.getLong(1), d.getString(2)));
    }
    StoredPairs storedPairs = StoredPairs.read(lake, involved, involvedKeys);
    ConstrainedClustering clustering = new ConstrainedClustering();
    int stewardLinksRefused = involved.cluster(clustering, existing, scoredPairs, decisions, storedPairs.relatives());
    if (stewardLinksRefused > 0) {
      progress.say("%d steward link(s) refused: they would join two valid ID numbers or a split pair", stewardLinksRefused);
    }
    Map<Long, IncrementalClusters.Placed> placed = involved.place(clustering);
    IncrementalClusters.Assignment assignment = IncrementalClusters.assign(placed, oldMasterOf, takenIds(lake, links));

    StructType linkSchema = lake.read(JobTable.PERSON_LINK.identifier()).schema();
    java.sql.Timestamp linkedAt = java.sql.Timestamp.from(now);
    List<Row> linkUpserts = new ArrayList<>();
    for (IncrementalClusters.Placed p : placed.values()) {
      String master = assignment.masterOfCluster().get(p.clusterKey());
      IncrementalClusters.StoredLink before = p.member().fresh() ? freshLinks.get(p.member().recordKey()) : existing.get(p.member().uid());
      if (before == null || !before.equals(new IncrementalClusters.StoredLink(p.clusterKey(), master, p.matchRule()))) {
        linkUpserts.add(row(linkSchema, Map.of(SilverPersons.SOURCE_SYSTEM, p.member().source(), SilverPersons.SOURCE_RECORD_ID,
            p.member().record(), "cluster_key", p.clusterKey(), "master_id", master, "match_rule", p.matchRule(), "run_id", runId,
            "linked_at", linkedAt)));
      }
    }
    long changed = lake.writeKeyedChanges(JobTable.PERSON_LINK.identifier(), linkUpserts, List.of(), linkSchema, keys,
        ResolvePersonJob.NAME, DRIVER_DELTA_MAX_ROWS);
    long matchChanges = storedPairs.writeChanges(lake, scoredRows, placed, decisions, runId);
    writeBlocks(lake, freshRecords);
    ResolvePersonJob.recordRun(lake, plan.previous(), new ResolveRun(runId, ResolvePlan.Mode.INCREMENTAL.label(), plan.reason(),
        silverSnapshot, stewardSnapshot, plan.model().version(), settings.maxBlockSize(), freshCount, changed, matchChanges, now));
    long queued = ResolvePersonJob.queued(lake);
    progress.say("%d cluster(s) involved: %d new master(s), %d master(s) merged into another; %d link(s) and %d pair(s) written",
        assignment.clusters(), assignment.newMasters(), assignment.mergedMasters(), changed, matchChanges);
    return JobResult.of(ResolvePersonJob.NAME)
        .put("mode", ResolvePlan.Mode.INCREMENTAL.label())
        .put("reason", plan.reason())
        .put("records", freshCount)
        .put("pairing", onDriver ? "driver" : "executors")
        .put("candidate_pairs", pairCount)
        .put("clusters", (long) assignment.clusters())
        .put("changed", changed)
        .put("match_changes", matchChanges)
        .put("new_masters", (long) assignment.newMasters())
        .put("merged_masters", (long) assignment.mergedMasters())
        .put("review_queue", queued);
  }

  private static final StructType RECORD_KEY = new StructType()
      .add(SilverPersons.SOURCE_SYSTEM, DataTypes.StringType, false)
      .add(SilverPersons.SOURCE_RECORD_ID, DataTypes.StringType, false);

  private static final StructType INVOLVED_KEY = new StructType()
      .add(SilverPersons.SOURCE_SYSTEM, DataTypes.StringType, false)
      .add(SilverPersons.SOURCE_RECORD_ID, DataTypes.StringType, false)
      .add("uid", DataTypes.LongType, false);

  /** A record on the driver: who it is as a cluster member, what the comparisons read, and its block hashes. */
  private record DriverRecord(IncrementalClusters.Member member, SilverPerson person, long[] blocks) {
    DriverRecord(IncrementalClusters.Member member, SilverPerson person) {
      this(member, person, PersonMatching.blockHashes(person));
    }
  }

  /** Records of {@code records} (record columns) on the driver. */
  private static List<DriverRecord> collect(Dataset<Row> records, boolean fresh) {
    List<Column> columns = new ArrayList<>(List.of(col(SilverPersons.SOURCE_SYSTEM), col(SilverPersons.SOURCE_RECORD_ID), col("uid"),
        col("id_number"), xxhash64(upper(col("id_number")))));
    PersonMatching.COMPARED.forEach(c -> columns.add(col(c)));
    List<DriverRecord> out = new ArrayList<>();
    for (Row r : records.select(columns.toArray(Column[]::new)).collectAsList()) {
      String id = r.getString(3);
      Object[] compared = new Object[PersonMatching.COMPARED.size()];
      for (int i = 0; i < compared.length; i++) {
        compared[i] = r.get(5 + i);
      }
      out.add(new DriverRecord(new IncrementalClusters.Member(r.getString(0), r.getString(1), r.getLong(2), id,
          id == null ? null : r.getLong(4), fresh), PersonMatching.person(RowFactory.create(compared))));
    }
    return out;
  }

  /** This run's scored pairs at or above the review threshold ({@link PersonMatching#SCORED}), of how many candidate pairs. */
  private record ScoredPairs(List<Row> scored, long candidatePairs, long skippedBlocks) {}

  /**
   * Pairs and scores on the driver: the blocks are those of the fresh records within the size
   * limit, holding the fresh records and the existing ones met there; pairs as on the executors
   * ({@link PersonMatching#pairsOfBlock}), each compared once, scored by {@link PersonMatching#scored}.
   */
  private static ScoredPairs pairAndScoreOnDriver(List<DriverRecord> fresh, List<DriverRecord> context, java.util.Set<Long> keptBlocks,
      MatchModel model, ResolveSettings settings) {
    Map<Long, List<DriverRecord>> blocks = new HashMap<>();
    for (List<DriverRecord> records : List.of(fresh, context)) {
      for (DriverRecord r : records) {
        for (long block : r.blocks()) {
          if (keptBlocks.contains(block)) {
            blocks.computeIfAbsent(block, b -> new ArrayList<>()).add(r);
          }
        }
      }
    }
    // blocks in parallel (the executors are idle meanwhile); a pair met in several blocks is compared once
    java.util.Set<List<Long>> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<Row> scored = blocks.values().parallelStream().flatMap(block -> {
      List<Row> out = new ArrayList<>();
      PersonMatching.pairsOfBlock(block.stream().map(r -> r.member().uid()).toList(), block.stream().map(r -> r.member().fresh()).toList(),
          block.stream().map(DriverRecord::person).toList(), (left, right) -> seen.add(List.of(left, right)), pair -> {
            Row r = PersonMatching.scored(pair, model, settings);
            if (r.getDouble(2) >= settings.thresholds().review()) {
              out.add(asCollected(r));
            }
          });
      return out.stream();
    }).toList();
    return new ScoredPairs(scored, seen.size(), 0);
  }

  /** A scored row as Spark's collect returns it: the evidence array as a Scala sequence. */
  private static Row asCollected(Row scored) {
    Object[] values = new Object[scored.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = scored.get(i);
    }
    values[6] = scala.collection.JavaConverters.asScalaBuffer(java.util.Arrays.asList((String[]) scored.get(6))).toList();
    return new GenericRowWithSchema(values, PersonMatching.SCORED);
  }

  /** Pairs and scores on the executors, for an increment whose records are too many for the driver. */
  private static ScoredPairs pairAndScoreOnExecutors(Lakehouse lake, Dataset<Row> fresh, Dataset<Row> context, java.util.Set<Long> keptBlocks,
      MatchModel model, ResolveSettings settings, List<Dataset<Row>> cached) {
    Dataset<Row> kept = cache(lake.spark().createDataFrame(keptBlocks.stream().map(b -> RowFactory.create(b)).toList(),
        new StructType().add("block_hash", DataTypes.LongType, false)), cached);
    Dataset<Row> blocked = PersonMatching.blocked(fresh).join(broadcast(kept), "block_hash")
        .unionByName(PersonMatching.blocked(context).join(broadcast(kept), "block_hash"));
    LongAccumulator skipped = lake.spark().sparkContext().longAccumulator("resolve.skippedBlocks");
    Dataset<Row> pairs = cache(PersonMatching.pairsInBlocks(blocked, settings.maxBlockSize(), skipped), cached);
    long pairCount = pairs.count();
    Broadcast<MatchModel> onExecutors = JavaSparkContext.fromSparkContext(lake.spark().sparkContext()).broadcast(model);
    try {
      List<Row> scored = PersonMatching.score(pairs, onExecutors, settings)
          .filter(col("probability").geq(settings.thresholds().review())).collectAsList();
      return new ScoredPairs(scored, pairCount, skipped.value());
    } finally {
      onExecutors.destroy();
    }
  }

  /**
   * Master ids a new cluster's derived id must not take: every id a link holds and every id
   * gold.xref knows (merged masters stay there as aliases). Probed with the few candidate ids.
   */
  private static IncrementalClusters.TakenIds takenIds(Lakehouse lake, Dataset<Row> links) {
    Dataset<Row> taken = links.select(col("master_id").as("id")).union(ResolvePersonJob.xrefMasters(lake).select(col("old_master").as("id")));
    return new IncrementalClusters.TakenIds() {
      @Override
      public java.util.Set<String> among(java.util.Set<String> ids) {
        Dataset<Row> probe = lake.spark().createDataFrame(ids.stream().map(RowFactory::create).toList(),
            new StructType().add("id", DataTypes.StringType, false));
        java.util.Set<String> hit = new java.util.HashSet<>();
        taken.join(broadcast(probe), "id").select("id").collectAsList().forEach(r -> hit.add(r.getString(0)));
        return hit;
      }

      @Override
      public java.util.Set<String> all() {
        java.util.Set<String> all = new java.util.HashSet<>();
        taken.filter(col("id").isNotNull()).collectAsList().forEach(r -> all.add(r.getString(0)));
        return all;
      }
    };
  }

  /** A row of {@code schema} with the given values by column name (missing ones null). */
  static Row row(StructType schema, Map<String, Object> values) {
    Object[] out = new Object[schema.size()];
    values.forEach((name, value) -> out[schema.fieldIndex(name)] = value);
    return new GenericRowWithSchema(out, schema);
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

  /** Block keys: every fresh record's keys replace the ones stored for it (none for a new record), in one commit. */
  private static void writeBlocks(Lakehouse lake, List<DriverRecord> fresh) {
    StructType schema = lake.read(JobTable.PERSON_BLOCK.identifier()).schema();
    List<Row> rows = new ArrayList<>();
    for (DriverRecord r : fresh) {
      for (long block : r.blocks()) {
        rows.add(row(schema, Map.of("block", block, SilverPersons.SOURCE_SYSTEM, r.member().source(), SilverPersons.SOURCE_RECORD_ID,
            r.member().record())));
      }
    }
    lake.writeKeyedChanges(JobTable.PERSON_BLOCK.identifier(), rows, List.of(), schema, ResolvePersonJob.KEYS, ResolvePersonJob.NAME,
        BLOCK_DELTA_MAX_ROWS);
  }
}
