package org.cdhub.catalog.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.cdhub.catalog.CatalogDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every catalog database must do with unmask grants; run on SQLite and on PostgreSQL. */
abstract class JdbcUnmaskGrantRepositoryContract {
  static final Instant T0 = Instant.parse("2026-12-06T09:30:00.250Z");
  static final Instant EXPIRY = Instant.parse("2027-01-31T16:00:00Z");

  CatalogDatabase catalog;
  private UnmaskGrantRepository grants;

  abstract CatalogDatabase openEmptyCatalog() throws Exception;

  void dropCatalog() throws Exception {}

  @BeforeEach
  void open() throws Exception {
    catalog = openEmptyCatalog();
    grants = catalog.unmaskGrants();
  }

  @AfterEach
  void close() throws Exception {
    if (catalog != null) {
      catalog.close();
      dropCatalog();
    }
  }

  @Test
  void storesAGrantWithEveryFieldAndNumbersGrantsInOrder() {
    UnmaskGrant first = grants.grant(UnmaskGrant.request("north-platform", EnumSet.of(UnmaskableField.PHONE,
        UnmaskableField.ID_NUMBER), "subsidy-review", "640106001001", EXPIRY, "王科长 (data bureau)", T0));
    UnmaskGrant second = grants.grant(UnmaskGrant.request("south-platform", Set.of(UnmaskableField.NAME), "census",
        null, EXPIRY, "li.operator", T0.plusSeconds(1)));

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(grants.find(first.id())).hasValue(first);
    assertThat(first.clientId()).isEqualTo("north-platform");
    assertThat(first.fields()).containsExactlyInAnyOrder(UnmaskableField.PHONE, UnmaskableField.ID_NUMBER);
    assertThat(first.purpose()).isEqualTo("subsidy-review");
    assertThat(first.communityCode()).isEqualTo("640106001001");
    assertThat(first.expiresAt()).isEqualTo(EXPIRY);
    assertThat(first.grantedBy()).isEqualTo("王科长 (data bureau)");
    assertThat(first.grantedAt()).isEqualTo(T0);
    assertThat(first.revokedAt()).isNull();
    assertThat(second.communityCode()).isNull();
    assertThat(grants.findAll()).containsExactly(first, second);
    assertThat(grants.findByClient("south-platform")).containsExactly(second);
    assertThat(grants.findByClient("nobody")).isEmpty();
  }

  @Test
  void revokesOnceNamingWhoAndWhen() {
    UnmaskGrant granted = grants.grant(UnmaskGrant.request("north-platform", Set.of(UnmaskableField.PHONE),
        "subsidy-review", null, EXPIRY, "wang", T0));

    UnmaskGrant revoked = grants.revoke(granted.id(), "zhao", T0.plusSeconds(60)).orElseThrow();

    assertThat(revoked.revokedBy()).isEqualTo("zhao");
    assertThat(revoked.revokedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(grants.find(granted.id())).hasValue(revoked);
    assertThat(revoked.activeAt(T0.plusSeconds(61))).isFalse();
    assertThatThrownBy(() -> grants.revoke(granted.id(), "wang", T0.plusSeconds(120)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Cannot revoke unmask grant " + granted.id() + ": already revoked by zhao at ");
    assertThat(grants.revoke(granted.id() + 100, "zhao", T0)).isEmpty();
  }
}
