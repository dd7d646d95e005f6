package org.cdhub.jobs.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.entity.PersonStatus;
import org.junit.jupiter.api.Test;

/** A person's status under survivorship.yaml: the latest assertion wins, whatever feed made it. */
class GoldPersonBuilderStatusTest {
  private static final Instant T1 = Instant.parse("2026-11-01T08:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-15T08:00:00Z");
  private static final Instant T3 = Instant.parse("2026-12-01T08:00:00Z");
  private static final String HR = "hr_household";
  private static final String CORRECTION = "community_correction";

  private final GoldPersonBuilder builder = new GoldPersonBuilder(
      new TrustRanks(Map.of(HR, Map.of("*", 95), CORRECTION, Map.of("*", 98))));

  private static PersonEvidence record(String feed, String id, Instant at, int trust, String status) {
    return new PersonEvidence(feed, id, at, trust, "640106194001010079", null, "李奶奶", "linainai", "FEMALE", null, null, null,
        null, null, "640106001001", List.of(), status, 0.5);
  }

  private MasterPerson build(PersonEvidence... records) {
    return builder.build("P-1", List.of(records), T3.plusSeconds(60));
  }

  @Test
  void aLaterReportOfALessTrustedFeedOutranksAnEarlierCorrection() {
    MasterPerson p = build(
        record(HR, "R1", T1, 95, null),
        record(CORRECTION, "41", T2, 98, PersonStatus.MOVED_OUT.name()),
        record(HR, "R2", T3, 95, PersonStatus.DECEASED.name()));

    assertThat(p.status()).isEqualTo(PersonStatus.DECEASED);
    assertThat(p.provenance()).containsEntry("status", HR + ":R2:RECENCY");
  }

  @Test
  void aCorrectionAloneIsTheStatusAndALaterRecordSayingNothingDoesNotUndoIt() {
    MasterPerson p = build(
        record(CORRECTION, "42", T2, 98, PersonStatus.DECEASED.name()),
        record(HR, "R3", T3, 95, null));

    assertThat(p.status()).isEqualTo(PersonStatus.DECEASED);
    assertThat(p.provenance()).containsEntry("status", CORRECTION + ":42:SINGLE_SOURCE");
  }

  @Test
  void trustBreaksATieBetweenReportsDeliveredTogether() {
    MasterPerson p = build(
        record(HR, "R4", T2, 95, PersonStatus.MOVED_OUT.name()),
        record(CORRECTION, "43", T2, 98, PersonStatus.DECEASED.name()));

    assertThat(p.status()).isEqualTo(PersonStatus.DECEASED);
    assertThat(p.provenance()).containsEntry("status", CORRECTION + ":43:TRUST");
  }

  @Test
  void noAssertionLeavesNoStatusAndNoProvenance() {
    MasterPerson p = build(record(HR, "R5", T1, 95, null));

    assertThat(p.status()).isNull();
    assertThat(p.provenance()).doesNotContainKey("status");
  }
}
