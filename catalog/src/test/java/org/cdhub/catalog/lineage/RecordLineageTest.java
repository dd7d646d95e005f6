package org.cdhub.catalog.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.TableIdentifier;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.Test;

/**
 * The assembly of record lineage from table rows, which ./hub lineage and the API share; rows are
 * given per table as the readers would hand them over (their Iceberg reading is tested with them).
 */
class RecordLineageTest {
  static final String MASTER = "P-640106001001-00001";
  static final Instant T = Instant.parse("2026-12-01T08:00:00Z");

  /** Every row of a table, as the field lookup a reader passes; the filter is only a hint, as in Iceberg. */
  record Rows(Map<TableIdentifier, List<Map<String, Object>>> tables) implements LakehouseRows {
    @Override
    public boolean forEachRow(TableIdentifier table, List<String> columns, org.apache.iceberg.expressions.Expression filter,
        java.util.function.Consumer<java.util.function.Function<String, Object>> row) {
      if (!tables.containsKey(table)) {
        return false;
      }
      tables.get(table).forEach(r -> row.accept(r::get));
      return true;
    }
  }

  @Test
  void aProvenanceEntryKeepsColonsOfTheRecordId() {
    RecordLineage.AttributeSource a = RecordLineage.AttributeSource.parse("vendor_access_pass:2026:12:01-7:MOST_RECENT");
    assertThat(a.feed()).isEqualTo("vendor_access_pass");
    assertThat(a.recordId()).isEqualTo("2026:12:01-7");
    assertThat(a.rule()).isEqualTo("MOST_RECENT");
    assertThat(RecordLineage.AttributeSource.parse("no-colons").feed()).isEqualTo("no-colons");
  }

  @Test
  void aMergedMasterIsTracedToTheLatestSilverVersionOfEachRecordItsLandedDeliveryAndPublishedRun() {
    Rows rows = new Rows(Map.of(
        LakehouseTable.GOLD_PERSON.identifier(), List.of(
            Map.of("master_id", MASTER, "community_code", "640106001001",
                "provenance", Map.of("name", "hr_household:HH-1:TRUST_RANK", "phone", "ca_elderly:CA-9:MOST_RECENT")),
            Map.of("master_id", "P-OTHER", "community_code", "640106001002", "provenance", Map.of())),
        LakehouseTable.GOLD_XREF.identifier(), List.of(
            xref("hr_household", "HH-1", MASTER), xref("ca_elderly", "CA-9", MASTER), xref("hr_household", "HH-2", "P-OTHER")),
        LakehouseTable.SILVER_PERSON.identifier(), List.of(
            silver("hr_household", "HH-1", "b-old", T.minusSeconds(9000)),
            silver("hr_household", "HH-1", "b-new", T.minusSeconds(100)),
            silver("ca_elderly", "CA-9", "b-ca", T.minusSeconds(500))),
        LakehouseTable.INGESTION_LOG.identifier(), List.of(
            Map.of("batch_id", "b-new", "status", "REPLAYED", "source", "again.csv", "delivered_at", T.atOffset(ZoneOffset.UTC)),
            Map.of("batch_id", "b-new", "status", "LANDED", "source", "hr.csv", "flowfile_id", "ff-1", "bronze_snapshot_id", 41L,
                "delivered_at", T.minusSeconds(200).atOffset(ZoneOffset.UTC))),
        LakehouseTable.QUALITY_RUN.identifier(), List.of(
            Map.of("run_id", "std-refused", "batch_ids", List.of("b-new"), "status", "REFUSED", "started_at", T.minusSeconds(190).atOffset(ZoneOffset.UTC)),
            Map.of("run_id", "std-1", "batch_ids", List.of("b-new"), "status", "PUBLISHED", "started_at", T.minusSeconds(150).atOffset(ZoneOffset.UTC)))));

    RecordLineage l = RecordLineage.trace(rows, MASTER, List.of());

    assertThat(l.found()).isTrue();
    assertThat(l.communityCode()).isEqualTo("640106001001");
    assertThat(l.sources()).extracting(RecordLineage.SourceRecord::recordId).containsExactly("CA-9", "HH-1");
    RecordLineage.SourceRecord hh = l.sources().get(1);
    assertThat(hh.batchId()).isEqualTo("b-new");
    assertThat(hh.delivery().source()).isEqualTo("hr.csv");
    assertThat(hh.delivery().bronzeSnapshotId()).isEqualTo(41L);
    assertThat(hh.standardizeRun().runId()).isEqualTo("std-1");
    assertThat(l.sources().get(0).delivery()).isNull();
    assertThat(l.attributes().get("phone").recordId()).isEqualTo("CA-9");
    assertThat(l.sourceOf(l.attributes().get("name"))).contains(hh);
    assertThat(l.aliases()).isEmpty(); // no gold.master_alias table yet
  }

  @Test
  void aMasterGoldDoesNotHoldIsNotFound() {
    assertThat(RecordLineage.trace(new Rows(Map.of()), MASTER, List.of()).found()).isFalse();
  }

  private static Map<String, Object> xref(String feed, String record, String master) {
    return Map.of("entity_type", "PERSON", "source_system", feed, "source_record_id", record, "master_id", master,
        "match_rule", "ID_NUMBER_EXACT", "run_id", "resolve-1", "linked_at", T.atOffset(ZoneOffset.UTC));
  }

  private static Map<String, Object> silver(String feed, String record, String batch, Instant ingestedAt) {
    return Map.of("source_system", feed, "source_record_id", record, "batch_id", batch, "ingested_at", ingestedAt.atOffset(ZoneOffset.UTC));
  }
}
