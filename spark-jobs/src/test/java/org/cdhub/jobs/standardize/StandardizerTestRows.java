package org.cdhub.jobs.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.cdhub.model.entity.QuarantinedRecord;

/** Running one row through a standardizer and unwrapping the outcome, for the standardizer tests. */
final class StandardizerTestRows {
  static final Instant INGESTED = Instant.parse("2026-11-02T08:00:00Z");
  static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");

  private StandardizerTestRows() {}

  static <T extends Record> StandardizeOutcome<T> run(RecordStandardizer<T> standardizer, String feed, String recordId, Map<String, String> raw) {
    return standardizer.standardize(new BronzeRecord(feed, recordId, "b1", INGESTED, raw), NOW);
  }

  static <T extends Record> T silver(RecordStandardizer<T> standardizer, String feed, Map<String, String> raw) {
    StandardizeOutcome<T> outcome = run(standardizer, feed, "r1", raw);
    assertThat(outcome).as("outcome of %s", raw).isInstanceOf(StandardizeOutcome.Standardized.class);
    return ((StandardizeOutcome.Standardized<T>) outcome).record();
  }

  static QuarantinedRecord quarantined(RecordStandardizer<?> standardizer, String feed, Map<String, String> raw) {
    StandardizeOutcome<?> outcome = run(standardizer, feed, "r1", raw);
    assertThat(outcome).as("outcome of %s", raw).isInstanceOf(StandardizeOutcome.Quarantined.class);
    QuarantinedRecord q = ((StandardizeOutcome.Quarantined<?>) outcome).record();
    assertThat(q.sourceSystem()).isEqualTo(feed);
    assertThat(q.sourceRecordId()).isEqualTo("r1");
    assertThat(q.stage()).isEqualTo("STANDARDIZE");
    assertThat(q.quarantinedAt()).isEqualTo(NOW);
    return q;
  }
}
