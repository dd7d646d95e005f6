package org.cdhub.catalog.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cdhub.catalog.subscription.SubscriptionFixtures.OWNER;
import static org.cdhub.catalog.subscription.SubscriptionFixtures.T0;
import static org.cdhub.catalog.subscription.SubscriptionFixtures.UNTIL;
import static org.cdhub.catalog.subscription.SubscriptionFixtures.dataset;
import static org.cdhub.catalog.subscription.SubscriptionFixtures.request;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.model.contract.SharingType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subscription rules on a real (SQLite) catalog with its real audit log. */
class SubscriptionServiceTest {
  static final Decider OWNER_CLERK = new Decider("李审批", OWNER);
  static final Decider CIVIL_AFFAIRS = new Decider("王科长", "civil-affairs");

  @TempDir Path dir;
  CatalogDatabase catalog;
  MovableClock clock;
  SubscriptionService service;

  @BeforeEach
  void open() {
    catalog = CatalogDatabase.open(CatalogConfig.embedded(dir));
    catalog.datasets().upsert(dataset("gold.person", "640100-SQJC-000001", SharingType.CONDITIONAL));
    catalog.datasets().upsert(dataset("gold.place", "640100-SQJC-000002", SharingType.UNCONDITIONAL));
    catalog.datasets().upsert(dataset("silver.person", "640100-SQBZ-000001", SharingType.NOT_SHARED));
    clock = new MovableClock(T0);
    service = new SubscriptionService(catalog.datasets(), catalog.subscriptions(), catalog.auditLog(), clock);
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  @Test
  void unconditionalIsGrantedAtOnceAndAudited() {
    Subscription s = service.request(request("civil-affairs", "gold.place", List.of("master_id", "gender"), null));

    assertThat(s.state()).isEqualTo(SubscriptionState.GRANTED);
    assertThat(s.decidedBy()).isEqualTo(SubscriptionService.HUB);
    assertThat(service.activeGrants()).containsExactly(s);
    assertThat(actions(2)).containsExactly("SUBSCRIPTION_GRANTED", "SUBSCRIPTION_REQUESTED");
    assertThat(catalog.auditLog().recent(1).get(0).scope()).isEqualTo("subscription:" + s.id());
  }

  @Test
  void conditionalWaitsForTheOwnerWhoApproves() {
    Subscription s = service.request(request("civil-affairs", "gold.person", List.of("master_id", "name"), "社会救助"));
    assertThat(s.state()).isEqualTo(SubscriptionState.REQUESTED);
    assertThat(service.activeGrants()).isEmpty();

    assertThatThrownBy(() -> service.approve(s.id(), CIVIL_AFFAIRS))
        .isInstanceOfSatisfying(SubscriptionException.class, e -> assertThat(e.code()).isEqualTo("department.not-owner"));
    clock.advance(Duration.ofMinutes(5));
    Subscription granted = service.approve(s.id(), OWNER_CLERK);

    assertThat(granted.state()).isEqualTo(SubscriptionState.GRANTED);
    assertThat(granted.decidedBy()).isEqualTo("李审批");
    assertThat(granted.decidedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(service.find(s.id())).isEqualTo(granted);
    assertThat(service.activeGrants()).containsExactly(granted);
    assertThat(catalog.auditLog().recent(1).get(0).action()).isEqualTo("SUBSCRIPTION_APPROVED");
    assertThat(catalog.auditLog().recent(1).get(0).clientId()).isEqualTo("李审批");
    assertThatThrownBy(() -> service.approve(s.id(), OWNER_CLERK))
        .isInstanceOfSatisfying(SubscriptionException.class, e -> assertThat(e.code()).isEqualTo("state.not-requested"));
  }

  @Test
  void ownerRejectsWithAReason() {
    Subscription s = service.request(request("civil-affairs", "gold.person", List.of("master_id"), null));

    assertThatThrownBy(() -> service.reject(s.id(), OWNER_CLERK, " "))
        .isInstanceOfSatisfying(SubscriptionException.class, e -> assertThat(e.code()).isEqualTo("reason.required"));
    Subscription rejected = service.reject(s.id(), OWNER_CLERK, "用途与数据无关 (purpose does not need it)");

    assertThat(rejected.state()).isEqualTo(SubscriptionState.REJECTED);
    assertThat(service.find(s.id()).reason()).isEqualTo("用途与数据无关 (purpose does not need it)");
    assertThat(service.activeGrants()).isEmpty();
    assertThat(actions(1)).containsExactly("SUBSCRIPTION_REJECTED");
  }

  @Test
  void notSharedIsRefusedAtOnceWithTheLegalBasis() {
    Subscription s = service.request(request("civil-affairs", "silver.person", List.of("master_id"), null));

    assertThat(s.state()).isEqualTo(SubscriptionState.REFUSED);
    assertThat(s.reason()).isEqualTo("PIPL art. 6: working data");
    assertThat(service.activeGrants()).isEmpty();
    assertThat(actions(2)).containsExactly("SUBSCRIPTION_REFUSED", "SUBSCRIPTION_REQUESTED");
    assertThatThrownBy(() -> service.approve(s.id(), OWNER_CLERK)).isInstanceOf(SubscriptionException.class);
  }

  @Test
  void refusesBrokenRequestsNamingFieldAndRuleAndAuditsThem() {
    assertRefused(request("civil-affairs", "gold.person", List.of("master_id", "salary"), null),
        "columns.not-in-dataset", "salary is not a column of gold.person");
    assertRefused(request("civil-affairs", "gold.person", List.of("master_id", "id_number"), null),
        "legalPurpose.required-for-personal-column", "column id_number holds SENSITIVE_PERSONAL");
    assertRefused(new SubscriptionRequest("civil-affairs", "gold.person", "p", null, List.of("master_id"), null, UNTIL, "z"),
        "scope.required", "gold.person is kept per community");
    assertRefused(request("civil-affairs", "gold.nothing", List.of("master_id"), null), "dataset.not-registered",
        "gold.nothing is not in the catalog");
    assertThatThrownBy(() -> request("Civil Affairs", "gold.person", List.of("master_id"), null))
        .isInstanceOfSatisfying(SubscriptionException.class, e -> assertThat(e.code()).isEqualTo("department.format"));

    assertThat(catalog.subscriptions().findAll()).isEmpty();
    assertThat(catalog.auditLog().recent(4)).extracting(AccessEvent::outcome).containsExactly("dataset.not-registered",
        "scope.required", "legalPurpose.required-for-personal-column", "columns.not-in-dataset");
  }

  @Test
  void aGrantExpiresAtTheEndOfItsPeriodAndIsAuditedOnce() {
    Subscription s = service.request(request("civil-affairs", "gold.place", List.of("master_id"), null));
    clock.set(UNTIL.minusMillis(1));
    assertThat(service.activeGrants()).containsExactly(s);

    clock.set(UNTIL);
    assertThat(service.activeGrants()).isEmpty();
    assertThat(service.find(s.id()).stateAt(clock.instant())).isEqualTo(SubscriptionState.EXPIRED);
    assertThatThrownBy(() -> service.grantFor(s.id(), "civil-affairs"))
        .isInstanceOfSatisfying(SubscriptionException.class, e -> assertThat(e.code()).isEqualTo("state.not-granted"));

    assertThat(service.expireDue()).extracting(Subscription::id).containsExactly(s.id());
    assertThat(service.expireDue()).isEmpty();
    assertThat(service.find(s.id()).state()).isEqualTo(SubscriptionState.EXPIRED);
    assertThat(service.find(s.id()).endedAt()).isEqualTo(UNTIL);
    assertThat(actions(1)).containsExactly("SUBSCRIPTION_EXPIRED");
  }

  @Test
  void revokedByOwnerOrRequesterEndsAccessAtOnce() {
    Subscription s = service.request(request("civil-affairs", "gold.place", List.of("master_id"), null));
    assertThat(service.grantFor(s.id(), "civil-affairs")).isEqualTo(s);
    assertThatThrownBy(() -> service.grantFor(s.id(), "health"))
        .isInstanceOfSatisfying(SubscriptionException.class, e -> assertThat(e.code()).isEqualTo("id.not-found"));
    assertThatThrownBy(() -> service.revoke(s.id(), new Decider("x", "health"), null))
        .isInstanceOfSatisfying(SubscriptionException.class,
            e -> assertThat(e.code()).isEqualTo("department.not-owner-or-requester"));

    clock.advance(Duration.ofHours(1));
    Subscription revoked = service.revoke(s.id(), CIVIL_AFFAIRS, "项目结束");

    assertThat(revoked.state()).isEqualTo(SubscriptionState.REVOKED);
    assertThat(service.find(s.id()).endedBy()).isEqualTo("王科长");
    assertThat(service.activeGrants()).isEmpty();
    assertThat(actions(1)).containsExactly("SUBSCRIPTION_REVOKED");
    assertThatThrownBy(() -> service.revoke(s.id(), OWNER_CLERK, null))
        .isInstanceOfSatisfying(SubscriptionException.class, e -> assertThat(e.code()).isEqualTo("state.not-granted"));
    assertThat(catalog.auditLog().verify().intact()).isTrue();
  }

  @Test
  void aGrantGaveAccessFromItsDecisionUntilItEnded() {
    Subscription granted = service.request(request("civil-affairs", "gold.place", List.of("master_id"), null));
    Subscription waiting = service.request(request("civil-affairs", "gold.person", List.of("master_id"), null));
    clock.advance(Duration.ofHours(1));
    Instant revokedAt = clock.instant();
    service.revoke(granted.id(), CIVIL_AFFAIRS, "项目结束");
    Subscription revoked = service.find(granted.id());

    assertThat(revoked.gaveAccessAt(T0.minusMillis(1))).isFalse();
    assertThat(revoked.gaveAccessAt(T0)).isTrue();
    assertThat(revoked.gaveAccessAt(revokedAt.minusMillis(1))).isTrue();
    assertThat(revoked.gaveAccessAt(revokedAt)).isFalse();
    assertThat(revoked.grantsAccessAt(revokedAt.minusMillis(1))).isFalse();
    assertThat(waiting.gaveAccessAt(T0.plusSeconds(1))).isFalse();

    Subscription other = service.request(request("civil-affairs", "gold.place", List.of("gender"), null));
    clock.set(UNTIL.plusSeconds(1));
    service.expireDue();
    Subscription expired = service.find(other.id());
    assertThat(expired.state()).isEqualTo(SubscriptionState.EXPIRED);
    assertThat(expired.gaveAccessAt(UNTIL.minusMillis(1))).isTrue();
    assertThat(expired.gaveAccessAt(UNTIL)).isFalse();
    // a request nobody answered expires too, but never gave access
    assertThat(service.find(waiting.id()).state()).isEqualTo(SubscriptionState.EXPIRED);
    assertThat(service.find(waiting.id()).gaveAccessAt(UNTIL.minusMillis(1))).isFalse();
  }

  private void assertRefused(SubscriptionRequest request, String code, String message) {
    assertThatThrownBy(() -> service.request(request))
        .isInstanceOfSatisfying(SubscriptionException.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.kind()).isEqualTo(SubscriptionException.Kind.INVALID);
        })
        .hasMessageContaining(message);
  }

  private List<String> actions(int latest) {
    return catalog.auditLog().recent(latest).stream().map(AccessEvent::action).toList();
  }

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    void set(Instant at) {
      now = at;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
