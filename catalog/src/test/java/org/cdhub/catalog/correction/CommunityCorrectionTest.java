package org.cdhub.catalog.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CommunityCorrectionTest {
  static final Instant NOW = Instant.parse("2026-12-06T09:30:00Z");
  static final String ID_NUMBER = "640106198503150019";

  @Test
  void normalizesAPhoneAndAsksNoValueOfAStatus() {
    CommunityCorrection phone = correction(CorrectionKind.PHONE, "139-1234-5678", LocalDate.of(2026, 12, 6), " ");
    assertThat(phone.phone()).isEqualTo("13912345678");
    assertThat(phone.address()).isNull();
    assertThat(phone.personStatus()).isNull();
    assertThat(phone.note()).isNull();
    CommunityCorrection moved = correction(CorrectionKind.MOVED_OUT, null, LocalDate.of(2026, 12, 6), "搬往外地");
    assertThat(moved.personStatus()).isEqualTo("MOVED_OUT");
    assertThat(moved.phone()).isNull();
  }

  @Test
  void namesFieldAndRuleOfEachBrokenRule() {
    assertRejected(CorrectionKind.PHONE, "12345", LocalDate.of(2026, 12, 1), null, "value", "phone");
    assertRejected(CorrectionKind.PHONE, "0951-5012345", LocalDate.of(2026, 12, 1), null, "value", "phone");
    assertRejected(CorrectionKind.PHONE, null, LocalDate.of(2026, 12, 1), null, "value", "required");
    assertRejected(CorrectionKind.DECEASED, "13912345678", LocalDate.of(2026, 12, 1), null, "value", "not-allowed");
    assertRejected(CorrectionKind.ADDRESS, "'; DROP TABLE community_correction; --", LocalDate.of(2026, 12, 1), null,
        "value", "address");
    assertRejected(CorrectionKind.ADDRESS, "丽景湾小区" + "1".repeat(CommunityCorrection.MAX_ADDRESS), LocalDate.of(2026, 12, 1),
        null, "value", "address");
    assertRejected(CorrectionKind.MOVED_OUT, null, LocalDate.of(2026, 12, 7), null, "effectiveDate", "future");
    assertRejected(CorrectionKind.MOVED_OUT, null, LocalDate.of(1899, 12, 31), null, "effectiveDate", "min");
    assertRejected(CorrectionKind.MOVED_OUT, null, null, null, "effectiveDate", "required");
    assertRejected(CorrectionKind.MOVED_OUT, null, LocalDate.of(2026, 12, 1), "x".repeat(CommunityCorrection.MAX_NOTE + 1),
        "note", "max-length");
    assertRejected(CorrectionKind.MOVED_OUT, null, LocalDate.of(2026, 12, 1), "bell\u0007", "note", "control-characters");
    assertRejected(null, null, LocalDate.of(2026, 12, 1), null, "kind", "required");
  }

  @Test
  void aDateOfTodayInTheCityIsNotInTheFuture() {
    // 23:30 UTC on the 6th is already the 7th in the city (UTC+8)
    Instant lateEvening = Instant.parse("2026-12-06T23:30:00Z");
    CommunityCorrection c = CommunityCorrection.request("north-platform", "640106001001", "P-A1", ID_NUMBER,
        CorrectionKind.DECEASED, null, LocalDate.of(2026, 12, 7), null, lateEvening);
    assertThat(c.effectiveDate()).isEqualTo(LocalDate.of(2026, 12, 7));
  }

  @Test
  void neverRepeatsTheIdNumberOrThePhone() {
    InvalidCorrectionException badId = catchThrowableOfType(InvalidCorrectionException.class, () ->
        CommunityCorrection.request("north-platform", "640106001001", "P-A1", "640106198503150018",
            CorrectionKind.MOVED_OUT, null, LocalDate.of(2026, 12, 1), null, NOW));
    assertThat(badId.field()).isEqualTo("idNumber");
    assertThat(badId.getMessage()).doesNotContain("640106198503150018");
    InvalidCorrectionException badPhone = catchThrowableOfType(InvalidCorrectionException.class, () ->
        correction(CorrectionKind.PHONE, "1391234567", LocalDate.of(2026, 12, 1), null));
    assertThat(badPhone.getMessage()).doesNotContain("1391234567");
    CommunityCorrection ok = correction(CorrectionKind.PHONE, "13912345678", LocalDate.of(2026, 12, 1), null);
    assertThat(ok.toString()).doesNotContain(ID_NUMBER).doesNotContain("13912345678");
  }

  private static CommunityCorrection correction(CorrectionKind kind, String value, LocalDate effective, String note) {
    return CommunityCorrection.request("north-platform", "640106001001", "P-A1", ID_NUMBER, kind, value, effective, note,
        NOW);
  }

  private static void assertRejected(CorrectionKind kind, String value, LocalDate effective, String note, String field,
      String rule) {
    InvalidCorrectionException e = catchThrowableOfType(InvalidCorrectionException.class,
        () -> correction(kind, value, effective, note));
    assertThat(e).as("%s %s", kind, value).isNotNull();
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.rule()).isEqualTo(rule);
    assertThat(e.getMessage()).contains("master P-A1").contains("field " + field);
  }
}
