package org.cdhub.jobs.resolve;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.cdhub.jobs.HubJobs;
import org.cdhub.jobs.JobConfig;
import org.cdhub.jobs.JobResult;
import org.cdhub.jobs.JobTable;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.Progress;
import org.cdhub.jobs.SilverPersons;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Clusters current silver persons by exact (valid, 18-character) ID number; persons without
 * one are singletons. Writes gold.person_link with a master id per cluster.
 *
 * <p>Master ids are stable. A cluster keeps the id its records already have in gold.xref:
 * each existing id goes to the cluster holding most of its records (ties: the cluster with
 * the smallest record key), and a cluster that wins several keeps the one covering most of
 * its records (ties: the smallest id). A cluster with none gets an id derived from its
 * smallest record key ({@link MasterIds}). Only links that differ from the stored ones are
 * written, so a re-run on the same input changes nothing.
 */
public final class ResolvePersonJob {
  public static final String NAME = "resolve";
  static final String DERIVE_UDF = "hub_person_master_id";
  private static final List<String> KEYS = List.of(SilverPersons.SOURCE_SYSTEM, SilverPersons.SOURCE_RECORD_ID);

  private ResolvePersonJob() {}

  public static void main(String[] args) {
    HubJobs.mainFor(NAME, args);
  }

  public static JobResult run(SparkSession spark, JobConfig config) {
    requireNonNull(spark, "spark is null");
    requireNonNull(config, "config is null");
    Progress progress = Progress.stderr(NAME);
    Lakehouse lake = new Lakehouse(spark, config.lakehouse().catalogName());
    lake.createIfMissing(JobTable.PERSON_LINK.identifier(), JobTable.PERSON_LINK.schema(), JobTable.PERSON_LINK.partitionSpec());
    if (!spark.catalog().functionExists(DERIVE_UDF)) {
      spark.udf().register(DERIVE_UDF, (UDF1<String, String>) key -> MasterIds.derive(key, 0), DataTypes.StringType);
    }
    String runId = NAME + "-" + Instant.now();
    Instant now = Instant.now();

    Column hasId = col("id_number").isNotNull();
    Dataset<Row> records = SilverPersons.current(lake)
        .select(col(SilverPersons.SOURCE_SYSTEM), col(SilverPersons.SOURCE_RECORD_ID),
            // the key carries a hash, not the number: link tables need not hold ID numbers
            when(hasId, concat(lit("ID:"), substring(sha2(col("id_number"), 256), 1, 24)))
                .otherwise(concat_ws(":", lit("REC"), col(SilverPersons.SOURCE_SYSTEM), col(SilverPersons.SOURCE_RECORD_ID)))
                .as("cluster_key"),
            when(hasId, lit(MatchRule.ID_NUMBER_EXACT.name())).otherwise(lit(MatchRule.SINGLETON.name())).as("match_rule"),
            concat(col(SilverPersons.SOURCE_SYSTEM), lit(String.valueOf(MasterIds.KEY_SEPARATOR)), col(SilverPersons.SOURCE_RECORD_ID))
                .as("record_key"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> clusters = records.groupBy("cluster_key").agg(min("record_key").as("min_record"), count(lit(1)).as("size"));
      long recordCount = records.count();
      progress.say("%d current silver person(s); assigning master ids", recordCount);
      Dataset<Row> assignment = assignMasterIds(lake, records, clusters).persist(StorageLevel.MEMORY_AND_DISK());
      long clusterCount = assignment.count();
      progress.say("%d cluster(s); comparing links with %s", clusterCount, lake.sqlName(JobTable.PERSON_LINK.identifier()));

      Dataset<Row> links = records.join(assignment, "cluster_key")
          .select(col(SilverPersons.SOURCE_SYSTEM), col(SilverPersons.SOURCE_RECORD_ID), col("cluster_key"),
              col("master_id"), col("match_rule"), lit(runId).as("run_id"), lit(now).as("linked_at"));
      long changed = writeChanges(lake, links);
      assignment.unpersist();
      progress.say("%d link(s) changed", changed);
      return JobResult.of(NAME).put("records", recordCount).put("clusters", clusterCount).put("changed", changed).build();
    } finally {
      records.unpersist();
    }
  }

  /** cluster_key, master_id for every cluster: kept from gold.xref where possible, else derived. */
  static Dataset<Row> assignMasterIds(Lakehouse lake, Dataset<Row> records, Dataset<Row> clusters) {
    Dataset<Row> xref = lake.readOrEmpty(LakehouseTable.GOLD_XREF.identifier(), LakehouseTable.GOLD_XREF.schema())
        .filter(col("entity_type").equalTo(EntityType.PERSON.name()))
        .select(col(SilverPersons.SOURCE_SYSTEM), col(SilverPersons.SOURCE_RECORD_ID), col("master_id").as("old_master"));
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
    Dataset<Row> taken = xref.select(col("old_master").as("id")).union(assigned.select(col("kept_master").as("id")))
        .filter(col("id").isNotNull()).distinct();
    List<Row> collisions = assigned.filter(col("derived").isNotNull())
        .join(taken, assigned.col("derived").equalTo(taken.col("id")))
        .select("cluster_key", "min_record").collectAsList();
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

  /** Upserts links that differ from the stored ones, deletes stored links of records gone from silver. */
  static long writeChanges(Lakehouse lake, Dataset<Row> links) {
    Dataset<Row> stored = lake.read(JobTable.PERSON_LINK.identifier());
    List<String> compared = List.of(SilverPersons.SOURCE_SYSTEM, SilverPersons.SOURCE_RECORD_ID, "cluster_key", "master_id", "match_rule");
    Dataset<Row> upserts = links.join(stored.select(compared.stream().map(c -> col(c)).toArray(Column[]::new)), Lakehouse.columns(compared), "left_anti")
        .withColumn(Lakehouse.CHANGE_OP, lit(Lakehouse.UPSERT));
    Dataset<Row> deletes = stored.select(col(SilverPersons.SOURCE_SYSTEM), col(SilverPersons.SOURCE_RECORD_ID))
        .join(links, Lakehouse.columns(KEYS), "left_anti")
        .withColumn(Lakehouse.CHANGE_OP, lit(Lakehouse.DELETE));
    Dataset<Row> changes = upserts.unionByName(deletes, true).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long n = changes.count();
      if (n > 0) {
        lake.applyChanges(JobTable.PERSON_LINK.identifier(), changes, KEYS, NAME);
      }
      return n;
    } finally {
      changes.unpersist();
    }
  }

}
