package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.cdhub.launcher.IngestionReport.Delivery;
import org.cdhub.model.ops.IngestionLogEntry.Status;
import org.junit.jupiter.api.Test;

class IngestionReportTest {
  private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  private static Delivery delivery(String feed, String batch, Status status, long read, long landed, long quarantined, int minute) {
    return new Delivery(feed, batch, status, read, landed, quarantined, 1500, T0.plusSeconds(60L * minute),
        "hr.csv", null, status == Status.FAILED ? "Cannot land batch" : null);
  }

  @Test
  void totalsCountEachRecordOnceWhenItLandedAndListReplaysAndFailuresSeparately() {
    IngestionReport report = new IngestionReport(List.of(
        delivery("hr_household", "b1", Status.LANDED, 100, 97, 3, 1),
        delivery("hr_household", "b2", Status.LANDED, 50, 50, 0, 2),
        delivery("hr_household", "b1", Status.REPLAYED, 100, 97, 3, 3),
        delivery("hr_household", "b3", Status.FAILED, 0, 0, 0, 4),
        delivery("ca_elderly", "c1", Status.EMPTY, 0, 0, 0, 5)));

    assertThat(report.totals()).extracting(IngestionReport.FeedTotals::feed).containsExactly("ca_elderly", "hr_household");
    IngestionReport.FeedTotals hr = report.totals().get(1);
    assertThat(hr.deliveries()).isEqualTo(4);
    assertThat(hr.landedBatches()).isEqualTo(2);
    assertThat(hr.replayed()).isEqualTo(1);
    assertThat(hr.failed()).isEqualTo(1);
    assertThat(hr.read()).isEqualTo(150);
    assertThat(hr.landed()).isEqualTo(147);
    assertThat(hr.quarantined()).isEqualTo(3);
    assertThat(hr.lastDelivery()).isEqualTo(T0.plusSeconds(240));
    assertThat(report.totals().get(0).empty()).isEqualTo(1);
  }

  @Test
  void printsTheLatestDeliveriesWithFailureReasonsAndFlagsAnEntryThatDoesNotBalance() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean balanced = new IngestionReport(List.of(
        delivery("hr_household", "b1", Status.LANDED, 100, 97, 3, 1),
        delivery("hr_household", "b2", Status.FAILED, 0, 0, 0, 2),
        delivery("va_veteran", "v1", Status.LANDED, 10, 9, 0, 3)))
        .print(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2);
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(balanced).isFalse();
    assertThat(out).contains("UNBALANCED: 1").contains("Cannot land batch").contains("v1 from hr.csv")
        .doesNotContain(" b1 from"); // only the latest 2 deliveries are listed
  }

  @Test
  void saysSoWhenNothingWasLogged() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertThat(new IngestionReport(List.of()).print(new PrintStream(bytes, true, StandardCharsets.UTF_8), 5)).isTrue();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("No deliveries logged yet");
  }
}
