package org.cdhub.jobs.resolve;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.cdhub.jobs.JobTable;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.Progress;
import org.cdhub.jobs.RecordRows;
import org.cdhub.jobs.SilverPersons;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Whether resolve runs in full or incrementally, and why. Incremental needs a previous run that
 * left links, block keys and its model; the same thresholds and block limit; no steward decision
 * since (it may split an existing cluster); silver only appended to since the previous run's
 * snapshot (a rewrite or delete there needs a full run); and the records new or changed since
 * at most {@link ResolveSettings#incrementalMaxShare()} of the linked ones.
 *
 * @param appended the silver rows appended since the previous run (computed once); null for a full run
 */
record ResolvePlan(Mode mode, String reason, ResolveRun previous, MatchModels.Versioned model, Dataset<Row> appended,
    long appendedRecords, long linkedRecords) {

  enum Mode {
    FULL, INCREMENTAL;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  ResolvePlan {
    requireNonNull(mode, "mode is null");
    requireNonNull(reason, "reason is null");
    if (mode == Mode.INCREMENTAL && (previous == null || model == null || appended == null)) {
      throw new IllegalArgumentException("Cannot plan an incremental resolve without a previous run, its model and the appended records");
    }
  }

  static ResolvePlan full(String reason, ResolveRun previous) {
    return new ResolvePlan(Mode.FULL, reason, previous, null, null, 0, 0);
  }

  /** This plan turned into a full run, for a reason found only while running incrementally. */
  ResolvePlan fallBackToFull(String why) {
    release();
    return full(why, previous);
  }

  /** Whether nothing was appended to silver since the previous run: an incremental run then writes nothing. */
  boolean nothingNew() {
    return mode == Mode.INCREMENTAL && appendedRecords == 0;
  }

  void release() {
    if (appended != null) {
      appended.unpersist();
    }
  }

  static ResolvePlan choose(Lakehouse lake, ResolveSettings settings, Long silverSnapshot, Long stewardSnapshot, Progress progress) {
    ResolveRun previous = previousRun(lake).orElse(null);
    ResolvePlan plan = decide(lake, settings, silverSnapshot, stewardSnapshot, previous);
    if (plan.mode() == Mode.INCREMENTAL) {
      progress.say("incremental run: %d record(s) new or changed since %s, %d linked, model %s", plan.appendedRecords(),
          previous.runId(), plan.linkedRecords(), plan.model().version());
    }
    return plan;
  }

  private static ResolvePlan decide(Lakehouse lake, ResolveSettings settings, Long silverSnapshot, Long stewardSnapshot,
      ResolveRun previous) {
    if (settings.forceFull()) {
      return full("forced", previous);
    }
    if (previous == null) {
      return full("no_previous_run", previous);
    }
    if (previous.silverSnapshotId() == null || silverSnapshot == null) {
      return full("silver_empty", previous);
    }
    if (previous.maxBlockSize() != settings.maxBlockSize()) {
      return full("block_limit_changed", previous);
    }
    Optional<MatchModels.Versioned> model = MatchModels.load(lake, previous.modelVersion());
    if (model.isEmpty()) {
      return full("model_unavailable", previous);
    }
    if (!model.get().thresholds().equals(settings.thresholds())) {
      return full("thresholds_changed", previous);
    }
    if (!java.util.Objects.equals(stewardSnapshot, previous.stewardSnapshotId())) {
      return full("steward_decisions", previous);
    }
    // from the snapshot summary, not a scan of every link: a lower bound, exact without deletes
    long linked = lake.liveRowsAtLeast(JobTable.PERSON_LINK.identifier());
    if (linked == 0) {
      return full("no_links", previous);
    }
    if (silverSnapshot.equals(previous.silverSnapshotId())) {
      return new ResolvePlan(Mode.INCREMENTAL, "nothing_new", previous, model.get(),
          lake.spark().emptyDataFrame(), 0, linked);
    }
    if (!lake.isAncestor(LakehouseTable.SILVER_PERSON.identifier(), silverSnapshot, previous.silverSnapshotId())) {
      return full("silver_rewritten", previous);
    }
    Dataset<Row> appended;
    long count;
    try {
      appended = lake.readAppended(LakehouseTable.SILVER_PERSON.identifier(), previous.silverSnapshotId(), silverSnapshot)
          .persist(StorageLevel.MEMORY_AND_DISK());
      count = appended.select(SilverPersons.SOURCE_SYSTEM, SilverPersons.SOURCE_RECORD_ID).distinct().count();
    } catch (RuntimeException e) {
      // a snapshot since the watermark that is not an append (records deleted or rewritten)
      return full("silver_rewritten", previous);
    }
    if (count > settings.incrementalMaxShare() * linked) {
      appended.unpersist();
      return full("share_above_max", previous);
    }
    return new ResolvePlan(Mode.INCREMENTAL, "share_within_max", previous, model.get(), appended, count, linked);
  }

  /** The latest recorded run. */
  static Optional<ResolveRun> previousRun(Lakehouse lake) {
    List<Row> rows = lake.read(JobTable.RESOLVE_RUN.identifier()).orderBy(col("started_at").desc(), col("run_id").desc()).limit(1)
        .collectAsList();
    return rows.isEmpty() ? Optional.empty() : Optional.of(RecordRows.fromRow(rows.get(0), ResolveRun.class));
  }
}
