package org.cdhub.api.queryaudit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cdhub.api.ApiConfig;
import org.cdhub.api.security.ApiClients;
import org.cdhub.api.security.ApiSecurity;
import org.cdhub.api.trino.TrinoConfig;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.AccessAuditLog;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.catalog.audit.AuditEntry;
import org.cdhub.catalog.audit.AuditQuery;
import org.cdhub.catalog.audit.ChainVerification;
import org.cdhub.catalog.registry.DatasetDescriptions;
import org.cdhub.catalog.subscription.Subscription;
import org.cdhub.catalog.subscription.SubscriptionRequest;
import org.cdhub.catalog.subscription.SubscriptionState;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcPrint;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.util.unit.DataSize;

/**
 * The query events endpoint over Spring MVC and security, on a real catalog database: the token,
 * the size limit, malformed events, and what lands in the audit. Bodies are Trino 476's own (see
 * {@link TrinoQueryAuditTest}).
 */
@WebMvcTest(controllers = TrinoQueryEventsController.class, excludeAutoConfiguration = UserDetailsServiceAutoConfiguration.class)
// the output is checked for secrets and ID numbers: MockMvc's own printing of failed exchanges would put them there
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@Import({ApiSecurity.class, TrinoQueryEventsControllerTest.Wiring.class})
@ExtendWith(OutputCaptureExtension.class)
class TrinoQueryEventsControllerTest {
  static final String PATH = "/api/v1/internal/trino/query-events";
  static final String TOKEN = "trino-events-secret-0123456789abcdef";
  static final String API_KEY = "platform-key-0123456789";
  static final int MAX_BYTES = 64 * 1024;

  @TestConfiguration
  static class Wiring {
    @Bean(destroyMethod = "close")
    CatalogDatabase catalogDatabase() throws IOException {
      return CatalogDatabase.open(CatalogConfig.embedded(Files.createTempDirectory("query-events-test")));
    }

    @Bean
    FailingAudit failingAudit(CatalogDatabase catalog) {
      return new FailingAudit(catalog.auditLog());
    }

    @Bean
    QueryEventService queryEventService(CatalogDatabase catalog, FailingAudit audit) {
      return new QueryEventService(new TrinoQueryAudit("hub", TrinoConfig.DEFAULT_USER), catalog.subscriptions(),
          catalog.datasets(), audit, Clock.systemUTC());
    }

    @Bean
    TrinoConfig trinoConfig() {
      return new TrinoConfig(null, TrinoConfig.DEFAULT_USER, null, "hub", "gold", Duration.ofSeconds(30), 10_000, TOKEN,
          DataSize.ofBytes(MAX_BYTES));
    }

    @Bean
    ApiClients apiClients() {
      return ApiClients.from(new ApiConfig(
          Map.of("platform", new ApiConfig.Client(ApiClients.sha256Hex(API_KEY), List.of("640106001001"), "test")),
          null, List.of(), "demo", "demo"));
    }
  }

  /** The catalog's audit log, or a database that is down. */
  static final class FailingAudit implements AccessAuditLog {
    final AccessAuditLog log;
    final AtomicBoolean down = new AtomicBoolean();

    FailingAudit(AccessAuditLog log) {
      this.log = log;
    }

    @Override
    public void record(AccessEvent event) {
      if (down.get()) {
        throw new IllegalStateException("Cannot record access of client " + event.clientId() + ": database is locked");
      }
      log.record(event);
    }

    @Override
    public List<AccessEvent> recent(int limit) {
      return log.recent(limit);
    }

    @Override
    public List<AuditEntry> find(AuditQuery query) {
      return log.find(query);
    }

    @Override
    public ChainVerification verify() {
      return log.verify();
    }
  }

  @Autowired MockMvc mvc;
  @Autowired CatalogDatabase catalog;
  @Autowired FailingAudit audit;
  /** dept-a's grant, stored once in the class's catalog database. */
  static long grant;

  @BeforeEach
  void grantDeptA() {
    audit.down.set(false);
    if (grant != 0) {
      return;
    }
    catalog.datasets().upsert(DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 17, 1L, Instant.now(), Instant.now()));
    Instant decided = Instant.parse("2026-12-07T00:00:00Z");
    grant = catalog.subscriptions().add(new Subscription(0, new SubscriptionRequest("dept-a", "gold.person", "低保复核", null,
        List.of("master_id", "community_code"), "640106001001", Instant.parse("2027-06-30T16:00:00Z"), "张三"),
        SubscriptionState.GRANTED, decided, "hub", decided, null, null, null)).id();
  }

  @Test
  void aDepartmentsReadIsAuditedWithItsGrant(CapturedOutput output) throws Exception {
    int before = entries();

    send(TOKEN, TrinoQueryAuditTest.raw("granted-read"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.queryId").value("20261207_000646_00001_h82rf"))
        .andExpect(jsonPath("$.recorded").value(1))
        .andExpect(jsonPath("$.skipped").doesNotExist());

    assertThat(entries()).isEqualTo(before + 1);
    AccessEvent e = catalog.auditLog().recent(1).get(0);
    assertThat(e.clientId()).isEqualTo("dept-a");
    assertThat(e.dataset()).isEqualTo("gold.person");
    assertThat(e.scope()).isEqualTo("subscription:" + grant + "/columns:master_id,community_code");
    assertThat(e.purpose()).isEqualTo("低保复核");
    assertThat(e.recordCount()).isEqualTo(5);
    assertThat(e.query()).contains("**************4411").doesNotContain("110101199003074411");
    assertThat(catalog.auditLog().verify().intact()).isTrue();
    assertThat(output.getAll()).doesNotContain("110101199003074411").doesNotContain(TOKEN);
  }

  @Test
  void theServiceUsersQueriesAreAnsweredButNotAudited() throws Exception {
    int before = entries();
    send(TOKEN, TrinoQueryAuditTest.raw("service-user"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.recorded").value(0))
        .andExpect(jsonPath("$.skipped").value("SERVICE_USER"));
    assertThat(entries()).isEqualTo(before);
  }

  @Test
  void noTokenAWrongOneOrAnApiKeyIsRefusedWithoutAuditingOrLoggingIt(CapturedOutput output) throws Exception {
    int before = entries();
    byte[] body = TrinoQueryAuditTest.raw("granted-read");
    mvc.perform(post(PATH).contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("eventToken.missing"));
    send(TOKEN.replace('0', '1'), body)
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("eventToken.invalid"));
    // an API key opens the client endpoints, not this one
    mvc.perform(post(PATH).header("X-API-Key", API_KEY).contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("eventToken.missing"));
    assertThat(entries()).isEqualTo(before);
    assertThat(output.getAll()).contains("wrong X-Hub-Event-Token").doesNotContain(TOKEN).doesNotContain(TOKEN.replace('0', '1'));
  }

  @Test
  void anOversizeOrMalformedBodyIsAClearBadRequest(CapturedOutput output) throws Exception {
    int before = entries();
    byte[] large = new byte[MAX_BYTES + 1];
    java.util.Arrays.fill(large, (byte) ' ');
    send(TOKEN, large)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("body.too-large"))
        .andExpect(jsonPath("$.detail").value("A query event may have at most 65536 bytes (hub.trino.event-max-bytes)"));
    send(TOKEN, "{\"metadata\": {\"queryId\": \"q1\", \"query\": \"SELECT '110101199003074411'".getBytes(StandardCharsets.UTF_8))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("body.malformed"));
    String noContext = new String(TrinoQueryAuditTest.raw("granted-read"), StandardCharsets.UTF_8)
        .replace("\"context\":", "\"kontext\":");
    send(TOKEN, noContext.getBytes(StandardCharsets.UTF_8))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("context.not-null"));
    send(TOKEN, "{\"metadata\": {\"queryId\": 5}, \"ioMetadata\": {\"inputs\": {}}}".getBytes(StandardCharsets.UTF_8))
        .andExpect(status().isBadRequest());
    assertThat(entries()).isEqualTo(before);
    assertThat(output.getAll()).doesNotContain("110101199003074411");
  }

  @Test
  void whenTheAuditCannotBeWrittenTrinoIsToldToRetry() throws Exception {
    audit.down.set(true);
    send(TOKEN, TrinoQueryAuditTest.raw("denied"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.code").value("audit.unavailable"));
    audit.down.set(false);
    send(TOKEN, TrinoQueryAuditTest.raw("denied"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.recorded").value(1));
    assertThat(catalog.auditLog().recent(1).get(0).outcome()).isEqualTo("DENIED");
  }

  private ResultActions send(String token, byte[] body) throws Exception {
    return mvc.perform(post(PATH).header("X-Hub-Event-Token", token).contentType(MediaType.APPLICATION_JSON).content(body));
  }

  private int entries() {
    return catalog.auditLog().recent(AuditQuery.MAX_LIMIT).size();
  }
}
