package org.cdhub.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LakehouseTest {
  static final String BATCH = "hub.batch-id";
  static final Schema SCHEMA = new Schema(
      Types.NestedField.required(1, "feed", Types.StringType.get()),
      Types.NestedField.required(2, "n", Types.IntegerType.get()));

  @TempDir
  static Path dir;
  SparkSession spark;
  Lakehouse lake;

  @BeforeAll
  void startSession() {
    JobConfig config = JobConfig.embedded(dir.resolve("data"));
    spark = Lakehouse.session(config, "lakehouse-test");
    lake = new Lakehouse(spark, config.lakehouse().catalogName());
  }

  @AfterAll
  void stopSession() {
    if (spark != null) {
      spark.stop();
    }
  }

  TableIdentifier table(String name, PartitionSpec spec) {
    TableIdentifier id = TableIdentifier.of("bronze", name);
    lake.createIfMissing(id, SCHEMA, spec);
    return id;
  }

  Dataset<Row> rows(int count, int partitions, String... feeds) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(RowFactory.create(feeds[i % feeds.length], i));
    }
    return spark.createDataFrame(rows, Lakehouse.sparkType(SCHEMA)).repartition(partitions);
  }

  long appendBatch(TableIdentifier id, String batch, int count) throws Exception {
    rows(count, 1, "a").writeTo(lake.sqlName(id)).option("snapshot-property." + BATCH, batch).append();
    return lake.currentSnapshotId(id);
  }

  @Test
  void rowsPerBatchComeFromTheSnapshotSummariesOfTheAppendsInRange() throws Exception {
    TableIdentifier id = table("summarized", PartitionSpec.unpartitioned());
    long first = appendBatch(id, "b1", 7);
    long second = appendBatch(id, "b2", 5);
    long third = appendBatch(id, "b2", 3); // a batch may span appends

    assertThat(lake.appendedRowsBy(id, BATCH, null, third)).contains(Map.of("b1", 7L, "b2", 8L));
    assertThat(lake.appendedRowsBy(id, BATCH, first, third)).contains(Map.of("b2", 8L));
    assertThat(lake.appendedRowsBy(id, BATCH, null, second)).contains(Map.of("b1", 7L, "b2", 5L));
    assertThat(lake.appendedRowsBy(id, BATCH, third, third)).contains(Map.of());
  }

  @Test
  void metadataThatCannotTellExactlyGivesNothingSoTheCallerCounts() throws Exception {
    TableIdentifier id = table("unsummarized", PartitionSpec.unpartitioned());
    long first = appendBatch(id, "b1", 4);
    rows(2, 1, "a").writeTo(lake.sqlName(id)).append(); // no batch id in the summary
    long plain = lake.currentSnapshotId(id);

    assertThat(lake.appendedRowsBy(id, BATCH, first, plain)).isEmpty();
    assertThat(lake.appendedRowsBy(id, BATCH, null, first)).contains(Map.of("b1", 4L));
    assertThat(lake.appendedRowsBy(id, BATCH, 42L, first)).as("not an ancestor").isEmpty();

    long afterPlain = appendBatch(id, "b2", 3);
    lake.delete(id, "n = 0", "test");
    long deleted = lake.currentSnapshotId(id);
    assertThat(lake.appendedRowsBy(id, BATCH, plain, afterPlain)).contains(Map.of("b2", 3L));
    assertThat(lake.appendedRowsBy(id, BATCH, plain, deleted)).as("a delete in range").isEmpty();
  }

  @Test
  void appendInPlaceWritesEachTasksRowsWithoutClusteringThemByPartition() {
    TableIdentifier id = table("in_place", PartitionSpec.builderFor(SCHEMA).identity("feed").build());

    lake.appendInPlace(id, rows(300, 3, "a", "b"), "test");

    assertThat(lake.read(id).count()).isEqualTo(300);
    assertThat(lake.read(id).where("feed = 'a'").count()).isEqualTo(150);
    Table table = lake.icebergCatalog().loadTable(id);
    // three tasks each meeting both partitions: six files; a shuffle by partition would give two
    assertThat(table.currentSnapshot().summary()).containsEntry("added-data-files", "6");
    assertThat(table.currentSnapshot().summary()).containsEntry(Lakehouse.SNAPSHOT_JOB_PROPERTY, "test");
  }

  @Test
  void anExistingTableGainsTheColumnsTheModelAddedAndKeepsItsRows() throws Exception {
    TableIdentifier id = table("evolving", PartitionSpec.unpartitioned());
    appendBatch(id, "b1", 2);
    long before = lake.currentSnapshotId(id);
    Schema grown = new Schema(
        Types.NestedField.required(1, "feed", Types.StringType.get()),
        Types.NestedField.required(2, "n", Types.IntegerType.get()),
        Types.NestedField.optional(3, "other_id_number", Types.StringType.get()));

    lake.createIfMissing(id, grown, PartitionSpec.unpartitioned());
    lake.createIfMissing(id, grown, PartitionSpec.unpartitioned()); // nothing left to add: no change

    Table table = lake.icebergCatalog().loadTable(id);
    assertThat(table.schema().findField("other_id_number")).isNotNull();
    assertThat(table.schema().findField("other_id_number").isOptional()).isTrue();
    assertThat(lake.currentSnapshotId(id)).as("a schema change adds no snapshot").isEqualTo(before);
    List<Row> rows = lake.read(id).select("n", "other_id_number").collectAsList();
    assertThat(rows).hasSize(2).allSatisfy(r -> assertThat(r.isNullAt(1)).isTrue());
  }

  static final Schema KEYED = new Schema(
      Types.NestedField.required(1, "k", Types.StringType.get()),
      Types.NestedField.required(2, "status", Types.StringType.get()),
      Types.NestedField.optional(3, "score", Types.DoubleType.get()),
      Types.NestedField.required(4, "evidence", Types.ListType.ofRequired(5, Types.StringType.get())),
      Types.NestedField.required(6, "at", Types.TimestampType.withZone()));

  TableIdentifier keyedTable(String name, PartitionSpec spec) {
    TableIdentifier id = TableIdentifier.of("gold", name);
    lake.createIfMissing(id, KEYED, spec);
    lake.ensureProperties(id, JobTable.PERSON_LINK.tableProperties());
    List<Row> rows = List.of(keyed("k1", "QUEUED", 0.5), keyed("k2", "QUEUED", 0.6), keyed("k3", "LINKED", 0.9));
    lake.append(id, spark.createDataFrame(rows, Lakehouse.sparkType(KEYED)), "seed");
    return id;
  }

  static Row keyed(String k, String status, Double score) {
    return RowFactory.create(k, status, score, List.of(k + "=EXACT:" + score), java.time.Instant.parse("2026-12-06T00:00:00Z"));
  }

  Dataset<Row> keyedRows(Row... rows) {
    return spark.createDataFrame(List.of(rows), Lakehouse.sparkType(KEYED));
  }

  Dataset<Row> keys(String... ks) {
    return spark.createDataFrame(java.util.Arrays.stream(ks).map(k -> RowFactory.create(k)).toList(),
        new org.apache.spark.sql.types.StructType().add("k", org.apache.spark.sql.types.DataTypes.StringType));
  }

  Map<String, String> contents(TableIdentifier id) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Row r : lake.read(id).collectAsList()) {
      assertThat(out.put(r.getString(0), r.getString(1) + "|" + r.get(2) + "|" + r.getList(3))).as("one row per key").isNull();
    }
    return out;
  }

  @Test
  void keyedChangesThroughTheDriverReplaceAndDeleteByKeyInOneSnapshotWithoutRewritingStoredFiles() {
    for (PartitionSpec spec : List.of(PartitionSpec.unpartitioned(), PartitionSpec.builderFor(KEYED).identity("status").build())) {
      String name = spec.isUnpartitioned() ? "keyed_flat" : "keyed_by_status";
      TableIdentifier id = keyedTable(name, spec);
      Table table = lake.icebergCatalog().loadTable(id);
      long before = table.currentSnapshot().snapshotId();
      java.util.Set<String> storedFiles = new java.util.HashSet<>();
      table.currentSnapshot().addedDataFiles(table.io()).forEach(f -> storedFiles.add(f.location()));

      // k1 moves from partition QUEUED to LINKED, k4 is new, k2 is deleted
      long written = lake.writeKeyedChanges(id, keyedRows(keyed("k1", "LINKED", 0.99), keyed("k4", "QUEUED", 0.7)), keys("k2"),
          List.of("k"), "resolve", 100);

      assertThat(written).isEqualTo(3);
      assertThat(contents(id)).containsExactly(
          Map.entry("k1", "LINKED|0.99|[k1=EXACT:0.99]"),
          Map.entry("k3", "LINKED|0.9|[k3=EXACT:0.9]"),
          Map.entry("k4", "QUEUED|0.7|[k4=EXACT:0.7]"));
      table.refresh();
      assertThat(table.currentSnapshot().parentId()).as(name + ": one snapshot").isEqualTo(before);
      assertThat(table.currentSnapshot().summary()).containsEntry(Lakehouse.SNAPSHOT_JOB_PROPERTY, "resolve")
          .containsKey("added-equality-delete-files").doesNotContainKey("removed-data-files");
      java.util.Set<String> live = new java.util.HashSet<>();
      try (var tasks = table.newScan().planFiles()) {
        tasks.forEach(t -> live.add(t.file().location()));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      assertThat(live).as(name + ": stored files are kept, not rewritten").containsAll(storedFiles);
    }
  }

  @Test
  void keyedChangesBeyondTheDriverLimitTakeOneMergeWithTheSameOutcome() {
    TableIdentifier viaDriver = keyedTable("keyed_driver", PartitionSpec.unpartitioned());
    TableIdentifier viaMerge = keyedTable("keyed_merge", PartitionSpec.unpartitioned());
    Dataset<Row> upserts = keyedRows(keyed("k1", "LINKED", 0.99), keyed("k4", "QUEUED", 0.7));

    lake.writeKeyedChanges(viaDriver, upserts, keys("k2"), List.of("k"), "resolve", 100);
    long merged = lake.writeKeyedChanges(viaMerge, upserts, keys("k2"), List.of("k"), "resolve", 2);

    assertThat(merged).isEqualTo(3);
    assertThat(contents(viaMerge)).isEqualTo(contents(viaDriver));
    Table table = lake.icebergCatalog().loadTable(viaMerge);
    assertThat(table.currentSnapshot().summary()).doesNotContainKey("added-equality-delete-files");
  }

  @Test
  void aKeyedChangeWithoutARequiredValueIsRefusedNamingTheColumn() {
    TableIdentifier id = keyedTable("keyed_required", PartitionSpec.unpartitioned());
    Row missingStatus = RowFactory.create("k9", null, 0.1, List.of("x"), java.time.Instant.parse("2026-12-06T00:00:00Z"));
    org.apache.spark.sql.types.StructType lenient = new org.apache.spark.sql.types.StructType()
        .add("k", "string").add("status", "string", true).add("score", "double").add("evidence", "array<string>").add("at", "timestamp");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> lake.writeKeyedChanges(id, spark.createDataFrame(List.of(missingStatus), lenient),
            null, List.of("k"), "resolve", 100))
        .hasMessageContaining("status").hasMessageContaining("required");
    assertThat(contents(id)).containsOnlyKeys("k1", "k2", "k3");
  }

  @Test
  void liveRowsFromTheSummaryAreExactWithoutDeletesAndNeverAboveTheTruthWithThem() {
    TableIdentifier id = keyedTable("keyed_counted", PartitionSpec.unpartitioned());
    assertThat(lake.liveRowsAtLeast(id)).isEqualTo(contents(id).size()).isEqualTo(3);

    // k1 replaced, k4 new (its delete row removes nothing), k2 deleted: 3 live rows, 5 stored, 3 delete rows
    lake.writeKeyedChanges(id, keyedRows(keyed("k1", "LINKED", 0.99), keyed("k4", "QUEUED", 0.7)), keys("k2"), List.of("k"), "resolve", 100);
    assertThat(contents(id)).hasSize(3);
    assertThat(lake.liveRowsAtLeast(id)).isEqualTo(2);

    lake.compactWhenDeletesExceed(id, 0.0, "resolve");
    assertThat(lake.liveRowsAtLeast(id)).isEqualTo(3);
  }

  @Test
  void deletesBeyondTheShareAreCompactedAwayAndTheRowsStay() {
    TableIdentifier id = keyedTable("keyed_compacted", PartitionSpec.builderFor(KEYED).identity("status").build());
    lake.writeKeyedChanges(id, keyedRows(keyed("k1", "LINKED", 0.99)), keys("k2"), List.of("k"), "resolve", 100);
    Map<String, String> before = contents(id);
    Table table = lake.icebergCatalog().loadTable(id);
    long snapshot = table.currentSnapshot().snapshotId();

    assertThat(lake.compactWhenDeletesExceed(id, 10.0, "resolve")).as("4 delete rows against 2 rows: under 10 per row").isFalse();
    table.refresh();
    assertThat(table.currentSnapshot().snapshotId()).isEqualTo(snapshot);

    assertThat(lake.compactWhenDeletesExceed(id, 0.2, "resolve")).isTrue();
    table.refresh();
    assertThat(table.currentSnapshot().summary()).containsEntry("total-delete-files", "0");
    assertThat(contents(id)).isEqualTo(before);
  }
}
