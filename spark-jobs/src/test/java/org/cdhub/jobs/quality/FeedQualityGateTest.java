package org.cdhub.jobs.quality;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cdhub.jobs.JobConfig;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.SourceContractSet;
import org.cdhub.jobs.TestPeople;
import org.cdhub.kernel.CitizenIdNumber;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.lakehouse.BronzeEnvelope;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.cdhub.model.ops.QualityMetric;
import org.cdhub.model.ops.QualityRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate on one local[2] session over a lakehouse in a temp dir, with generated household
 * registration rows (the bundled hr_household contract). Each test uses its own feed name (a
 * copy of the contract), so histories do not mix and tests run in any order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedQualityGateTest {
  static final String HR = "hr_household";
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  @TempDir
  static Path dir;
  SparkSession spark;
  Lakehouse lake;
  FeedQualityGate gate;

  @BeforeAll
  void startSession() {
    JobConfig config = JobConfig.embedded(dir.resolve("data"));
    spark = Lakehouse.session(config, "feed-quality-gate-test");
    // a performance switch only: many small plans on a few hundred rows
    spark.conf().set("spark.sql.codegen.wholeStage", "false");
    lake = new Lakehouse(spark, config.lakehouse().catalogName());
    gate = new FeedQualityGate(lake, QualityThresholds.defaults(), java.time.Clock.systemUTC());
  }

  @AfterAll
  void stopSession() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void cleanRunPassesAndItsMetricsAreReadBack() {
    SourceContract contract = contract("hr_clean");
    QualityVerdict v = gate.verify(contract, "run-1", 11L, bronze(contract, people(100, UnaryOperator.identity())), 100, 0);

    assertThat(v.failures()).isEmpty();
    assertThat(v.anomalies()).isEmpty();
    assertThat(v.publishable()).isTrue();
    assertThat(v.checksFailed()).isZero();
    // hr_household: size, completeness of rkbh/xm/sfzh, xb allowed values, csrq birth dates,
    // sfzh ID validity, jwh_dm pattern, record id uniqueness, and the quarantine share
    assertThat(v.checksPassed()).isEqualTo(10);
    assertThat(metric(v.metrics(), ContractChecks.DATASET, "Size")).isEqualTo(100.0);
    assertThat(metric(v.metrics(), "xm", "Completeness")).isEqualTo(1.0);
    assertThat(metric(v.metrics(), "lxdh", "Completeness")).isEqualTo(1.0);
    assertThat(metric(v.metrics(), ContractChecks.DATASET, FeedQualityGate.QUARANTINE_SHARE)).isEqualTo(0.0);

    gate.record(v, run(contract, "run-1", v, 100, T0));

    List<Row> stored = lake.read(LakehouseTable.QUALITY_METRIC).where(col("feed").equalTo("hr_clean")).collectAsList();
    assertThat(stored).hasSize(v.metrics().size());
    Row size = lake.read(LakehouseTable.QUALITY_METRIC)
        .where(col("feed").equalTo("hr_clean").and(col("metric").equalTo("Size"))).first();
    assertThat(size.<String>getAs("run_id")).isEqualTo("run-1");
    assertThat(size.<Long>getAs("bronze_snapshot_id")).isEqualTo(11L);
    assertThat(size.<Double>getAs("value")).isEqualTo(100.0);
    Row run = lake.read(LakehouseTable.QUALITY_RUN).where(col("feed").equalTo("hr_clean")).first();
    assertThat(run.<String>getAs("status")).isEqualTo("PUBLISHED");
    assertThat(run.<Long>getAs("rows_in")).isEqualTo(100L);
  }

  @Test
  void runWithFortyPercentOfARequiredFieldEmptyIsRefusedNamingTheField() {
    SourceContract contract = contract("hr_empty_names");
    // every 5th and 5th+2 row: 40 of 100 names blank (one kind of blank each)
    List<Map<String, String>> rows = people(100, p -> p);
    for (int i = 0; i < rows.size(); i++) {
      if (i % 5 == 0) {
        rows.get(i).put("xm", null);
      } else if (i % 5 == 2) {
        rows.get(i).put("xm", " \u3000 ");
      }
    }
    QualityVerdict v = gate.verify(contract, "run-1", 1L, bronze(contract, rows), 60, 40);

    assertThat(v.publishable()).isFalse();
    assertThat(v.failures()).contains("hr_empty_names: field xm completeness 0.60 below 0.95 (error)");
    // 40 of 100 quarantined is above the 0.20 limit too
    assertThat(v.failures()).anyMatch(f -> f.startsWith("hr_empty_names: dataset quarantine share 0.40 above 0.20"));
    assertThat(v.checksFailed()).isEqualTo(2);
    assertThat(metric(v.metrics(), "xm", "Completeness")).isEqualTo(0.6);
  }

  @Test
  void patternAndAllowedValueBreachesAreRefused() {
    SourceContract contract = contract("hr_codes");
    List<Map<String, String>> rows = people(50, p -> p);
    for (int i = 0; i < 10; i++) {
      rows.get(i).put("jwh_dm", "64010600100" + (i % 2 == 0 ? "" : "X"));
      rows.get(i + 20).put("xb", i % 2 == 0 ? "M" : "男");
    }
    rows.get(40).put("jwh_dm", " 640106001001 ");
    QualityVerdict v = gate.verify(contract, "run-1", 1L, bronze(contract, rows), 50, 0);

    assertThat(v.publishable()).isFalse();
    assertThat(v.failures()).containsExactlyInAnyOrder(
        "hr_codes: field jwh_dm pattern compliance 0.80 below 0.90 (error)",
        "hr_codes: field xb allowed values compliance 0.80 below 0.90 (error)");
    assertThat(metric(v.metrics(), "jwh_dm:pattern", "Compliance")).isEqualTo(0.8);
  }

  @Test
  void citizenIdFunctionCountsAgreeWithTheKernel() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String id = TestPeople.idNumber("640106", String.format("19%02d0%d1%d", 30 + i % 60, 1 + i % 9, i % 10), i);
      ids.add(i % 7 == 0 ? TestPeople.withWrongCheckCharacter(id) : id);
    }
    ids.addAll(List.of("", "   ", "12345", TestPeople.fullWidth(ids.get(1)), TestPeople.legacyIdNumber("640104", "750512", 246),
        "'; DROP TABLE x; --", "\u0000\u0007", "😀".repeat(9), "9".repeat(10_000), ids.get(3).toLowerCase()));
    long kernelValid = ids.stream().filter(s -> CitizenIdNumber.check(s).valid()).count();
    long corrupted = 200 / 7 + 1;
    assertThat(kernelValid).as("generated sample: corrupted ids fail in the kernel").isEqualTo(200 - corrupted + 3);

    ContractChecks.registerFunctions(spark);
    Dataset<Row> sample = spark.createDataset(ids, org.apache.spark.sql.Encoders.STRING()).toDF("raw");
    long udfValid = sample.where("hub_citizen_id_valid(raw)").count();
    assertThat(udfValid).isEqualTo(kernelValid);

    SourceContract contract = contract("hr_ids");
    List<Map<String, String>> rows = people(ids.size(), p -> p);
    for (int i = 0; i < ids.size(); i++) {
      rows.get(i).put("sfzh", ids.get(i));
    }
    QualityVerdict v = gate.verify(contract, "run-1", 1L, bronze(contract, rows), ids.size(), 0);
    // blank values are missing, not invalid: the share is of the present ones
    double present = ids.stream().filter(s -> !s.isBlank()).count();
    assertThat(metric(v.metrics(), "sfzh:citizen_id_valid", "Compliance")).isCloseTo(
        (kernelValid + (ids.size() - present)) / ids.size(), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void fortyPercentFewerRowsThanHistoryIsAnAnomalyAndRefused() {
    SourceContract contract = contract("hr_history");
    int[] sizes = {104, 98, 101, 99, 100};
    for (int r = 0; r < sizes.length; r++) {
      String runId = "run-" + r;
      QualityVerdict v = gate.verify(contract, runId, r, bronze(contract, people(sizes[r], p -> p)), sizes[r], 0);
      assertThat(v.publishable()).as("history run %s", runId).isTrue();
      assertThat(v.anomalies()).as("history run %s", runId).isEmpty();
      gate.record(v, run(contract, runId, v, sizes[r], T0.plusSeconds(3600L * r)));
    }

    // a run that only moved the watermark measures nothing and does not push history out of the window
    gate.record(QualityVerdict.nothingToCheck(), new QualityRun(contract.feed(), "run-idle", contract.entity().name(), 4L, List.of(),
        0, 0, 0, QualityRun.Status.PUBLISHED, 0, 0, List.of(), List.of(), T0.plusSeconds(3600L * 4 + 60), 5));

    QualityVerdict shrunk = gate.verify(contract, "run-5", 5L, bronze(contract, people(60, p -> p)), 60, 0);
    assertThat(shrunk.failures()).isEmpty();
    assertThat(shrunk.publishable()).isFalse();
    assertThat(shrunk.anomalies()).singleElement().asString()
        .startsWith("hr_history: dataset row count 60 is 0.60 times the previous published run's 100")
        .endsWith("(error)");
    gate.record(shrunk, run(contract, "run-5", shrunk, 60, T0.plusSeconds(3600L * 5)));

    // a refused run is no history: the same delivery is refused again
    QualityVerdict retried = gate.verify(contract, "run-6", 5L, bronze(contract, people(60, p -> p)), 60, 0);
    assertThat(retried.publishable()).isFalse();
    assertThat(retried.anomalies()).hasSize(1);

    // a feed suddenly 40% empty in an optional mapped field: no constraint fails, the anomaly refuses it
    List<Map<String, String>> rows = people(100, p -> p);
    for (int i = 0; i < 40; i++) {
      rows.get(i).put("lxdh", "");
    }
    QualityVerdict emptied = gate.verify(contract, "run-7", 7L, bronze(contract, rows), 100, 0);
    assertThat(emptied.failures()).isEmpty();
    assertThat(emptied.publishable()).isFalse();
    assertThat(emptied.anomalies()).containsExactly(
        "hr_history: field lxdh completeness fell from 1.00 to 0.60, more than 0.10 below the previous published run (error)");

    // 10% fewer rows is within the band, but far from five runs of 98..104: a warning only; with a
    // window of five runs, the idle run recorded after them must not take one of the five places
    QualityThresholds d = QualityThresholds.defaults();
    FeedQualityGate lastFive = new FeedQualityGate(lake, new QualityThresholds(d.requiredCompleteness(), d.codeCompliance(),
        d.citizenIdValidity(), d.recordIdUniqueness(), d.maxQuarantineShare(), d.minRowCountRatio(), d.maxRowCountRatio(),
        d.maxCompletenessDrop(), d.outlierStdDevs(), 5, d.minRowsForCompletenessAnomalies(), 5, d.earliestBirthDate()), java.time.Clock.systemUTC());
    QualityVerdict dipped = lastFive.verify(contract, "run-8", 8L, bronze(contract, people(90, p -> p)), 90, 0);
    assertThat(dipped.publishable()).isTrue();
    assertThat(dipped.anomalies()).singleElement().asString()
        .startsWith("hr_history: dataset row count 90 is an outlier against the last 5 published runs (mean 100.40")
        .endsWith("(warning)");

    // an incremental feed: a run of 10 new rows is no collapse, and 5 of them without a phone
    // is no completeness drop on so few rows; the size is still worth a warning
    FeedQualityGate incremental = new FeedQualityGate(lake, QualityThresholds.defaults().withoutRowCountBand(), java.time.Clock.systemUTC());
    List<Map<String, String>> delta = people(10, p -> p);
    for (int i = 0; i < 5; i++) {
      delta.get(i).put("lxdh", null);
    }
    QualityVerdict small = incremental.verify(contract, "run-9", 9L, bronze(contract, delta), 10, 0);
    assertThat(small.publishable()).isTrue();
    assertThat(small.anomalies()).singleElement().asString()
        .startsWith("hr_history: dataset row count 10 is an outlier").endsWith("(warning)");
  }

  @Test
  void hostileValuesDoNotBreakTheChecks() {
    SourceContract contract = contract("hr_hostile");
    List<String> hostile = List.of("\u0000\u0001\u001b[31m\u0007", "x".repeat(10_000), "'; DROP TABLE ops.quality_metric; --",
        "`) OR 1=1 --", "😀👨‍👩‍👧‍👦", "\\d{12}\\", "%_*?[]", "\r\n\t");
    List<Map<String, String>> rows = people(100, p -> p);
    for (int i = 0; i < hostile.size(); i++) {
      for (String field : List.of("rkbh", "xm", "xb", "csrq", "sfzh", "jwh_dm", "hjdz", "lxdh")) {
        rows.get(i).put(field, hostile.get(i));
      }
    }
    QualityVerdict v = gate.verify(contract, "run-1", 1L, bronze(contract, rows), 92, 8);

    // 7 of 100 are present and wrong (the blank one is missing): 0.93 compliance, above the 0.90 limit
    assertThat(v.publishable()).isTrue();
    assertThat(metric(v.metrics(), "sfzh:citizen_id_valid", "Compliance")).isEqualTo(0.93);
    assertThat(metric(v.metrics(), "xb:allowed_values", "Compliance")).isEqualTo(0.93);
    assertThat(metric(v.metrics(), "jwh_dm:pattern", "Compliance")).isEqualTo(0.93);
    assertThat(metric(v.metrics(), "csrq:birth_date_range", "Compliance")).isEqualTo(0.93);
    gate.record(v, run(contract, "run-1", v, 100, T0));
    assertThat(lake.read(LakehouseTable.QUALITY_RUN).where(col("feed").equalTo("hr_hostile")).count()).isEqualTo(1);
  }

  @Test
  void implausibleBirthDatesAndAMissingColumnAreReported() {
    SourceContract contract = contract("hr_births");
    List<Map<String, String>> rows = people(20, p -> p);
    rows.get(0).put("csrq", "18991231");
    rows.get(1).put("csrq", "2999-01-01");
    rows.get(2).put("csrq", "20230230");
    QualityVerdict v = gate.verify(contract, "run-1", 1L, bronze(contract, rows), 20, 0);
    assertThat(v.failures()).singleElement().asString()
        .startsWith("hr_births: field csrq plausible birth dates (1900-01-01..")
        .contains(" 0.85 below 0.90 (error)");

    Dataset<Row> noNames = bronze(contract, rows).drop("xm");
    assertThatThrownBy(() -> gate.verify(contract, "run-2", 1L, noNames, 20, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot check feed hr_births: the bronze rows have no column xm");
  }

  @Test
  void aRefusedVerdictCannotBeRecordedAsPublished() {
    SourceContract contract = contract("hr_refused");
    QualityVerdict v = gate.verify(contract, "run-1", 1L, bronze(contract, List.of()), 0, 0);
    assertThat(v.publishable()).isFalse();
    assertThat(v.failures()).contains("hr_refused: dataset size 0 below 1 (error)");
    QualityRun claimed = new QualityRun("hr_refused", "run-1", "PERSON", 1L, List.of("b1"), 0, 0, 0,
        QualityRun.Status.PUBLISHED, v.checksPassed(), v.checksFailed(), v.failures(), v.anomalies(), T0, 10);
    assertThatThrownBy(() -> gate.record(v, claimed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("run-1 of feed hr_refused as PUBLISHED");
  }

  @Test
  void theStandardizeJobsGateHasNoRowCountBandAndNeedsTheLakehousesSession() {
    assertThat(new FeedQualityGate(spark, lake).thresholds()).isEqualTo(QualityThresholds.defaults().withoutRowCountBand());
    assertThatThrownBy(() -> new FeedQualityGate(spark.newSession(), lake))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not the lakehouse's");
  }

  static SourceContract contract(String feed) {
    return SourceContracts.parse(SourceContractSet.bundledText(HR).replace("feed: " + HR, "feed: " + feed), feed + ".yaml");
  }

  static QualityRun run(SourceContract contract, String runId, QualityVerdict v, long rows, Instant startedAt) {
    return new QualityRun(contract.feed(), runId, contract.entity().name(), 1L, List.of("batch-" + runId), rows, rows, 0,
        v.status(), v.checksPassed(), v.checksFailed(), v.failures(), v.anomalies(), startedAt, 1_000);
  }

  static double metric(List<QualityMetric> metrics, String instance, String name) {
    return metrics.stream().filter(m -> m.instance().equals(instance) && m.metric().equals(name))
        .map(QualityMetric::value).findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name + " of " + instance + " in " + metrics));
  }

  /** n household records that pass every check. */
  static List<Map<String, String>> people(int n, UnaryOperator<Map<String, String>> change) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String birth = String.format("19%02d%02d%02d", 40 + i % 60, 1 + i % 12, 1 + i % 28);
      Map<String, String> m = new LinkedHashMap<>();
      m.put("rkbh", "R" + i);
      m.put("hh_no", "H" + (i / 3));
      m.put("xm", "张" + "三四五六七".charAt(i % 5));
      m.put("xb", i % 2 == 0 ? "1" : "2");
      m.put("csrq", i % 3 == 0 ? birth.substring(0, 4) + "-" + birth.substring(4, 6) + "-" + birth.substring(6) : birth);
      m.put("sfzh", TestPeople.idNumber("640106", birth, i % 1000));
      m.put("lxdh", String.format("138%08d", i));
      m.put("hjdz", "金凤区丽景湾小区" + (i % 9 + 1) + "号楼");
      m.put("jwh_dm", "640106001001");
      m.put("yhzgx", "01");
      m.put("mz", "01");
      m.put("updated_at", "2026-10-01 08:00:00");
      rows.add(change.apply(m));
    }
    return rows;
  }

  /** The rows as bronze holds them: envelope, then the raw strings. */
  Dataset<Row> bronze(SourceContract contract, List<Map<String, String>> records) {
    List<Row> rows = new ArrayList<>();
    int i = 0;
    for (Map<String, String> r : records) {
      List<Object> values = new ArrayList<>(List.of(contract.feed(), "rec-" + i, "batch-1", T0.plusSeconds(i), "hash-" + i));
      for (var f : contract.fields()) {
        values.add(r.get(f.name()));
      }
      rows.add(RowFactory.create(values.toArray()));
      i++;
    }
    return spark.createDataFrame(rows, Lakehouse.sparkType(BronzeEnvelope.schemaFor(contract)));
  }
}
