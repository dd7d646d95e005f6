package org.cdhub.api.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.cdhub.api.HubApiApplication;
import org.cdhub.api.client.ApiException;
import org.cdhub.api.client.api.SubscriptionsApi;
import org.cdhub.api.client.model.Subscription;
import org.cdhub.api.client.model.SubscriptionDecision;
import org.cdhub.api.client.model.SubscriptionRequest;
import org.cdhub.api.client.model.SubscriptionRows;
import org.cdhub.api.client.model.SubscriptionState;
import org.cdhub.api.returndata.GoldPersonFixture;
import org.cdhub.api.returndata.TestPersons;
import org.cdhub.api.security.ApiClients;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.catalog.audit.AuditQuery;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetDescriptions;
import org.cdhub.kernel.Masking;
import org.cdhub.model.contract.SharingType;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Each subscription path through the API, with the access it gives or takes checked as the
 * department's own user on a real Trino 476 (file-based access control reading the rules the API
 * writes) and on the API's rows endpoint: granted columns readable, other columns and rows of
 * other communities not. Trino's HTTP event listener posts every completed query to the API, which
 * audits the department's direct reads. One Trino server and one API for the class.
 */
class SubscriptionAccessIT {
  static final String NORTH = "640106001001";
  static final String SOUTH = "640106001002";
  static final String OWNER_KEY = "owner-key-0123456789abcdef";
  static final List<String> DEPARTMENTS = List.of("dept-grant", "dept-approve", "dept-reject", "dept-refuse",
      "dept-expire", "dept-revoke", "dept-none", "dept-audit");
  static final Duration RULES_TAKE_EFFECT = Duration.ofSeconds(20);
  /** Trino posts a query's event after the client has its answer: this long at most until it is in the audit. */
  static final Duration EVENT_ARRIVES = Duration.ofSeconds(20);
  static final String EVENT_TOKEN = "trino-event-token-it-0123456789";

  @TempDir static Path dir;
  static PostgresLakehouse postgres;
  static GoldPersonFixture gold;
  static TrinoServer trino;
  static CatalogDatabase catalog;
  static ConfigurableApplicationContext api;
  static int port;
  static List<MasterPerson> north;
  static List<MasterPerson> south;

  @BeforeAll
  static void startTrinoAndTheApi() throws Exception {
    Optional<String> down = PostgresLakehouse.unreachable();
    assumeTrue(down.isEmpty(), () -> down.get() + "; the Trino integration test needs it for the JDBC catalog");
    postgres = PostgresLakehouse.create(dir);
    gold = GoldPersonFixture.create(postgres.openCatalog());
    north = TestPersons.of(NORTH, 1, 12, 7).stream().sorted(Comparator.comparing(MasterPerson::masterId)).toList();
    south = TestPersons.of(SOUTH, 1, 5, 8);
    long snapshot = gold.append(Stream.concat(north.stream(), south.stream()).toList());

    Path dataDir = Files.createDirectories(dir.resolve("api-data"));
    catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir));
    publishGoldPerson(SharingType.CONDITIONAL, snapshot);
    Path rules = dir.resolve("trino-rules.json");
    // Trino reads the file at start: no grants yet
    TrinoAccessRules.of("hub", TrinoConfig.DEFAULT_USER, List.of(), s -> null).writeTo(rules);
    // Trino is told where the API will listen before the API starts (it needs Trino's address in turn)
    port = freePort();
    trino = TrinoServer.start(Files.createDirectories(dir.resolve("trino")), postgres.config(), rules,
        new TrinoServer.QueryEvents(URI.create("http://127.0.0.1:" + port + "/api/v1/internal/trino/query-events"),
            "X-Hub-Event-Token", EVENT_TOKEN));

    List<String> args = new ArrayList<>(List.of(
        "--server.port=" + port,
        "--hub.trino.event-token=" + EVENT_TOKEN,
        "--hub.data-dir=" + dataDir,
        "--hub.lakehouse.catalog-uri=" + postgres.config().catalogUri(),
        "--hub.lakehouse.warehouse=" + postgres.config().warehouse(),
        "--hub.serving.source=trino",
        "--hub.trino.jdbc-url=" + trino.jdbcUrl(),
        "--hub.subscriptions.trino-rules-file=" + rules,
        "--hub.subscriptions.expiry-check=1s",
        "--hub.api.clients.data-bureau.key-sha256=" + ApiClients.sha256Hex(OWNER_KEY),
        "--hub.api.clients.data-bureau.jurisdiction=640106",
        "--hub.api.clients.data-bureau.roles=dataset-owner",
        "--hub.api.clients.data-bureau.department=" + DatasetDescriptions.CITY_DATA_BUREAU));
    for (String department : DEPARTMENTS) {
      args.add("--hub.api.clients." + department + ".key-sha256=" + ApiClients.sha256Hex(key(department)));
      args.add("--hub.api.clients." + department + ".jurisdiction=640106");
    }
    api = new SpringApplicationBuilder(HubApiApplication.class).run(args.toArray(String[]::new));
    assertThat(((WebServerApplicationContext) api).getWebServer().getPort()).isEqualTo(port);
  }

  @AfterAll
  static void stop() throws Exception {
    try (AutoCloseable db = postgres; AutoCloseable g = gold; AutoCloseable t = trino; AutoCloseable c = catalog;
        AutoCloseable a = api) {
      // closed in reverse order
    }
  }

  @Test
  void unconditionalIsGrantedAtOnceWithOnlyTheGrantedColumnsAndRows() throws Exception {
    publishGoldPerson(SharingType.UNCONDITIONAL, null);
    assertDenied("dept-grant", "SELECT master_id FROM hub.gold.person");

    Subscription s = request("dept-grant", List.of("master_id", "sex", "community_code"), null, NORTH, hours(24));

    assertThat(s.getState()).isEqualTo(SubscriptionState.GRANTED);
    List<Map<String, Object>> rows = awaitAllowed("dept-grant", "SELECT master_id, community_code FROM hub.gold.person");
    assertThat(rows).extracting(r -> r.get("master_id"))
        .containsExactlyInAnyOrderElementsOf(north.stream().map(MasterPerson::masterId).toList());
    assertDenied("dept-grant", "SELECT name FROM hub.gold.person");
    assertDenied("dept-grant", "SELECT * FROM hub.gold.person");
    assertDenied("dept-none", "SELECT master_id FROM hub.gold.person");
    // rows of another community stay out even when asked for by name
    assertThat(query("dept-grant", "SELECT master_id FROM hub.gold.person WHERE community_code = '" + SOUTH + "'")).isEmpty();

    SubscriptionRows page = subscriptions("dept-grant").listSubscriptionRows(s.getId(), null, 500);
    assertThat(page.getColumns()).containsExactly("master_id", "sex", "community_code");
    assertThat(page.getRows()).extracting(r -> r.get("master_id"))
        .containsExactlyElementsOf(north.stream().map(MasterPerson::masterId).toList());
    assertThat(page.getRows()).allSatisfy(r -> assertThat(r).containsOnlyKeys("master_id", "sex", "community_code"));
    // Trino's query events are appended concurrently: the API's entry is the latest SUBSCRIPTION_READ, not the latest entry
    AccessEvent use = catalog.auditLog().recent(200).stream().filter(e -> e.action().equals("SUBSCRIPTION_READ"))
        .findFirst().orElseThrow();
    assertThat(use.clientId()).isEqualTo("dept-grant");
    assertThat(use.scope()).isEqualTo("subscription:" + s.getId());
    assertThat(use.recordCount()).isEqualTo(north.size());
    assertApiCode(() -> subscriptions("dept-none").listSubscriptionRows(s.getId(), null, 10), 404, "id.not-found");
  }

  @Test
  void conditionalOpensOnlyWhenTheOwnerApprovesAndTheApiMasksPersonalColumns() throws Exception {
    publishGoldPerson(SharingType.CONDITIONAL, null);
    Subscription s = request("dept-approve", List.of("master_id", "name", "community_code"), "《社会救助暂行办法》第十一条",
        NORTH, hours(24));
    assertThat(s.getState()).isEqualTo(SubscriptionState.REQUESTED);
    assertDenied("dept-approve", "SELECT master_id FROM hub.gold.person");
    assertApiCode(() -> subscriptions("dept-approve").approveSubscription(s.getId()), 403, "role.not-owner");

    Subscription approved = owner().approveSubscription(s.getId());

    assertThat(approved.getState()).isEqualTo(SubscriptionState.GRANTED);
    assertThat(approved.getDecidedBy()).isEqualTo("data-bureau");
    List<Map<String, Object>> rows = awaitAllowed("dept-approve", "SELECT master_id, name FROM hub.gold.person ORDER BY master_id");
    assertThat(rows).extracting(r -> r.get("name")).containsExactlyElementsOf(north.stream().map(MasterPerson::name).toList());
    assertDenied("dept-approve", "SELECT id_number FROM hub.gold.person");
    SubscriptionRows page = subscriptions("dept-approve").listSubscriptionRows(s.getId(), null, 5);
    assertThat(page.getRows()).hasSize(5);
    assertThat(page.getRows()).extracting(r -> r.get("name"))
        .containsExactlyElementsOf(north.subList(0, 5).stream().map(p -> Masking.name(p.name())).toList());
    SubscriptionRows next = subscriptions("dept-approve").listSubscriptionRows(s.getId(), page.getNextCursor(), 500);
    assertThat(next.getRows()).extracting(r -> r.get("master_id"))
        .containsExactlyElementsOf(north.subList(5, north.size()).stream().map(MasterPerson::masterId).toList());
    assertThat(next.getNextCursor()).isNull();
    assertThat(owner().listSubscriptions().getItems()).extracting(Subscription::getId).contains(s.getId());
    assertThat(subscriptions("dept-none").listSubscriptions().getItems()).isEmpty();
  }

  @Test
  void rejectedGivesNoAccess() throws Exception {
    publishGoldPerson(SharingType.CONDITIONAL, null);
    Subscription s = request("dept-reject", List.of("master_id", "community_code"), null, NORTH, hours(24));
    assertApiCode(() -> owner().rejectSubscription(s.getId(), new SubscriptionDecision()), 400, "reason.required");

    Subscription rejected = owner().rejectSubscription(s.getId(), new SubscriptionDecision().reason("用途不需要个人数据"));

    assertThat(rejected.getState()).isEqualTo(SubscriptionState.REJECTED);
    assertThat(rejected.getReason()).isEqualTo("用途不需要个人数据");
    Thread.sleep(2_000); // past Trino's rules refresh: a wrongly written grant would show now
    assertDenied("dept-reject", "SELECT master_id FROM hub.gold.person");
    assertApiCode(() -> subscriptions("dept-reject").listSubscriptionRows(s.getId(), null, 10), 403, "state.not-granted");
    assertApiCode(() -> owner().approveSubscription(s.getId()), 409, "state.not-requested");
  }

  @Test
  void notSharedIsRefusedWithTheLegalBasisAndBrokenRequestsNameFieldAndRule() throws Exception {
    publishGoldPerson(SharingType.NOT_SHARED, null);
    Subscription s = request("dept-refuse", List.of("master_id", "community_code"), null, NORTH, hours(24));

    assertThat(s.getState()).isEqualTo(SubscriptionState.REFUSED);
    assertThat(s.getReason()).isEqualTo(catalog.datasets().findByQualifiedName("gold.person").orElseThrow().legalBasis());
    Thread.sleep(2_000);
    assertDenied("dept-refuse", "SELECT master_id FROM hub.gold.person");
    assertApiCode(() -> subscriptions("dept-refuse").listSubscriptionRows(s.getId(), null, 10), 403, "state.not-granted");

    publishGoldPerson(SharingType.UNCONDITIONAL, null);
    assertApiCode(() -> request("dept-refuse", List.of("master_id", "salary"), null, NORTH, hours(1)), 400,
        "columns.not-in-dataset");
    assertApiCode(() -> request("dept-refuse", List.of("master_id", "id_number"), null, NORTH, hours(1)), 400,
        "legalPurpose.required-for-personal-column");
    assertApiCode(() -> request("dept-refuse", List.of("master_id"), null, null, hours(1)), 400, "scope.required");
  }

  @Test
  void aGrantEndsAtTheEndOfItsPeriod() throws Exception {
    publishGoldPerson(SharingType.UNCONDITIONAL, null);
    // long enough for a loaded machine to see the grant work first
    Instant until = Instant.now().plusSeconds(15);
    Subscription s = request("dept-expire", List.of("master_id", "community_code"), null, NORTH, until);
    awaitAllowed("dept-expire", "SELECT master_id FROM hub.gold.person");
    assertThat(Instant.now()).isBefore(until);

    Thread.sleep(Math.max(0, Duration.between(Instant.now(), until).toMillis()));
    awaitDenied("dept-expire", "SELECT master_id FROM hub.gold.person");

    assertThat(Instant.now()).isAfter(s.getUntil().toInstant());
    assertThat(subscriptions("dept-expire").listSubscriptions().getItems()).extracting(Subscription::getState)
        .containsExactly(SubscriptionState.EXPIRED);
    assertApiCode(() -> subscriptions("dept-expire").listSubscriptionRows(s.getId(), null, 10), 403, "state.not-granted");
    assertThat(catalog.auditLog().recent(50)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("SUBSCRIPTION_EXPIRED");
      assertThat(e.scope()).isEqualTo("subscription:" + s.getId());
    });
  }

  @Test
  void revokedEndsAccessAtOnce() throws Exception {
    publishGoldPerson(SharingType.UNCONDITIONAL, null);
    Subscription s = request("dept-revoke", List.of("master_id", "community_code"), null, NORTH, hours(24));
    awaitAllowed("dept-revoke", "SELECT master_id FROM hub.gold.person");
    assertApiCode(() -> subscriptions("dept-none").revokeSubscription(s.getId(), null), 403,
        "department.not-owner-or-requester");

    Subscription revoked = owner().revokeSubscription(s.getId(), new SubscriptionDecision().reason("项目结束"));

    assertThat(revoked.getState()).isEqualTo(SubscriptionState.REVOKED);
    assertThat(revoked.getEndedBy()).isEqualTo("data-bureau");
    awaitDenied("dept-revoke", "SELECT master_id FROM hub.gold.person");
    assertApiCode(() -> subscriptions("dept-revoke").listSubscriptionRows(s.getId(), null, 10), 403, "state.not-granted");
    assertApiCode(() -> owner().revokeSubscription(s.getId(), null), 409, "state.not-granted");
    assertThat(catalog.auditLog().verify().intact()).isTrue();
  }

  @Test
  void noDepartmentReadsTrinosQueryListWhileTheHubsOwnUserDoes() throws Exception {
    // another department's SQL may hold an ID number in its WHERE clause
    String own = "SELECT 'own query " + System.nanoTime() + "' AS marker";
    assertThat(query("dept-grant", own)).hasSize(1);
    String list = "SELECT query FROM system.runtime.queries WHERE \"user\" = 'dept-grant'";

    assertDenied("dept-none", list);
    assertDenied("dept-grant", list);
    assertThat(query(TrinoConfig.DEFAULT_USER, list)).extracting(r -> r.get("query")).contains(own);
  }

  @Test
  void aDepartmentsDirectReadsOnTrinoAreAuditedAndTheHubsOwnAreNotAuditedTwice() throws Exception {
    publishGoldPerson(SharingType.UNCONDITIONAL, null);
    Subscription s = request("dept-audit", List.of("master_id", "sex", "community_code"), null, NORTH, hours(24));
    String granted = "SELECT master_id, community_code FROM hub.gold.person";
    assertThat(awaitAllowed("dept-audit", granted)).hasSize(north.size());

    AccessEvent read = awaitAudit("the granted read", e -> e.clientId().equals("dept-audit") && e.outcome().equals("OK")
        && granted.equals(e.query()));
    assertThat(read.action()).isEqualTo("TRINO_QUERY");
    assertThat(read.dataset()).isEqualTo("gold.person");
    assertThat(read.scope()).isEqualTo("subscription:" + s.getId() + "/columns:master_id,community_code");
    assertThat(read.purpose()).isEqualTo(s.getPurpose());
    assertThat(read.recordCount()).isEqualTo(north.size());

    String refused = "SELECT name FROM hub.gold.person";
    assertDenied("dept-audit", refused);
    AccessEvent denied = awaitAudit("the refused read", e -> e.clientId().equals("dept-audit") && refused.equals(e.query()));
    assertThat(denied.outcome()).isEqualTo("DENIED");
    assertThat(denied.dataset()).isEqualTo("gold.person");
    assertThat(denied.action()).isEqualTo("TRINO_QUERY");
    assertThat(denied.recordCount()).isZero();

    String idNumber = north.get(0).idNumber();
    assertThat(idNumber).matches("[0-9]{17}[0-9X]");
    String byId = "SELECT master_id FROM hub.gold.person WHERE master_id <> '" + idNumber + "'";
    assertThat(query("dept-audit", byId)).hasSize(north.size());
    AccessEvent masked = awaitAudit("the read naming an ID number", e -> e.clientId().equals("dept-audit")
        && e.query() != null && e.query().startsWith("SELECT master_id FROM hub.gold.person WHERE master_id <> '*"));
    assertThat(masked.query()).isEqualTo("SELECT master_id FROM hub.gold.person WHERE master_id <> '"
        + Masking.idNumber(idNumber) + "'").doesNotContain(idNumber);
    // community_code is read by the grant's row filter, and granted: Trino's report of it stands
    assertThat(masked.scope()).isEqualTo("subscription:" + s.getId() + "/columns:master_id,community_code");
    assertThat(masked.recordCount()).isEqualTo(north.size());

    // the hub's own user: a roster page through Trino (audited by the API as a LIST) and a query of its own
    HttpResponse<String> roster = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/communities/" + NORTH + "/persons?limit=5"))
        .header("X-API-Key", key("dept-audit")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(roster.statusCode()).isEqualTo(200);
    assertThat(query(TrinoConfig.DEFAULT_USER, "SELECT count(*) AS n FROM hub.gold.person")).singleElement()
        .satisfies(row -> assertThat(((Number) row.get("n")).longValue()).isEqualTo(north.size() + south.size()));
    // a later query of the department: once its event is in, the hub's earlier ones have been answered too
    String marker = "SELECT sex FROM hub.gold.person WHERE master_id = 'after-the-service-user'";
    assertThat(query("dept-audit", marker)).isEmpty();
    awaitAudit("the department's read after the service user's", e -> marker.equals(e.query()));
    List<AccessEvent> all = catalog.auditLog().recent(AuditQuery.MAX_LIMIT);
    assertThat(all).filteredOn(e -> e.action().equals("TRINO_QUERY"))
        .extracting(AccessEvent::clientId).doesNotContain(TrinoConfig.DEFAULT_USER);
    assertThat(all).filteredOn(e -> e.action().equals("LIST") && e.clientId().equals("dept-audit")).hasSize(1);
    assertThat(all).filteredOn(e -> e.action().equals("TRINO_QUERY")).extracting(AccessEvent::query)
        .noneMatch(q -> q != null && q.contains(idNumber));
    assertThat(catalog.auditLog().verify().intact()).isTrue();
  }

  /** The newest audit entry matching {@code what}, waiting for Trino's event to arrive. */
  private static AccessEvent awaitAudit(String description, Predicate<AccessEvent> what) throws InterruptedException {
    long deadline = System.nanoTime() + EVENT_ARRIVES.toNanos();
    while (true) {
      Optional<AccessEvent> found = catalog.auditLog().recent(AuditQuery.MAX_LIMIT).stream().filter(what).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("No audit entry for " + description + " within " + EVENT_ARRIVES);
      }
      Thread.sleep(200);
    }
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void publishGoldPerson(SharingType sharing, Long snapshot) {
    Dataset base = DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 17, snapshot == null ? 1L : snapshot,
        Instant.now(), Instant.now());
    catalog.datasets().upsert(new Dataset(base.resourceCode(), base.qualifiedName(), base.title(),
        base.providerDepartment(), base.description(), base.layer(), base.format(), sharing,
        sharing == SharingType.CONDITIONAL ? DatasetDescriptions.PERSONAL_DATA_CONDITIONS : null,
        sharing == SharingType.NOT_SHARED ? DatasetDescriptions.WORKING_DATA_LEGAL_BASIS : null, false,
        base.updateCycle(), base.fields(), base.rowCount(), base.snapshotId(), base.dataUpdatedAt(), base.publishedAt()));
  }

  private static Subscription request(String department, List<String> columns, String legalPurpose, String scope,
      Instant until) throws ApiException {
    return subscriptions(department).requestSubscription(new SubscriptionRequest().dataset("gold.person")
        .purpose("社区治理 (community governance)").legalPurpose(legalPurpose).columns(columns).scope(scope)
        .until(OffsetDateTime.ofInstant(until, ZoneOffset.UTC)).requestedBy("张科员"));
  }

  private static Instant hours(int h) {
    return Instant.now().plus(Duration.ofHours(h));
  }

  private static SubscriptionsApi owner() {
    return api(OWNER_KEY);
  }

  private static SubscriptionsApi subscriptions(String department) {
    return api(key(department));
  }

  private static SubscriptionsApi api(String key) {
    org.cdhub.api.client.ApiClient client = new org.cdhub.api.client.ApiClient();
    client.updateBaseUri("http://127.0.0.1:" + port);
    client.setRequestInterceptor(request -> request.header("X-API-Key", key));
    return new SubscriptionsApi(client);
  }

  private static String key(String department) {
    return "key-of-" + department + "-0123456789";
  }

  private interface ApiCall {
    Object call() throws ApiException;
  }

  private static void assertApiCode(ApiCall call, int status, String code) {
    assertThatThrownBy(call::call).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.getCode()).isEqualTo(status);
      assertThat(e.getResponseBody()).contains("\"code\":\"" + code + "\"");
    });
  }

  /** The rows of a query as {@code user}, or the SQLException Trino answered. */
  private static List<Map<String, Object>> query(String user, String sql) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    try (Connection c = DriverManager.getConnection(trino.jdbcUrl(), props); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static void assertDenied(String user, String sql) {
    assertThatThrownBy(() -> query(user, sql)).isInstanceOf(SQLException.class).hasMessageContaining("Access Denied");
  }

  private static List<Map<String, Object>> awaitAllowed(String user, String sql) throws Exception {
    return await(user, sql, e -> e == null).rows;
  }

  private static void awaitDenied(String user, String sql) throws Exception {
    Attempt last = await(user, sql, e -> e != null && e.getMessage().contains("Access Denied"));
    assertThat((Throwable) last.error).hasMessageContaining("Access Denied");
  }

  private record Attempt(List<Map<String, Object>> rows, SQLException error) {}

  /** Trino re-reads the rules every second: polls until the query's outcome is the expected one. */
  private static Attempt await(String user, String sql, Predicate<SQLException> done) throws Exception {
    long deadline = System.nanoTime() + RULES_TAKE_EFFECT.toNanos();
    Attempt attempt;
    while (true) {
      try {
        attempt = new Attempt(query(user, sql), null);
      } catch (SQLException e) {
        attempt = new Attempt(List.of(), e);
      }
      if (done.test(attempt.error) || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(250);
    }
    assertThat(done.test(attempt.error)).as("%s as %s after %s: %s", sql, user, RULES_TAKE_EFFECT,
        attempt.error == null ? attempt.rows.size() + " rows" : attempt.error.getMessage()).isTrue();
    return attempt;
  }
}
