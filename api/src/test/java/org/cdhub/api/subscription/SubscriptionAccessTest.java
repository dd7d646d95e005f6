package org.cdhub.api.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.trino.TrinoConfig;
import org.cdhub.api.trino.TrinoLakehouse;
import org.cdhub.api.trino.TrinoUnavailableException;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.registry.DatasetDescriptions;
import org.cdhub.catalog.subscription.Subscription;
import org.cdhub.catalog.subscription.SubscriptionException;
import org.cdhub.catalog.subscription.SubscriptionService;
import org.cdhub.catalog.subscription.SubscriptionState;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may see and decide what, and the rules file each decision rewrites (no Trino needed for these). */
class SubscriptionAccessTest {
  static final ApiClient CIVIL = new ApiClient("civil-affairs", "p", Set.of("640106"));
  static final ApiClient HEALTH = new ApiClient("health", "p", Set.of("640106"));
  static final ApiClient OWNER = new ApiClient("data-bureau", "p", org.cdhub.api.security.Jurisdiction.of(Set.of("640106")),
      Set.of(ApiClient.DATASET_OWNER), DatasetDescriptions.CITY_DATA_BUREAU);
  static final ApiClient AUDITOR = new ApiClient("auditor", "p", org.cdhub.api.security.Jurisdiction.of(Set.of("640106")),
      Set.of(ApiClient.AUDITOR), null);

  @TempDir Path dir;
  CatalogDatabase catalog;
  SubscriptionService service;
  TrinoLakehouse trino;

  @BeforeEach
  void open() {
    catalog = CatalogDatabase.open(CatalogConfig.embedded(dir));
    catalog.datasets().upsert(DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 1, 1L, Instant.now(), Instant.now()));
    service = new SubscriptionService(catalog.datasets(), catalog.subscriptions(), catalog.auditLog(), Clock.systemUTC());
    // never connected to: these paths are refused before a query
    trino = new TrinoLakehouse(TrinoConfig.at("jdbc:trino://127.0.0.1:9"), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    trino.close();
    catalog.close();
  }

  @Test
  void ownersDecideForTheirDepartmentAndEachDecisionRewritesTheRules() throws Exception {
    Path rules = dir.resolve("rules.json");
    SubscriptionAccess access = new SubscriptionAccess(service, trino, rules);
    Subscription s = request(access, CIVIL);
    assertThat(s.state()).isEqualTo(SubscriptionState.REQUESTED);
    assertThat(Files.readString(rules)).doesNotContain("civil");

    assertThatThrownBy(() -> access.approve(CIVIL, s.id())).isInstanceOfSatisfying(SubscriptionException.class,
        e -> assertThat(e.code()).isEqualTo("role.not-owner"));
    access.approve(OWNER, s.id());
    assertThat(Files.readString(rules)).contains("civil-affairs", "starts_with");

    assertThat(access.visibleTo(CIVIL)).extracting(Subscription::id).containsExactly(s.id());
    assertThat(access.visibleTo(HEALTH)).isEmpty();
    assertThat(access.visibleTo(AUDITOR)).extracting(Subscription::id).containsExactly(s.id());
    assertThatThrownBy(() -> access.rows(HEALTH, s.id(), null, 10, "GET rows"))
        .isInstanceOfSatisfying(SubscriptionException.class, e -> assertThat(e.code()).isEqualTo("id.not-found"));

    access.revoke(CIVIL, s.id(), "done");
    assertThat(Files.readString(rules)).doesNotContain("civil");
  }

  @Test
  void rowsAreRefusedWhenThisApiWritesNoTrinoRulesRatherThanServeEveryRow() {
    SubscriptionAccess access = new SubscriptionAccess(service, trino, null);
    Subscription s = request(access, CIVIL);
    access.approve(OWNER, s.id());

    assertThatThrownBy(() -> access.rows(CIVIL, s.id(), null, 10, "GET rows"))
        .isInstanceOfSatisfying(TrinoUnavailableException.class, e -> assertThat(e.rule()).isEqualTo("no-access-rules"));
  }

  private static Subscription request(SubscriptionAccess access, ApiClient client) {
    return access.request(client, "gold.person", "低保复核", null, List.of("master_id", "sex"), "640106", Instant.now()
        .plusSeconds(3600), null);
  }
}
