package org.cdhub.api.trino;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetDescriptions;
import org.cdhub.catalog.registry.DatasetField;
import org.cdhub.catalog.subscription.Subscription;
import org.cdhub.catalog.subscription.SubscriptionRequest;
import org.cdhub.catalog.subscription.SubscriptionState;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grants as Trino rules: what each user matches, what it is denied, which rows it sees. */
class TrinoAccessRulesTest {
  static final Instant T0 = Instant.parse("2026-12-06T09:30:00Z");
  static final Dataset PERSON = DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 1, 1L, T0, T0);

  @TempDir Path dir;

  @Test
  void eachDepartmentGetsItsTableWithOtherColumnsDeniedAndItsScopesAsAFilter() throws Exception {
    List<Subscription> grants = List.of(
        grant(1, "civil-affairs", List.of("master_id", "name"), "640106"),
        grant(2, "civil-affairs", List.of("master_id", "sex"), "640105001"),
        grant(3, "health", List.of("master_id"), "640106001001"));
    TrinoAccessRules rules = TrinoAccessRules.of("hub", "cdhub-api", grants, s -> PERSON);
    Path file = dir.resolve("rules.json");
    rules.writeTo(file);

    JsonNode tables = new ObjectMapper().readTree(Files.readString(file)).get("tables");
    assertThat(tables).hasSize(3);
    assertThat(matches(tables.get(0), "user", "cdhub-api")).isTrue();
    assertThat(matches(tables.get(0), "user", "cdhub-apiX")).isFalse();
    JsonNode civil = tables.get(1);
    assertThat(matches(civil, "user", "civil-affairs")).isTrue();
    assertThat(matches(civil, "user", "civil")).isFalse();
    assertThat(matches(civil, "table", "person")).isTrue();
    assertThat(matches(civil, "table", "person$snapshots")).isFalse();
    List<String> denied = new ArrayList<>();
    civil.get("columns").forEach(c -> {
      assertThat(c.get("allow").asBoolean()).isFalse();
      denied.add(c.get("name").asText());
    });
    List<String> expectedDenied = PERSON.fields().stream().map(DatasetField::name)
        .filter(n -> !List.of("master_id", "name", "sex").contains(n)).toList();
    assertThat(denied).containsExactlyInAnyOrderElementsOf(expectedDenied);
    assertThat(civil.get("filter").asText()).contains("'640106'", "'640105001'", " OR ");
    assertThat(civil.get("filter_environment").get("user").asText()).isEqualTo("cdhub-api");
    assertThat(civil.get("privileges")).extracting(JsonNode::asText).containsExactly("SELECT");
    assertThat(matches(tables.get(2), "user", "health")).isTrue();
    assertThat(tables.get(2).get("filter").asText()).contains("'640106001001'").doesNotContain("640105");
  }

  @Test
  void withoutGrantsOnlyTheServiceUserHasATableRule() throws Exception {
    JsonNode root = new ObjectMapper().readTree(TrinoAccessRules.of("hub", "cdhub-api", List.of(), s -> PERSON).json());
    assertThat(root.get("tables")).hasSize(1);
    // nobody but the service user owns a schema, so no department can create or drop tables
    assertThat(root.get("schemas").get(1).get("owner").asBoolean()).isFalse();
  }

  @Test
  void onlyTheServiceUserMayViewOrKillOtherUsersQueries() throws Exception {
    JsonNode queries = new ObjectMapper().readTree(TrinoAccessRules.of("hub", "cdhub-api", List.of(grant(1, "police", List.of("master_id"),
        null)), s -> PERSON).json()).get("queries");

    assertThat(queries).hasSize(2);
    assertThat(matches(queries.get(0), "user", "cdhub-api")).isTrue();
    assertThat(matches(queries.get(0), "user", "police")).isFalse();
    assertThat(queries.get(0).get("allow")).extracting(JsonNode::asText).containsExactlyInAnyOrder("execute", "kill", "view");
    // the first matching rule wins: every other user may run queries, and see only its own
    assertThat(queries.get(1).has("user")).isFalse();
    assertThat(queries.get(1).get("allow")).extracting(JsonNode::asText).containsExactly("execute");
  }

  private static boolean matches(JsonNode rule, String key, String value) {
    return Pattern.compile(rule.get(key).asText()).matcher(value).matches();
  }

  private static Subscription grant(long id, String department, List<String> columns, String scope) {
    return new Subscription(id, new SubscriptionRequest(department, "gold.person", "p", "law", columns, scope,
        T0.plusSeconds(86_400), "x"), SubscriptionState.GRANTED, T0, "hub", T0, null, null, null);
  }
}
