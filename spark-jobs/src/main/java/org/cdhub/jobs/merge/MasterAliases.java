package org.cdhub.jobs.merge;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.cdhub.jobs.Lakehouse;

/**
 * gold.master_alias after a merge run. A master id that held records before the run and names
 * no master after it was absorbed: it becomes an alias of the master now holding most of its
 * former records (ties: the smallest id). Older aliases pointing at an id retired now are
 * re-pointed to its survivor, and an alias whose id names a master again is dropped.
 */
final class MasterAliases {
  private static final List<String> RECORD = List.of("source_system", "source_record_id", "entity_type");

  private MasterAliases() {}

  /**
   * @param storedXref gold.xref before this run
   * @param newXref the xref rows this run writes
   * @param liveMasters entity_type, master_id of every master after this run
   * @param storedAliases gold.master_alias before this run
   */
  static Dataset<Row> after(Dataset<Row> storedXref, Dataset<Row> newXref, Dataset<Row> liveMasters, Dataset<Row> storedAliases,
      String runId, Instant now) {
    // checkpointed steps: planning the whole chain at once explodes in Spark's query planner
    Dataset<Row> live = liveMasters.select(col("entity_type"), col("master_id").as("live_id")).distinct().localCheckpoint();
    Dataset<Row> moved = storedXref.select(col("source_system"), col("source_record_id"), col("entity_type"), col("master_id").as("old_id"))
        .join(newXref.select(col("source_system"), col("source_record_id"), col("entity_type"), col("master_id").as("new_id")),
            Lakehouse.columns(RECORD))
        .filter(col("old_id").notEqual(col("new_id")))
        .localCheckpoint();
    Dataset<Row> retired = moved
        .join(live, moved.col("entity_type").equalTo(live.col("entity_type")).and(moved.col("old_id").equalTo(live.col("live_id"))), "left_anti")
        .groupBy("entity_type", "old_id", "new_id").agg(count(lit(1)).as("n"))
        .withColumn("rank", row_number().over(Window.partitionBy("entity_type", "old_id").orderBy(col("n").desc(), col("new_id").asc())))
        .filter(col("rank").equalTo(1))
        .select(col("entity_type"), col("old_id"), col("new_id"))
        .localCheckpoint();
    Dataset<Row> fresh = retired.select(col("old_id").as("alias_id"), col("entity_type"), col("new_id").as("master_id"),
        lit(runId).as("run_id"), lit(now).as("merged_at"));
    Dataset<Row> repointed = storedAliases
        .join(retired.select(col("entity_type"), col("old_id").as("master_id"), col("new_id")), Lakehouse.columns(List.of("entity_type", "master_id")), "left")
        .select(col("alias_id"), col("entity_type"), coalesce(col("new_id"), col("master_id")).as("master_id"),
            when(col("new_id").isNull(), col("run_id")).otherwise(lit(runId)).as("run_id"),
            when(col("new_id").isNull(), col("merged_at")).otherwise(lit(now)).as("merged_at"))
        .join(fresh.select("alias_id"), Lakehouse.columns(List.of("alias_id")), "left_anti");
    Dataset<Row> all = repointed.unionByName(fresh);
    return all.join(live, all.col("entity_type").equalTo(live.col("entity_type")).and(all.col("alias_id").equalTo(live.col("live_id"))), "left_anti");
  }
}
