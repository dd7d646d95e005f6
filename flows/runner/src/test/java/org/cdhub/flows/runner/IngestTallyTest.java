package org.cdhub.flows.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestTallyTest {

  @Test
  void sumsLandedFlowFilesAndCountsReplayedBatchesApart() {
    IngestTally tally = IngestTally.of(List.of(
        landed("b1", 100, 98, 2, false),
        landed("b2", 50, 50, 0, true)));

    assertThat(tally.line("hr_household", 1234))
        .isEqualTo("INGEST feed=hr_household read=150 landed=148 quarantined=2 batches=1 duration_ms=1234");
    assertThat(tally.replayed()).isEqualTo(1);
  }

  @Test
  void refusesAFlowFileWhoseSourceWroteMoreRecordsThanWereLanded() {
    Map<String, String> lost = new java.util.HashMap<>(landed("b1", 100, 100, 0, false));
    lost.put("record.count", "101");

    assertThatThrownBy(() -> IngestTally.of(List.of(lost)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Records lost in batch b1");
  }

  @Test
  void refusesCountsThatDoNotAddUp() {
    assertThatThrownBy(() -> IngestTally.of(List.of(landed("b1", 100, 90, 5, false))))
        .hasMessageContaining("read 100 but landed 90 + quarantined 5");
  }

  @Test
  void refusesAFlowFileThatDidNotComeFromTheLandingProcessor() {
    assertThatThrownBy(() -> IngestTally.of(List.of(Map.of("filename", "x"))))
        .hasMessageContaining("without hub.records.read");
  }

  private static Map<String, String> landed(String batch, int read, int landed, int quarantined, boolean replayed) {
    return Map.of("hub.batch.id", batch, "hub.records.read", "" + read, "hub.records.landed", "" + landed,
        "hub.records.quarantined", "" + quarantined, "hub.batch.replayed", "" + replayed, "record.count", "" + read);
  }
}
