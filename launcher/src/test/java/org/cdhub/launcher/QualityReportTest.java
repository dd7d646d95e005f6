package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.cdhub.launcher.QualityReport.FeedQuality;
import org.cdhub.launcher.QualityReport.RuleCount;
import org.cdhub.launcher.QualityReport.RunPoint;
import org.cdhub.model.entity.QuarantinedRecord;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.cdhub.model.ops.QualityMetric;
import org.cdhub.model.ops.QualityRun;
import org.cdhub.model.ops.QualityRun.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityReportTest {
  static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");

  static QualityRun run(String feed, String runId, int day, long rowsIn, long silver, long quarantined, Status status,
      List<String> failures, List<String> anomalies) {
    return new QualityRun(feed, runId, "person", 1000L + day, List.of(feed + "-b" + day), rowsIn, silver, quarantined, status,
        status == Status.PUBLISHED ? 12 : 10, failures.size(), failures, anomalies, T0.plusSeconds(86_400L * day), 4_200);
  }

  static QualityMetric completeness(String feed, String runId, int day, String column, double value) {
    return new QualityMetric(feed, runId, 1000L + day, column, "Completeness", value, T0.plusSeconds(86_400L * day + 60));
  }

  static QuarantinedRecord quarantined(String feed, String stage, String rule, String reason) {
    return new QuarantinedRecord(feed, "rec", feed + "-b1", stage, "id_number", rule, reason, "1101**********1234", null, T0);
  }

  /** hr_household: three published runs written out of order; ca_elderly: one refused run. */
  static void fill(Path dataDir) {
    try (QualityTables tables = new QualityTables(dataDir)) {
      tables.append(LakehouseTable.QUALITY_RUN, List.of(
              run("hr_household", "hr-3", 3, 400, 360, 40, Status.PUBLISHED, List.of(), List.of("Size grew 100% against the last run")),
              run("hr_household", "hr-1", 1, 100, 90, 10, Status.PUBLISHED, List.of(), List.of()),
              run("ca_elderly", "ca-1", 2, 80, 0, 0, Status.REFUSED, List.of("Completeness of id_number is 0.40, below 0.95"), List.of())))
          .append(LakehouseTable.QUALITY_RUN, List.of(
              run("hr_household", "hr-2", 2, 200, 150, 50, Status.PUBLISHED, List.of(), List.of())))
          .append(LakehouseTable.QUALITY_METRIC, List.of(
              completeness("hr_household", "hr-1", 1, "name", 1.0),
              completeness("hr_household", "hr-2", 2, "name", 0.9),
              completeness("hr_household", "hr-3", 3, "name", 0.95),
              completeness("hr_household", "hr-3", 3, "phone", 0.5),
              new QualityMetric("hr_household", "hr-3", 1003, "Dataset", "Size", 400, T0),
              completeness("ca_elderly", "ca-1", 2, "id_number", 0.4)))
          .append(LakehouseTable.QUARANTINE, List.of(
              quarantined("hr_household", "STANDARDIZE", "ID-CHECKSUM", "check digit does not match"),
              quarantined("hr_household", "STANDARDIZE", "ID-CHECKSUM", "check digit does not match"),
              quarantined("hr_household", "STANDARDIZE", "ID-CHECKSUM", "check digit does not match"),
              quarantined("hr_household", "STANDARDIZE", "PHONE-FORMAT", "not a mainland mobile number"),
              quarantined("hr_household", "INGEST", "CSV-PARSE", "unterminated quote"),
              quarantined("hr_household", "INGEST", "CSV-PARSE", "unterminated quote"),
              quarantined("ca_elderly", "STANDARDIZE", "BIRTH-DATE", "birth date in the future")));
    }
  }

  private static QualityReport read(Path dir, String feed, int runs) {
    return QualityReport.read(LakehouseConfig.embedded(dir), feed, runs);
  }

  @Test
  void readsTheLatestRunTheTrendInTimeOrderAndQuarantineCountsPerStageAndRule(@TempDir Path dir) {
    fill(dir);
    QualityReport report = read(dir, null, 10);

    assertThat(report.feeds()).extracting(FeedQuality::feed).containsExactly("ca_elderly", "hr_household");
    FeedQuality hr = report.feeds().get(1);
    assertThat(hr.entity()).isEqualTo("person");
    assertThat(hr.latest().runId()).isEqualTo("hr-3");
    assertThat(hr.latest().rowsIn()).isEqualTo(400);
    assertThat(hr.latest().silverRows()).isEqualTo(360);
    assertThat(hr.latest().quarantinedRows()).isEqualTo(40);
    assertThat(hr.latest().quarantineShare()).isCloseTo(0.10, within(1e-9));
    assertThat(hr.latest().anomalies()).containsExactly("Size grew 100% against the last run");
    assertThat(hr.trend()).extracting(RunPoint::runId).containsExactly("hr-1", "hr-2", "hr-3");
    assertThat(hr.trend()).extracting(RunPoint::quarantineShare).containsExactly(0.10, 0.25, 0.10);

    assertThat(hr.rules()).extracting(RuleCount::stage, RuleCount::rule, RuleCount::rows).containsExactly(
        org.assertj.core.groups.Tuple.tuple("STANDARDIZE", "ID-CHECKSUM", 3L),
        org.assertj.core.groups.Tuple.tuple("INGEST", "CSV-PARSE", 2L),
        org.assertj.core.groups.Tuple.tuple("STANDARDIZE", "PHONE-FORMAT", 1L));
    assertThat(hr.rules().get(0).exampleReason()).isEqualTo("check digit does not match");
    assertThat(hr.quarantineTotal()).isEqualTo(6);

    FeedQuality ca = report.feeds().get(0);
    assertThat(ca.latest().refused()).isTrue();
    assertThat(ca.latest().failures()).containsExactly("Completeness of id_number is 0.40, below 0.95");
    assertThat(ca.rules()).extracting(RuleCount::rule).containsExactly("BIRTH-DATE");
    assertThat(report.anyLatestRefused()).isTrue();
  }

  @Test
  void completenessHasOneValuePerTrendRunAndAGapWhereAColumnWasNotMeasured(@TempDir Path dir) {
    fill(dir);
    FeedQuality hr = read(dir, "hr_household", 10).feeds().get(0);

    assertThat(hr.completeness()).extracting(QualityReport.ColumnCompleteness::column).containsExactly("name", "phone");
    assertThat(hr.completeness().get(0).values()).containsExactly(1.0, 0.9, 0.95);
    assertThat(hr.completeness().get(1).values()).containsExactly(null, null, 0.5);
  }

  @Test
  void theTrendKeepsTheLastRunsOnly(@TempDir Path dir) {
    fill(dir);
    FeedQuality hr = read(dir, "hr_household", 2).feeds().get(0);

    assertThat(hr.trend()).extracting(RunPoint::runId).containsExactly("hr-2", "hr-3");
    assertThat(hr.completeness().get(0).values()).containsExactly(0.9, 0.95);
  }

  @Test
  void aFeedFilterReadsThatFeedOnly(@TempDir Path dir) {
    fill(dir);
    QualityReport report = read(dir, "hr_household", 10);

    assertThat(report.feeds()).extracting(FeedQuality::feed).containsExactly("hr_household");
    assertThat(report.anyLatestRefused()).isFalse();
    assertThat(report.feeds().get(0).rules()).extracting(RuleCount::rule).doesNotContain("BIRTH-DATE");
  }

  @Test
  void aLakehouseWithoutTheTablesReadsAsEmpty(@TempDir Path dir) {
    assertThat(read(dir, null, 10).isEmpty()).isTrue();
    assertThat(read(dir, "hr_household", 10).isEmpty()).isTrue();
  }

  @Test
  void aRunWithoutRowsInHasAZeroShareAndTheTrendNeedsAtLeastOneRun() {
    QualityRun empty = run("x_feed", "x-1", 1, 0, 0, 0, Status.PUBLISHED, List.of(), List.of());
    assertThat(RunPoint.of(empty).quarantineShare()).isZero();
    assertThatThrownBy(() -> QualityReport.of(List.of(empty), List.of(), java.util.Map.of(), 0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
  }

  @Test
  void aRunThatOnlyRecordedTheWatermarkIsLeftOutOfTheLatestRunAndTheTrend() {
    QualityRun real = run("x_feed", "x-1", 1, 10, 7, 3, Status.PUBLISHED, List.of(), List.of());
    QualityRun watermarkOnly = new QualityRun("x_feed", "x-2", "person", 1002, List.of(), 0, 0, 0, Status.PUBLISHED, 0, 0,
        List.of(), List.of(), T0.plusSeconds(86_400L * 2), 10);
    FeedQuality f = QualityReport.of(List.of(watermarkOnly, real), List.of(), java.util.Map.of(), 10, null).feeds().get(0);

    assertThat(f.latest().runId()).isEqualTo("x-1");
    assertThat(f.trend()).extracting(RunPoint::runId).containsExactly("x-1");
    assertThat(f.lastRecordedAt()).isEqualTo(watermarkOnly.startedAt());
    assertThat(QualityTerminal.render(QualityReport.of(List.of(watermarkOnly, real), List.of(), java.util.Map.of(), 10, null)))
        .contains("last checked " + watermarkOnly.startedAt() + ": no new bronze batches since");
    // a feed with nothing but such runs still shows its last one
    assertThat(QualityReport.of(List.of(watermarkOnly), List.of(), java.util.Map.of(), 10, null).feeds().get(0).latest().runId())
        .isEqualTo("x-2");
  }

  @Test
  void aRerunMetricReplacesTheEarlierValueOfTheSameRun() {
    QualityRun r = run("x_feed", "x-1", 1, 10, 10, 0, Status.PUBLISHED, List.of(), List.of());
    QualityMetric first = completeness("x_feed", "x-1", 1, "name", 0.5);
    QualityMetric later = new QualityMetric("x_feed", "x-1", 1001, "name", "Completeness", 0.75, first.computedAt().plusSeconds(5));
    QualityReport report = QualityReport.of(List.of(r), Arrays.asList(later, first), java.util.Map.of(), 5, null);

    assertThat(report.feeds().get(0).completeness().get(0).values()).containsExactly(0.75);
  }
}
