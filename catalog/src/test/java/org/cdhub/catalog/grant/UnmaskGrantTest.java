package org.cdhub.catalog.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnmaskGrantTest {
  static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");
  static final Instant EXPIRY = T0.plusSeconds(3600);
  final UnmaskGrant phoneInNorth = new UnmaskGrant(5, "north-platform", Set.of(UnmaskableField.PHONE), "subsidy-review",
      "640106001001", EXPIRY, "wang", T0, null, null);

  @Test
  void allowsOnlyItsFieldPurposeAndCommunityUntilItExpires() {
    assertThat(phoneInNorth.allows(UnmaskableField.PHONE, "640106001001", "subsidy-review", T0)).isTrue();
    assertThat(phoneInNorth.allows(UnmaskableField.PHONE, "640106001001", "subsidy-review", EXPIRY.minusMillis(1))).isTrue();
    assertThat(phoneInNorth.allows(UnmaskableField.PHONE, "640106001001", "subsidy-review", EXPIRY)).isFalse();
    assertThat(phoneInNorth.allows(UnmaskableField.ID_NUMBER, "640106001001", "subsidy-review", T0)).isFalse();
    assertThat(phoneInNorth.allows(UnmaskableField.PHONE, "640106001002", "subsidy-review", T0)).isFalse();
    assertThat(phoneInNorth.allows(UnmaskableField.PHONE, "640106001001", "census", T0)).isFalse();
  }

  @Test
  void aGrantWithoutCommunityAppliesInEveryCommunityAndARevokedOneNowhere() {
    UnmaskGrant anywhere = new UnmaskGrant(6, "north-platform", Set.of(UnmaskableField.NAME), "census", null, EXPIRY,
        "wang", T0, null, null);
    UnmaskGrant revoked = new UnmaskGrant(6, "north-platform", Set.of(UnmaskableField.NAME), "census", null, EXPIRY,
        "wang", T0, "zhao", T0.plusSeconds(1));

    assertThat(anywhere.allows(UnmaskableField.NAME, "650102003004", "census", T0)).isTrue();
    assertThat(revoked.allows(UnmaskableField.NAME, "650102003004", "census", T0.plusSeconds(2))).isFalse();
  }

  @Test
  void rejectsAGrantWithoutFieldsNamingTheRule() {
    assertThatThrownBy(() -> UnmaskGrant.request("north-platform", Set.of(), "census", null, EXPIRY, "wang", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid unmask grant for client north-platform, field fields: must name at least one of "
            + "idNumber,name,phone,address, was []");
  }

  @Test
  void rejectsAnExpiryNotAfterTheGrantAndABadPurposeOrCommunity() {
    assertThatThrownBy(() -> UnmaskGrant.request("north-platform", Set.of(UnmaskableField.NAME), "census", null, T0, "wang", T0))
        .hasMessageContaining("field expires_at: must be after granted_at");
    assertThatThrownBy(() -> UnmaskGrant.request("north-platform", Set.of(UnmaskableField.NAME), "Census!", null, EXPIRY, "wang", T0))
        .hasMessageContaining("field purpose:");
    assertThatThrownBy(() -> UnmaskGrant.request("north-platform", Set.of(UnmaskableField.NAME), "census", "6401", EXPIRY, "wang", T0))
        .hasMessageContaining("field community_code: must be a 12-digit community code, was 6401");
    assertThatThrownBy(() -> UnmaskGrant.request("north-platform", Set.of(UnmaskableField.NAME), "census", null, EXPIRY, " ", T0))
        .hasMessageContaining("field granted_by:");
  }

  @Test
  void namesFieldsAsTheApiSpellsThem() {
    assertThat(UnmaskableField.byName("idNumber")).hasValue(UnmaskableField.ID_NUMBER);
    assertThat(UnmaskableField.byName("ID_NUMBER")).isEmpty();
    assertThat(UnmaskableField.names()).isEqualTo("idNumber,name,phone,address");
  }
}
