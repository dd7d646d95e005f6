package org.cdhub.api.queryaudit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cdhub.api.generated.model.TrinoQueryCompletedEvent;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetDescriptions;
import org.cdhub.catalog.subscription.Subscription;
import org.cdhub.catalog.subscription.SubscriptionRequest;
import org.cdhub.catalog.subscription.SubscriptionState;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * The mapping from Trino's query events to access-audit events, on the JSON Trino posts.
 *
 * <p>The samples in {@code src/test/resources/trino-events/} are bodies that Trino 476's HTTP event
 * listener ({@code plugin/http-event-listener}, {@code io.trino.plugin.httpquery.HttpEventListener},
 * which serializes {@code io.trino.spi.eventlistener.QueryCompletedEvent} with airlift's
 * {@code JsonCodec}) posted to a test endpoint on 2026-12-07, for queries as a department user
 * ({@code dept-a}, granted master_id and community_code of 640106001001, or in {@code row-filter}
 * master_id only; {@code dept-b}, master_id and community_code of every community) and as the hub's
 * service user on the hub's Iceberg catalog. The field names match Trino 476's SPI
 * ({@code QueryInputMetadata.getColumns()} is a list of {@code Column(name, type)} records, not the
 * strings of older versions; {@code QueryFailureInfo.errorCode} is {@code {code, name, type}}). Only
 * long strings ({@code metadata.plan}, {@code jsonPlan}, {@code payload}, {@code failuresJson}) and
 * statistics lists were shortened, to keep the files small; {@code ioMetadata.inputs} is whole.
 */
class TrinoQueryAuditTest {
  /** As Spring Boot configures the API's mapper: unknown properties ignored, java.time understood. */
  static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();
  static final String DEPARTMENT = "dept-a";
  /** Before every sample's createTime. */
  static final Instant GRANTED_AT = Instant.parse("2026-12-07T00:00:00Z");
  static final Instant RECEIVED = Instant.parse("2026-12-07T00:10:00Z");

  final TrinoQueryAudit mapping = new TrinoQueryAudit("hub", "cdhub-api");

  @Test
  void aGrantedReadIsOneEventWithColumnsSubscriptionPurposeRowsAndTheSqlMasked() {
    Subscription grant = grant(7, List.of("master_id", "community_code", "sex"), "低保复核");

    TrinoQueryAudit.Audit audit = mapping.audit(sample("granted-read"), lookup(grant), RECEIVED);

    assertThat(audit.queryId()).isEqualTo("20261207_000646_00001_h82rf");
    assertThat(audit.skipped()).isNull();
    assertThat(audit.entries()).hasSize(1);
    AccessEvent e = audit.entries().get(0);
    assertThat(e.clientId()).isEqualTo(DEPARTMENT);
    assertThat(e.dataset()).isEqualTo("gold.person");
    assertThat(e.action()).isEqualTo("TRINO_QUERY");
    assertThat(e.scope()).isEqualTo("subscription:7/columns:master_id,community_code");
    assertThat(e.purpose()).isEqualTo("低保复核");
    assertThat(e.recordCount()).isEqualTo(5);
    assertThat(e.outcome()).isEqualTo("OK");
    assertThat(e.at()).isEqualTo(Instant.parse("2026-12-07T00:06:48.642Z"));
    assertThat(e.unmasked()).isFalse();
    assertThat(e.query())
        .isEqualTo("SELECT master_id, community_code FROM hub.gold.person WHERE master_id <> '**************4411'")
        .doesNotContain("110101199003074411");
    assertThat(e.recordIds()).isEmpty();
    assertThat(e.grantId()).isNull();
  }

  @Test
  void aColumnOnlyTheRowFilterReadIsNotCountedAsTheDepartmentsRead() {
    // dept-a may read master_id of its community: Trino reports community_code read too, by the filter
    Subscription grant = grant(7, List.of("master_id"), "低保复核");

    AccessEvent e = mapping.audit(sample("row-filter"), lookup(grant), RECEIVED).entries().get(0);

    assertThat(e.scope()).isEqualTo("subscription:7/columns:master_id");
    assertThat(e.recordCount()).isEqualTo(5);
    // without a grant to tell, what Trino reports is kept
    assertThat(mapping.audit(sample("row-filter"), lookup(), RECEIVED).entries().get(0).scope())
        .isEqualTo("columns:master_id,community_code");
  }

  @Test
  void aColumnUsedOnlyInAConditionIsARead() {
    // Trino answered the condition on the partition column without reading it: it is named in metadata.tables only
    Subscription grant = new Subscription(4, new SubscriptionRequest("dept-b", "gold.person", "统计", null,
        List.of("master_id", "community_code"), null, Instant.parse("2027-06-30T16:00:00Z"), "李四"),
        SubscriptionState.GRANTED, GRANTED_AT, "hub", GRANTED_AT, null, null, null);

    AccessEvent e = mapping.audit(sample("where-only-column"), lookup(grant), RECEIVED).entries().get(0);

    assertThat(e.clientId()).isEqualTo("dept-b");
    assertThat(e.scope()).isEqualTo("subscription:4/columns:master_id,community_code");
    assertThat(e.query()).isEqualTo("SELECT master_id FROM hub.gold.person WHERE community_code = '640106001001'");
  }

  @Test
  void aGrantThatEndedBeforeTheQueryBeganIsNotTheOneItRanUnder() {
    Subscription revoked = new Subscription(7, request(List.of("master_id", "community_code"), "低保复核"),
        SubscriptionState.REVOKED, GRANTED_AT, "hub", GRANTED_AT, null, "data-bureau", Instant.parse("2026-12-07T00:06:40Z"));
    Subscription later = new Subscription(8, request(List.of("master_id", "community_code"), "later"),
        SubscriptionState.GRANTED, GRANTED_AT, "hub", Instant.parse("2026-12-07T00:06:47Z"), null, null, null);
    Subscription elsewhere = new Subscription(9, new SubscriptionRequest(DEPARTMENT, "gold.place", "place", null, List.of("master_id"),
        "640106", Instant.parse("2027-06-30T16:00:00Z"), "张三"), SubscriptionState.GRANTED, GRANTED_AT, "hub", GRANTED_AT,
        null, null, null);

    AccessEvent e = mapping.audit(sample("granted-read"), lookup(revoked, later, elsewhere), RECEIVED).entries().get(0);

    assertThat(e.scope()).isEqualTo("columns:master_id,community_code");
    assertThat(e.purpose()).isNull();
    assertThat(e.outcome()).isEqualTo("OK");
  }

  @Test
  void theOldestGrantOfEveryColumnReadIsNamedOrElseEachGrantThatGivesOne() {
    Subscription narrow = grant(3, List.of("master_id"), "统计");
    Subscription wide = grant(5, List.of("master_id", "community_code"), "低保复核");
    Subscription wider = grant(6, List.of("master_id", "community_code", "sex"), "其他");
    assertThat(mapping.audit(sample("granted-read"), lookup(narrow, wide, wider), RECEIVED).entries().get(0).scope())
        .isEqualTo("subscription:5/columns:master_id,community_code");

    Subscription codes = grant(4, List.of("community_code"), "低保复核");
    AccessEvent merged = mapping.audit(sample("granted-read"), lookup(narrow, codes), RECEIVED).entries().get(0);
    assertThat(merged.scope()).isEqualTo("subscription:3,4/columns:master_id,community_code");
    assertThat(merged.purpose()).isEqualTo("统计; 低保复核");
  }

  @Test
  void aQueryTheAccessRulesRefusedIsOneDeniedEventOnTheTableTheRefusalNames() {
    Subscription grant = grant(7, List.of("master_id", "community_code"), "低保复核");

    TrinoQueryAudit.Audit audit = mapping.audit(sample("denied"), lookup(grant), RECEIVED);

    assertThat(audit.entries()).singleElement().satisfies(e -> {
      assertThat(e.clientId()).isEqualTo(DEPARTMENT);
      assertThat(e.dataset()).isEqualTo("gold.person");
      assertThat(e.outcome()).isEqualTo("DENIED");
      assertThat(e.recordCount()).isZero();
      // Trino 476 does not say which column was refused: the grant the department holds is named
      assertThat(e.scope()).isEqualTo("subscription:7");
      assertThat(e.purpose()).isEqualTo("低保复核");
      assertThat(e.query()).isEqualTo("SELECT name FROM hub.gold.person");
    });
    assertThat(mapping.audit(sample("denied"), lookup(), RECEIVED).entries().get(0).scope()).isNull();
  }

  @Test
  void aRefusalNamingColumnsOrNoTableIsStillAuditedOnce() {
    TrinoQueryCompletedEvent columns = sample("denied", json -> failureMessage(json,
        "Access Denied: Cannot select from columns [name, id_number] in table or view hub.gold.person"));
    assertThat(mapping.audit(columns, lookup(), RECEIVED).entries()).singleElement().satisfies(e -> {
      assertThat(e.dataset()).isEqualTo("gold.person");
      assertThat(e.scope()).isEqualTo("columns:name,id_number");
    });

    TrinoQueryCompletedEvent other = sample("denied", json -> failureMessage(json, "Access Denied: Cannot access catalog hub"));
    assertThat(mapping.audit(other, lookup(), RECEIVED).entries()).singleElement().satisfies(e -> {
      assertThat(e.dataset()).isEqualTo("trino");
      assertThat(e.outcome()).isEqualTo("DENIED");
    });
  }

  @Test
  void aSelfJoinIsOneReadOfItsTableWithTheOutputRows() {
    Subscription grant = grant(7, List.of("master_id", "community_code"), "低保复核");

    List<AccessEvent> entries = mapping.audit(sample("self-join"), lookup(grant), RECEIVED).entries();

    assertThat(entries).singleElement().satisfies(e -> {
      assertThat(e.dataset()).isEqualTo("gold.person");
      assertThat(e.recordCount()).isEqualTo(5);
      assertThat(e.scope()).isEqualTo("subscription:7/columns:master_id,community_code");
    });
  }

  @Test
  void aJoinOfTwoTablesIsOneEventEachWithNoRowsClaimed() {
    // the self join's second input renamed: Trino reports each table read as one input
    TrinoQueryCompletedEvent join = sample("self-join", json -> {
      ObjectNode second = (ObjectNode) json.path("ioMetadata").path("inputs").get(1);
      second.put("table", "place");
    });

    List<AccessEvent> entries = mapping.audit(join, lookup(grant(7, List.of("master_id", "community_code"), "x")), RECEIVED)
        .entries();

    assertThat(entries).extracting(AccessEvent::dataset).containsExactly("gold.person", "gold.place");
    assertThat(entries).extracting(AccessEvent::recordCount).containsExactly(0, 0);
    assertThat(entries).extracting(AccessEvent::scope)
        .containsExactly("subscription:7/columns:master_id,community_code", "columns:master_id,community_code");
    assertThat(entries).extracting(AccessEvent::query).containsOnly(entries.get(0).query());
  }

  @Test
  void theServiceUsersQueriesAndQueriesThatReadNoTableAreNotAudited() {
    assertThat(mapping.audit(sample("service-user"), lookup(), RECEIVED).skipped())
        .isEqualTo(TrinoQueryAudit.Skipped.SERVICE_USER);
    for (String noData : List.of("select-one", "information-schema")) {
      TrinoQueryAudit.Audit audit = mapping.audit(sample(noData), lookup(), RECEIVED);
      assertThat(audit.skipped()).as(noData).isEqualTo(TrinoQueryAudit.Skipped.NO_DATA_READ);
      assertThat(audit.entries()).as(noData).isEmpty();
    }
    // another service user: the department's query is audited
    assertThat(new TrinoQueryAudit("hub", "dept-a").audit(sample("granted-read"), lookup(), RECEIVED).entries()).isEmpty();
  }

  @Test
  void aQueryThatFailedBeforeReadingIsOneErrorEvent() {
    for (String failed : List.of("syntax-error", "table-not-found")) {
      assertThat(mapping.audit(sample(failed), lookup(), RECEIVED).entries()).as(failed).singleElement().satisfies(e -> {
        assertThat(e.dataset()).isEqualTo("trino");
        assertThat(e.outcome()).isEqualTo("ERROR");
        assertThat(e.recordCount()).isZero();
        assertThat(e.scope()).isNull();
      });
    }
  }

  @Test
  void personalColumnsReadAreUnmaskedAndTablesOfOtherCatalogsKeepTheirCatalog() {
    TrinoQueryCompletedEvent names = sample("granted-read", json -> {
      ObjectNode input = (ObjectNode) json.path("ioMetadata").path("inputs").get(0);
      ((ObjectNode) input.path("columns").get(1)).put("name", "name");
    });
    Dataset person = DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 17, 1L, GRANTED_AT, GRANTED_AT);
    TrinoQueryAudit.CatalogLookup withEntry = new TrinoQueryAudit.CatalogLookup() {
      @Override
      public List<Subscription> subscriptionsOf(String department) {
        return List.of();
      }

      @Override
      public Optional<Dataset> dataset(String qualifiedName) {
        return qualifiedName.equals("gold.person") ? Optional.of(person) : Optional.empty();
      }
    };
    assertThat(mapping.audit(names, withEntry, RECEIVED).entries().get(0).unmasked()).isTrue();
    assertThat(mapping.audit(sample("granted-read"), withEntry, RECEIVED).entries().get(0).unmasked()).isFalse();

    TrinoQueryCompletedEvent postgres = sample("granted-read", json ->
        ((ObjectNode) json.path("ioMetadata").path("inputs").get(0)).put("catalogName", "registry"));
    assertThat(mapping.audit(postgres, lookup(), RECEIVED).entries().get(0).dataset()).isEqualTo("registry.gold.person");
  }

  @Test
  void longSqlIsMaskedThenCut() {
    String id = "11010119900307441X";
    String head = "SELECT master_id FROM hub.gold.person WHERE note = '";
    String tail = "' OR id_number = '";
    // the cut falls 8 characters into the ID number: cutting before masking would keep "11010119"
    String padding = "x".repeat(TrinoQueryAudit.MAX_QUERY_CHARS - 8 - head.length() - tail.length());
    String full = head + padding + tail + id + "'";
    TrinoQueryCompletedEvent event = sample("granted-read", json -> ((ObjectNode) json.path("metadata")).put("query", full));

    String stored = mapping.audit(event, lookup(), RECEIVED).entries().get(0).query();

    assertThat(stored).endsWith("' OR id_number = '********... (11 more characters)").doesNotContain("11010119");
    assertThat(stored).hasSize(TrinoQueryAudit.MAX_QUERY_CHARS + "... (11 more characters)".length());
    assertThat(TrinoQueryAudit.maskedQuery("phone = '13812345678'")).isEqualTo("phone = '138****5678'");
  }

  @Test
  void withoutEndAndCreateTimesTheEventIsDatedWhenItArrived() {
    TrinoQueryCompletedEvent undated = sample("granted-read", json -> {
      ((ObjectNode) json).remove("endTime");
      ((ObjectNode) json).remove("createTime");
    });
    assertThat(mapping.audit(undated, lookup(grant(7, List.of("master_id", "community_code"), "p")), RECEIVED).entries())
        .singleElement().satisfies(e -> {
          assertThat(e.at()).isEqualTo(RECEIVED);
          assertThat(e.scope()).startsWith("subscription:7/");
        });
  }

  static Subscription grant(long id, List<String> columns, String purpose) {
    return new Subscription(id, request(columns, purpose), SubscriptionState.GRANTED, GRANTED_AT, "hub", GRANTED_AT, null,
        null, null);
  }

  static SubscriptionRequest request(List<String> columns, String purpose) {
    return new SubscriptionRequest(DEPARTMENT, "gold.person", purpose, null, columns, "640106001001",
        Instant.parse("2027-06-30T16:00:00Z"), "张三");
  }

  static TrinoQueryAudit.CatalogLookup lookup(Subscription... subscriptions) {
    List<Subscription> all = new ArrayList<>(List.of(subscriptions));
    return new TrinoQueryAudit.CatalogLookup() {
      @Override
      public List<Subscription> subscriptionsOf(String department) {
        return all.stream().filter(s -> s.request().department().equals(department)).toList();
      }

      @Override
      public Optional<Dataset> dataset(String qualifiedName) {
        return Optional.empty();
      }
    };
  }

  /** A sample event as the API's mapper reads it. */
  static TrinoQueryCompletedEvent sample(String name) {
    return sample(name, json -> { });
  }

  /** A sample event, changed first. */
  static TrinoQueryCompletedEvent sample(String name, java.util.function.Consumer<com.fasterxml.jackson.databind.JsonNode> change) {
    try (InputStream in = TrinoQueryAuditTest.class.getResourceAsStream("/trino-events/" + name + ".json")) {
      com.fasterxml.jackson.databind.JsonNode json = JSON.readTree(in);
      change.accept(json);
      return JSON.treeToValue(json, TrinoQueryCompletedEvent.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sample's raw bytes, as Trino posts them. */
  static byte[] raw(String name) {
    try (InputStream in = TrinoQueryAuditTest.class.getResourceAsStream("/trino-events/" + name + ".json")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void failureMessage(com.fasterxml.jackson.databind.JsonNode json, String message) {
    ((ObjectNode) json.path("failureInfo")).put("failureMessage", message);
  }
}
