package org.cdhub.catalog.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdhub.catalog.subscription.SubscriptionFixtures.T0;
import static org.cdhub.catalog.subscription.SubscriptionFixtures.UNTIL;

import java.util.List;
import org.cdhub.catalog.CatalogDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every catalog database must do with subscriptions; run on SQLite and on PostgreSQL. */
abstract class JdbcSubscriptionRepositoryContract {
  CatalogDatabase catalog;
  private SubscriptionRepository subscriptions;

  abstract CatalogDatabase openEmptyCatalog() throws Exception;

  void dropCatalog() throws Exception {}

  @BeforeEach
  void open() throws Exception {
    catalog = openEmptyCatalog();
    subscriptions = catalog.subscriptions();
  }

  @AfterEach
  void close() throws Exception {
    if (catalog != null) {
      catalog.close();
      dropCatalog();
    }
  }

  @Test
  void storesEveryFieldAndNumbersSubscriptionsInOrder() {
    SubscriptionRequest asked = new SubscriptionRequest("civil-affairs", "gold.person", "低保复核", "《社会救助暂行办法》第十一条",
        List.of("master_id", "name", "community_code"), "640106001", UNTIL, "王科长 (civil affairs)");
    Subscription first = subscriptions.add(Subscription.decided(asked, SubscriptionState.REQUESTED, T0, null, null));
    Subscription second = subscriptions.add(Subscription.decided(
        new SubscriptionRequest("health", "gold.place", "巡检", null, List.of("master_id"), null, UNTIL, "li"),
        SubscriptionState.REFUSED, T0.plusSeconds(1), "hub", "PIPL art. 6"));

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(first.request()).isEqualTo(asked);
    assertThat(first.state()).isEqualTo(SubscriptionState.REQUESTED);
    assertThat(first.requestedAt()).isEqualTo(T0);
    assertThat(first.decidedBy()).isNull();
    assertThat(second.request().scope()).isNull();
    assertThat(second.request().legalPurpose()).isNull();
    assertThat(second.reason()).isEqualTo("PIPL art. 6");
    assertThat(second.decidedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(subscriptions.find(first.id())).hasValue(first);
    assertThat(subscriptions.findAll()).containsExactly(first, second);
    assertThat(subscriptions.findByDepartment("health")).containsExactly(second);
    assertThat(subscriptions.findByDepartment("nobody")).isEmpty();
    assertThat(subscriptions.find(second.id() + 100)).isEmpty();
  }

  @Test
  void updatesOnlyFromTheExpectedStateSoTwoDecidersCannotBothWin() {
    Subscription waiting = subscriptions.add(Subscription.decided(SubscriptionFixtures.request("civil-affairs",
        "gold.person", List.of("master_id"), null), SubscriptionState.REQUESTED, T0, null, null));
    Subscription approved = waiting.decide(SubscriptionState.GRANTED, "owner-a", T0.plusSeconds(5), null);
    Subscription rejected = waiting.decide(SubscriptionState.REJECTED, "owner-b", T0.plusSeconds(6), "no");

    assertThat(subscriptions.update(approved, SubscriptionState.REQUESTED)).isTrue();
    assertThat(subscriptions.update(rejected, SubscriptionState.REQUESTED)).isFalse();
    assertThat(subscriptions.find(waiting.id())).hasValue(approved);

    Subscription revoked = approved.end(SubscriptionState.REVOKED, "owner-a", T0.plusSeconds(60), "project ended");
    assertThat(subscriptions.update(revoked, SubscriptionState.GRANTED)).isTrue();
    Subscription stored = subscriptions.find(waiting.id()).orElseThrow();
    assertThat(stored).isEqualTo(revoked);
    assertThat(stored.decidedBy()).isEqualTo("owner-a");
    assertThat(stored.endedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(stored.reason()).isEqualTo("project ended");
  }
}
