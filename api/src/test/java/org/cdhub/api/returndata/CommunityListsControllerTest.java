package org.cdhub.api.returndata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cdhub.api.security.ApiClients;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.model.entity.MasterPerson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The community lists (places, organizations, events, and the roster's filters) over HTTP with
 * the real security chain, services, projections and audit log over a real lakehouse: what a
 * client may not do, and the clean 4xx each hostile or mismatched request gets.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CommunityListsControllerTest {
  static final String NORTH = "640106001001";
  static final String SOUTH = "640106001002";
  static final String KEY = "north-platform-key-lists-01";
  /** A street platform that reads both communities, for cursors carried across communities. */
  static final String STREET_KEY = "street-platform-key-lists-01";

  @TempDir static Path dataDir;

  @Autowired MockMvc mvc;

  @DynamicPropertySource
  static void hubProperties(DynamicPropertyRegistry registry) {
    registry.add("hub.data-dir", () -> dataDir.toString());
    registry.add("hub.api.clients.north-platform.key-sha256", () -> ApiClients.sha256Hex(KEY));
    registry.add("hub.api.clients.north-platform.communities", () -> NORTH);
    registry.add("hub.api.clients.street-platform.key-sha256", () -> ApiClients.sha256Hex(STREET_KEY));
    registry.add("hub.api.clients.street-platform.communities", () -> NORTH + "," + SOUTH);
  }

  @BeforeAll
  static void publishGoldTables() {
    List<MasterPerson> persons = new ArrayList<>(TestPersons.of(NORTH, 1, 40, 5));
    persons.addAll(TestPersons.of(SOUTH, 1, 10, 6));
    try (GoldPersonFixture lakehouse = GoldPersonFixture.create(dataDir)) {
      lakehouse.append(persons);
      TestPlaces.publish(lakehouse.catalog(), 4, 12, NORTH, SOUTH);
    }
  }

  @Test
  void servesEachListOfTheClientsCommunity() throws Exception {
    send(get("/api/v1/communities/{c}/places", NORTH).param("kind", "BUILDING"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items.length()").value(3))
        .andExpect(jsonPath("$.items[0].kind").value("BUILDING"))
        .andExpect(jsonPath("$.masked").value(true));
    send(get("/api/v1/communities/{c}/organizations", NORTH).param("grid", NORTH + "01"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items.length()").value(2))
        .andExpect(jsonPath("$.items[0].legalRepresentative").value("欧**英"));
    send(get("/api/v1/communities/{c}/events", NORTH).param("from", "2026-10-01T02:00:00Z")
        .param("until", "2026-10-01T04:00:00+00:00").param("limit", "10"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[*].masterId").value(org.hamcrest.Matchers.contains(
            "E-" + NORTH + "-003", "E-" + NORTH + "-004")));
    send(get("/api/v1/communities/{c}/persons", NORTH).param("tag", "DISABLED").param("tag", "VETERAN")
        .param("ageBand", "90+").param("ageBand", "0-9").param("grid", NORTH + "01"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.communityCode").value(NORTH));
  }

  @ParameterizedTest
  @CsvSource({"places", "organizations", "events", "persons?tag=DISABLED"})
  void refusesAndAuditsACommunityOutsideTheJurisdiction(String list) throws Exception {
    problem(send(get("/api/v1/communities/" + SOUTH + "/" + list)), 403, "communityCode.outside-jurisdiction");

    AccessEvent refused = auditEvents().get(0);
    assertThat(refused.outcome()).isEqualTo("DENIED");
    assertThat(refused.scope()).isEqualTo("community:" + SOUTH);
    assertThat(refused.dataset()).isEqualTo("gold." + (list.startsWith("persons") ? "person"
        : list.equals("places") ? "place" : list.equals("events") ? "event" : "organization"));
  }

  @Test
  void refusesAListWithoutAKey() throws Exception {
    problem(mvc.perform(get("/api/v1/communities/{c}/events", NORTH)), 401, "apiKey.missing");
  }

  @ParameterizedTest(name = "{0}?{1}={2} -> {3}")
  @CsvSource(delimiter = '|', value = {
      "places        | kind     | HOUSE;DROP TABLE gold.place   | kind.type",
      "places        | grid     | x'; DROP TABLE gold.place;--   | grid.pattern",
      "places        | limit    | 0                             | limit.min",
      "organizations | limit    | 501                           | limit.max",
      "organizations | limit    | 99999999999999999999          | limit.type",
      "organizations | grid     | ../../etc/passwd              | grid.pattern",
      "events        | from     | yesterday                     | from.type",
      "events        | until    | 2026-13-45T00:00:00Z          | until.type",
      "events        | cursor   | ../../../../etc/passwd        | cursor.pattern",
      "persons       | tag      | elderly' OR '1'='1            | tag.pattern",
      "persons       | ageBand  | 100-109                       | ageBand.type",
      "persons       | building | ../../etc/passwd              | building.pattern",
      "persons       | grid     | 64010600100101%00             | grid.pattern"})
  void answersHostileParametersWith400NamingTheFieldAndRule(String list, String name, String value, String code)
      throws Exception {
    problem(send(get("/api/v1/communities/{c}/" + list, NORTH).param(name, value)), 400, code);
  }

  @Test
  void answersTooManyTagsAndAnEmptyTimeWindowWith400() throws Exception {
    MockHttpServletRequestBuilder tags = get("/api/v1/communities/{c}/persons", NORTH);
    for (int i = 0; i < 11; i++) {
      tags.param("tag", "TAG_" + i);
    }
    problem(send(tags), 400, "tag.size");
    problem(send(get("/api/v1/communities/{c}/events", NORTH).param("from", "2026-10-02T00:00:00Z")
        .param("until", "2026-10-01T00:00:00Z")), 400, "until.after-from");
  }

  @Test
  void answersMalformedForeignAndMismatchedCursorsWith400() throws Exception {
    problem(send(get("/api/v1/communities/{c}/places", NORTH).param("cursor", "bm90LWEtY3Vyc29y")), 400, "cursor.malformed");

    String places = nextCursor(send(get("/api/v1/communities/{c}/places", NORTH).param("limit", "2")));
    problem(send(get("/api/v1/communities/{c}/events", NORTH).param("cursor", places)), 400, "cursor.other-list");

    String disabled = nextCursor(send(get("/api/v1/communities/{c}/persons", NORTH).param("tag", "DISABLED")
        .param("limit", "1")));
    problem(send(get("/api/v1/communities/{c}/persons", NORTH).param("tag", "VETERAN").param("cursor", disabled)),
        400, "tag.cursor-mismatch");
    problem(send(get("/api/v1/communities/{c}/persons", NORTH).param("cursor", disabled)), 400, "tag.cursor-mismatch");

    String kind = nextCursor(send(get("/api/v1/communities/{c}/places", NORTH).param("kind", "HOUSE").param("limit", "2")));
    problem(send(get("/api/v1/communities/{c}/places", NORTH).param("kind", "BUILDING").param("cursor", kind)), 400,
        "kind.cursor-mismatch");

    String window = nextCursor(send(get("/api/v1/communities/{c}/events", NORTH).param("from", "2026-10-01T00:00:00Z")
        .param("limit", "2")));
    // the same instant spelled with another offset is the same filter
    send(get("/api/v1/communities/{c}/events", NORTH).param("from", "2026-10-01T08:00:00+08:00").param("cursor", window)
        .param("limit", "2")).andExpect(status().isOk());
    problem(send(get("/api/v1/communities/{c}/events", NORTH).param("from", "2026-10-01T00:00:01Z").param("cursor", window)),
        400, "from.cursor-mismatch");

    String south = nextCursor(mvc.perform(get("/api/v1/communities/{c}/organizations", SOUTH).param("limit", "1")
        .header("X-API-Key", STREET_KEY)));
    problem(mvc.perform(get("/api/v1/communities/{c}/organizations", NORTH).param("cursor", south)
        .header("X-API-Key", STREET_KEY)), 400, "cursor.other-community");
  }

  private ResultActions send(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request.header("X-API-Key", KEY));
  }

  private static String nextCursor(ResultActions result) throws Exception {
    String cursor = JsonPath.read(result.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(),
        "$.page.nextCursor");
    assertThat(cursor).isNotNull();
    return cursor;
  }

  private static ResultActions problem(ResultActions result, int status, String code) throws Exception {
    return result.andExpect(status().is(status))
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
            .contentTypeCompatibleWith("application/problem+json"))
        .andExpect(jsonPath("$.code").value(code));
  }

  private static List<AccessEvent> auditEvents() {
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      return catalog.auditLog().recent(5);
    }
  }
}
