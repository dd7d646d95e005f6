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
}
