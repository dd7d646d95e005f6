package org.cdhub.jobs.merge;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.cdhub.jobs.HubJobs;
import org.cdhub.jobs.JobConfig;
import org.cdhub.jobs.JobResult;
import org.cdhub.jobs.JobTable;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.Progress;
import org.cdhub.jobs.RecordRows;
import org.cdhub.jobs.SilverPersons;
import org.cdhub.jobs.SourceContractSet;
import org.cdhub.kernel.ParsedAddress;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Builds gold.person from the current silver persons and their links (resolve's output), one
 * golden record per master id with per-attribute survivorship and provenance, and gold.xref
 * for every silver person. Both tables are compared with what is stored and only real
 * changes are written: a re-run on the same input adds no snapshot.
 */
public final class MergePersonJob {
  public static final String NAME = "merge";
  private static final List<String> XREF_KEYS = List.of(SilverPersons.SOURCE_SYSTEM, SilverPersons.SOURCE_RECORD_ID, "entity_type");
  private static final String FINGERPRINT = "_fingerprint";

  private MergePersonJob() {}

  public static void main(String[] args) {
    HubJobs.mainFor(NAME, args);
  }

  public static JobResult run(SparkSession spark, JobConfig config) {
    requireNonNull(spark, "spark is null");
    requireNonNull(config, "config is null");
    Progress progress = Progress.stderr(NAME);
    Lakehouse lake = new Lakehouse(spark, config.lakehouse().catalogName());
    if (!lake.exists(JobTable.PERSON_LINK.identifier())) {
      throw new IllegalStateException("Cannot merge persons: " + lake.sqlName(JobTable.PERSON_LINK.identifier())
          + " does not exist; run resolve first");
    }
    lake.createIfMissing(LakehouseTable.GOLD_PERSON);
    lake.createIfMissing(LakehouseTable.GOLD_XREF);
    TrustRanks trust = TrustRanks.of(SourceContractSet.load(config.contracts()).ofEntity(EntityType.PERSON));
    Instant now = Instant.now();
    String runId = NAME + "-" + now;

    Dataset<Row> links = lake.read(JobTable.PERSON_LINK.identifier())
        .select(col(SilverPersons.SOURCE_SYSTEM), col(SilverPersons.SOURCE_RECORD_ID), col("master_id"), col("match_rule"));
    Dataset<Row> linked = SilverPersons.current(lake)
        .join(links, Lakehouse.columns(List.of(SilverPersons.SOURCE_SYSTEM, SilverPersons.SOURCE_RECORD_ID)), "left")
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long unlinked = linked.filter(col("master_id").isNull()).count();
      if (unlinked > 0) {
        throw new IllegalStateException("Cannot merge persons: " + unlinked
            + " current silver person record(s) have no master link; run resolve first");
      }

      progress.say("every current silver person is linked; building golden records");
      StructType goldType = Lakehouse.sparkType(LakehouseTable.GOLD_PERSON.schema());
      Dataset<Row> gold = linked
          .groupByKey((MapFunction<Row, String>) r -> r.getAs("master_id"), Encoders.STRING())
          .mapGroups(new MergeGroup(new GoldPersonBuilder(trust), now), Encoders.row(goldType))
          .persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> xref = linked.select(
          col(SilverPersons.SOURCE_SYSTEM), col(SilverPersons.SOURCE_RECORD_ID), lit(EntityType.PERSON.name()).as("entity_type"),
          col("master_id"), col("match_rule"), lit(null).cast(DataTypes.DoubleType).as("match_score"),
          lit(runId).as("run_id"), lit(now).as("linked_at"));
      try {
        long goldPersons = gold.count();
        long xrefRows = linked.count();
        progress.say("%d golden person(s) from %d source record(s); writing changes", goldPersons, xrefRows);
        long goldChanges = writeGold(lake, gold);
        progress.say("gold.person: %d change(s)", goldChanges);
        long xrefChanges = writeXref(lake, xref);
        progress.say("%d golden person(s) (%d changed), %d xref row(s) (%d changed)", goldPersons, goldChanges, xrefRows, xrefChanges);
        return JobResult.of(NAME)
            .put("gold_persons", goldPersons)
            .put("xref_rows", xrefRows)
            .put("changed", goldChanges + xrefChanges)
            .build();
      } finally {
        gold.unpersist();
      }
    } finally {
      linked.unpersist();
    }
  }

  /**
   * Content of a golden row without its updated_at, comparable across runs (provenance map
   * entries sorted, since map columns cannot be compared directly).
   */
  static Column fingerprint(StructType goldType) {
    List<String> parts = new ArrayList<>();
    for (String c : goldType.fieldNames()) {
      if (c.equals("updated_at")) {
        continue;
      }
      parts.add(c.equals("provenance")
          ? "array_sort(transform(map_entries(provenance), e -> concat(e.key, '=', e.value))) AS provenance"
          : "`" + c + "`");
    }
    return expr("sha2(to_json(struct(" + String.join(", ", parts) + ")), 256)");
  }

  static long writeGold(Lakehouse lake, Dataset<Row> gold) {
    StructType goldType = gold.schema();
    Dataset<Row> stored = lake.read(LakehouseTable.GOLD_PERSON);
    Dataset<Row> storedPrints = stored.select(col("master_id"), fingerprint(goldType).as(FINGERPRINT));
    Dataset<Row> upserts = gold.withColumn(FINGERPRINT, fingerprint(goldType))
        .join(storedPrints, Lakehouse.columns(List.of("master_id", FINGERPRINT)), "left_anti")
        .drop(FINGERPRINT)
        .withColumn(Lakehouse.CHANGE_OP, lit(Lakehouse.UPSERT));
    // masters no longer produced (their records moved to another master) leave gold.person
    Dataset<Row> deletes = stored.select("master_id").join(gold.select("master_id"), "master_id", "left_anti")
        .withColumn(Lakehouse.CHANGE_OP, lit(Lakehouse.DELETE));
    return apply(lake, LakehouseTable.GOLD_PERSON.identifier(), upserts.unionByName(deletes, true), List.of("master_id"));
  }

  static long writeXref(Lakehouse lake, Dataset<Row> xref) {
    Dataset<Row> stored = lake.read(LakehouseTable.GOLD_XREF).filter(col("entity_type").equalTo(EntityType.PERSON.name()));
    List<String> compared = List.of(SilverPersons.SOURCE_SYSTEM, SilverPersons.SOURCE_RECORD_ID, "entity_type", "master_id", "match_rule");
    Dataset<Row> upserts = xref
        .join(stored.select(compared.stream().map(c -> col(c)).toArray(Column[]::new)), Lakehouse.columns(compared), "left_anti")
        .withColumn(Lakehouse.CHANGE_OP, lit(Lakehouse.UPSERT));
    Dataset<Row> deletes = stored.select(XREF_KEYS.stream().map(c -> col(c)).toArray(Column[]::new))
        .join(xref, Lakehouse.columns(XREF_KEYS), "left_anti")
        .withColumn(Lakehouse.CHANGE_OP, lit(Lakehouse.DELETE));
    return apply(lake, LakehouseTable.GOLD_XREF.identifier(), upserts.unionByName(deletes, true), XREF_KEYS);
  }

  private static long apply(Lakehouse lake, org.apache.iceberg.catalog.TableIdentifier id, Dataset<Row> changes, List<String> keys) {
    Dataset<Row> cached = changes.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long n = cached.count();
      if (n > 0) {
        lake.applyChanges(id, cached, keys, NAME);
      }
      return n;
    } finally {
      cached.unpersist();
    }
  }

  /** Collects one master's silver rows as evidence and builds its golden row. */
  static final class MergeGroup implements MapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final GoldPersonBuilder builder;
    private final Instant now;

    MergeGroup(GoldPersonBuilder builder, Instant now) {
      this.builder = builder;
      this.now = now;
    }

    @Override
    public Row call(String masterId, Iterator<Row> rows) {
      List<PersonEvidence> evidence = new ArrayList<>();
      rows.forEachRemaining(r -> evidence.add(evidence(r)));
      return RecordRows.toRow(builder.build(masterId, evidence, now));
    }

    static PersonEvidence evidence(Row r) {
      return new PersonEvidence(
          r.getAs("source_system"),
          r.getAs("source_record_id"),
          r.getAs("ingested_at"),
          r.<Integer>getAs("trust_rank"),
          r.getAs("id_number"),
          r.getAs("name"),
          r.getAs("name_pinyin"),
          r.getAs("sex"),
          r.getAs("birth_date"),
          r.getAs("phone"),
          address(r),
          r.getAs("community_code"),
          RecordRows.stringList(r, "tags"));
    }

    /** The parsed parts in the kernel's canonical form; the raw text when nothing was parsed. */
    static String address(Row r) {
      String[] parts = {"district", "street", "community", "compound", "building", "unit", "room"};
      boolean any = false;
      for (String p : parts) {
        any |= r.getAs(p) != null;
      }
      if (!any) {
        return r.getAs("address_raw");
      }
      return new ParsedAddress(r.getAs("district"), r.getAs("street"), r.getAs("community"), r.getAs("compound"),
          r.getAs("building"), r.getAs("unit"), r.getAs("room"), null).standardForm();
    }
  }

}
