package org.cdhub.model.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.cdhub.model.ops.IngestionLogEntry.Status;
import org.junit.jupiter.api.Test;

class IngestionLogEntryTest {
  private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");

  private static IngestionLogEntry entry(Status status, long read, long landed, long quarantined, String reason) {
    return new IngestionLogEntry("hr_household", "hr_household-00", status, read, landed, quarantined, 12, AT,
        "table hr_person", null, null, null, null, reason);
  }

  @Test
  void accountsForEveryRecordRead() {
    assertThat(entry(Status.LANDED, 10, 7, 3, null).read()).isEqualTo(10);
    assertThatThrownBy(() -> entry(Status.LANDED, 10, 7, 2, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("read 10 must be landed 7 + quarantined 2")
        .hasMessageContaining("hr_household-00");
  }

  @Test
  void aFailedDeliveryReadsNothingAndSaysWhy() {
    assertThat(entry(Status.FAILED, 0, 0, 0, "Cannot read").failureReason()).isEqualTo("Cannot read");
    assertThatThrownBy(() -> entry(Status.FAILED, 0, 0, 0, null)).hasMessageContaining("failure reason");
    assertThatThrownBy(() -> entry(Status.LANDED, 1, 1, 0, "oops")).hasMessageContaining("failure reason");
    assertThatThrownBy(() -> entry(Status.FAILED, 3, 3, 0, "oops")).hasMessageContaining("reads nothing");
  }

  @Test
  void isStoredInTheOpsNamespacePartitionedByFeed() {
    assertThat(LakehouseTable.INGESTION_LOG.qualifiedName()).isEqualTo("ops.ingestion_log");
    assertThat(LakehouseTable.INGESTION_LOG.schema().findField("read").isRequired()).isTrue();
    assertThat(LakehouseTable.INGESTION_LOG.schema().findField("failure_reason").isOptional()).isTrue();
    int source = LakehouseTable.INGESTION_LOG.partitionSpec().fields().get(0).sourceId();
    assertThat(LakehouseTable.INGESTION_LOG.schema().findColumnName(source)).isEqualTo("feed");
  }
}
