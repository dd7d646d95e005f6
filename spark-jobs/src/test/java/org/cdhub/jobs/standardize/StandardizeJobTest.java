package org.cdhub.jobs.standardize;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cdhub.jobs.BronzeFixture;
import org.cdhub.jobs.JobConfig;
import org.cdhub.jobs.JobResult;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.SourceContractSet;
import org.cdhub.jobs.TestPeople;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standardize job's bookkeeping on one local[2] session: the watermark in
 * ops.quality_run, incremental reads of what bronze appended, per-batch reconciliation that
 * refuses to commit, and determinism. Tests run in order on one lakehouse.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandardizeJobTest {
  static final String HR = "hr_household";
  static final TableIdentifier SILVER = LakehouseTable.SILVER_PERSON.identifier();
  static final TableIdentifier QUARANTINE = LakehouseTable.QUARANTINE.identifier();
  static final TableIdentifier RUNS = LakehouseTable.QUALITY_RUN.identifier();
  static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"};
  static final String[] GIVEN = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇"};

  @TempDir
  static Path dir;
  SparkSession spark;
  Lakehouse lake;
  JobConfig config;
  SourceContract hr;

  @BeforeAll
  void startSession() throws Exception {
    Path contracts = Files.createDirectories(dir.resolve("contracts"));
    Files.writeString(contracts.resolve(HR + ".yaml"), SourceContractSet.bundledText(HR));
    config = JobConfig.embedded(dir.resolve("data")).withContracts(contracts);
    spark = Lakehouse.session(config, "standardize-job-test");
    spark.conf().set("spark.sql.codegen.wholeStage", "false");
    lake = new Lakehouse(spark, config.lakehouse().catalogName());
    hr = SourceContractSet.load(config.contracts()).feed(HR).orElseThrow();
    BronzeFixture.land(lake, hr, "b1", people(0, 120));
  }

  @AfterAll
  void stopSession() {
    if (spark != null) {
      spark.stop();
    }
  }

  /** Household records {@code from..to-1}: valid, varied; every 40th has a wrong ID check character. */
  static List<Map<String, String>> people(int from, int to) {
    List<Map<String, String>> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String birth = String.format("%04d%02d%02d", 1940 + i % 70, 1 + i % 12, 1 + i % 28);
      String id = TestPeople.idNumber("640106", birth, 10 + i % 900);
      Map<String, String> m = new LinkedHashMap<>();
      m.put("rkbh", "P" + i);
      m.put("hh_no", "H" + i / 3);
      m.put("xm", SURNAMES[i % SURNAMES.length] + GIVEN[i % GIVEN.length]);
      m.put("xb", (10 + i % 900) % 2 == 1 ? "1" : "2");
      m.put("csrq", birth);
      m.put("sfzh", i % 40 == 39 ? TestPeople.withWrongCheckCharacter(id) : id);
      m.put("lxdh", "138" + String.format("%08d", 10_000_000 + i));
      m.put("hjdz", "金凤区长城中路街道丽景社区丽景湾小区" + (1 + i % 9) + "号楼" + (1 + i % 3) + "单元" + (101 + i % 20) + "室");
      m.put("jwh_dm", "640106001001");
      m.put("yhzgx", i % 3 == 0 ? "01" : "20");
      m.put("mz", "01");
      m.put("updated_at", "2026-10-01 08:00:00");
      out.add(m);
    }
    return out;
  }

  long count(TableIdentifier id) {
    return lake.read(id).count();
  }

  long bronzeRows() {
    return count(LakehouseTable.bronze(HR));
  }

  Row latestRun() {
    return lake.read(RUNS).where(col("feed").equalTo(HR)).orderBy(col("started_at").desc()).first();
  }

  @Test
  @Order(1)
  void firstRunPublishesEveryRowAndRecordsTheBronzeSnapshotAsWatermark() {
    JobResult result = StandardizeJob.run(spark, config);

    assertThat(result.number("bronze_rows")).isEqualTo(120);
    assertThat(count(SILVER) + count(QUARANTINE)).isEqualTo(bronzeRows());
    assertThat(count(QUARANTINE)).isEqualTo(3); // P39, P79, P119: wrong check character
    Row run = latestRun();
    assertThat(run.<String>getAs("status")).isEqualTo("PUBLISHED");
    assertThat(run.<Long>getAs("bronze_snapshot_id")).isEqualTo(lake.currentSnapshotId(LakehouseTable.bronze(HR)));
    assertThat(run.<Long>getAs("rows_in")).isEqualTo(120);
    assertThat(run.<Long>getAs("silver_rows") + run.<Long>getAs("quarantined_rows")).isEqualTo(120);
  }

  @Test
  @Order(2)
  void reRunWithNothingNewWritesNothing() {
    long silverSnapshots = lake.snapshotCount(SILVER);
    long quarantineSnapshots = lake.snapshotCount(QUARANTINE);
    long runSnapshots = lake.snapshotCount(RUNS);

    JobResult again = StandardizeJob.run(spark, config);

    assertThat(again.number("bronze_rows")).isZero();
    assertThat(lake.snapshotCount(SILVER)).isEqualTo(silverSnapshots);
    assertThat(lake.snapshotCount(QUARANTINE)).isEqualTo(quarantineSnapshots);
    assertThat(lake.snapshotCount(RUNS)).isEqualTo(runSnapshots);
  }

  @Test
  @Order(3)
  void aNewBatchIsReadAloneFromWhatBronzeAppended() {
    BronzeFixture.land(lake, hr, "b2", people(120, 170));

    JobResult result = StandardizeJob.run(spark, config);

    assertThat(result.number("bronze_rows")).isEqualTo(50);
    Row run = latestRun();
    assertThat(run.<String>getAs("status")).isEqualTo("PUBLISHED");
    assertThat(run.<Long>getAs("rows_in")).isEqualTo(50);
    assertThat(run.getList(run.fieldIndex("batch_ids"))).containsExactly("b2");
    assertThat(count(SILVER) + count(QUARANTINE)).isEqualTo(bronzeRows());
  }

  @Test
  @Order(4)
  void aRowBookedToTheWrongBatchStopsTheCommitAndTheBatchStaysPending() {
    BronzeFixture.land(lake, hr, "b3", people(170, 200));
    long silverSnapshots = lake.snapshotCount(SILVER);
    long quarantineSnapshots = lake.snapshotCount(QUARANTINE);
    long runs = count(RUNS);
    // a standardizer bug: one silver record claims another batch (totals still add up)
    StandardizeJob.StandardizerFactory misbooking = (mapping, places) -> {
      RecordStandardizer<? extends Record> real = EntityStandardizers.create(mapping, places);
      return (RecordStandardizer<Record>) (row, now) -> {
        StandardizeOutcome<? extends Record> outcome = real.standardize(row, now);
        if (row.sourceRecordId().equals("P180") && outcome instanceof StandardizeOutcome.Standardized<? extends Record> s) {
          return new StandardizeOutcome.Standardized<>(withBatchId(s.record(), "b1"));
        }
        return outcome instanceof StandardizeOutcome.Quarantined<? extends Record> q
            ? new StandardizeOutcome.Quarantined<>(q.record())
            : new StandardizeOutcome.Standardized<>(((StandardizeOutcome.Standardized<? extends Record>) outcome).record());
      };
    };

    assertThatThrownBy(() -> StandardizeJob.run(spark, config, misbooking))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(HR)
        .hasMessageContaining("batch b1 has bronze rows 0 != silver rows 1")
        .hasMessageContaining("nothing was written");
    assertThat(lake.snapshotCount(SILVER)).isEqualTo(silverSnapshots);
    assertThat(lake.snapshotCount(QUARANTINE)).isEqualTo(quarantineSnapshots);
    assertThat(count(RUNS)).isEqualTo(runs);

    // fixed code picks the batch up: nothing was lost
    JobResult fixed = StandardizeJob.run(spark, config);
    assertThat(fixed.number("bronze_rows")).isEqualTo(30);
    assertThat(count(SILVER) + count(QUARANTINE)).isEqualTo(bronzeRows());
  }

  @Test
  @Order(5)
  void theSameBronzeAlwaysYieldsTheSameSilver() {
    List<String> before = silverRowsInOrder();
    lake.delete(SILVER, "source_system = '" + HR + "'", "test");
    lake.delete(QUARANTINE, "source_system = '" + HR + "'", "test");
    lake.delete(RUNS, "feed = '" + HR + "'", "test");
    // a different partitioning of the same input must not change any value
    spark.conf().set("spark.sql.files.maxRecordsPerFile", "7");
    spark.conf().set("spark.sql.files.maxPartitionBytes", "4096");
    try {
      StandardizeJob.run(spark, config);
    } finally {
      spark.conf().unset("spark.sql.files.maxRecordsPerFile");
      spark.conf().unset("spark.sql.files.maxPartitionBytes");
    }

    assertThat(silverRowsInOrder()).hasSize(before.size()).isEqualTo(before);
  }

  @Test
  @Order(6)
  void aBatchWithFortyPercentOfNamesMissingIsRefusedLoudlyAndStaysPending() {
    List<Map<String, String>> rows = people(200, 300);
    for (int i = 0; i < 40; i++) {
      rows.get(i * 2).put("xm", i % 2 == 0 ? "" : null);
    }
    BronzeFixture.land(lake, hr, "b4", rows);
    long silver = count(SILVER);
    long quarantined = count(QUARANTINE);

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> StandardizeJob.run(spark, config))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Refused to publish 1 feed run(s)")
          .hasMessageContaining("field xm completeness 0.60 below 0.95");
      Row refused = latestRun();
      assertThat(refused.<String>getAs("status")).isEqualTo("REFUSED");
      assertThat(refused.getList(refused.fieldIndex("batch_ids"))).containsExactly("b4");
      assertThat(refused.<Long>getAs("rows_in")).isEqualTo(100);
      // nothing of the batch is published, nothing is lost: bronze still holds it for the next run
      assertThat(count(SILVER)).isEqualTo(silver);
      assertThat(count(QUARANTINE)).isEqualTo(quarantined);
      assertThat(lake.read(SILVER).where(col("batch_id").equalTo("b4")).count()).isZero();
    }
    assertThat(lake.read(LakehouseTable.QUALITY_METRIC.identifier())
        .where(col("run_id").equalTo(latestRun().<String>getAs("run_id")).and(col("instance").equalTo("xm"))
            .and(col("metric").equalTo("Completeness")))
        .first().<Double>getAs("value")).isEqualTo(0.6);
  }

  List<String> silverRowsInOrder() {
    return lake.read(SILVER).where(col("source_system").equalTo(HR)).orderBy("source_record_id").collectAsList().stream()
        .map(Row::toString).toList();
  }

  /** A copy of a silver record with another batch id (all silver records carry batchId). */
  static Record withBatchId(Record record, String batchId) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] = components[i].getName().equals("batchId") ? batchId : components[i].getAccessor().invoke(record);
      }
      return record.getClass().getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
