package org.cdhub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.MediaType.APPLICATION_JSON;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.mockmvc.OpenApiValidationMatchers;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.cdhub.api.returndata.GoldPersonFixture;
import org.cdhub.api.returndata.GoldTableRows;
import org.cdhub.api.returndata.TestPersons;
import org.cdhub.api.returndata.TestPlaces;
import org.cdhub.api.security.ApiClients;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.grant.UnmaskGrant;
import org.cdhub.catalog.grant.UnmaskableField;
import org.cdhub.catalog.registry.DatasetDescriptions;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Contract tests derived from the OpenAPI document: every request and response of the whole
 * application, answers and refusals alike, is validated against {@code schemas/openapi/hub-api.yaml}
 * (parameters, status codes, media types, bodies), and every operation the document declares
 * must be exercised here, so a new endpoint cannot ship without a contract check.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OpenApiContractTest {
  static final Path SPEC = Path.of("..", "schemas", "openapi", "hub-api.yaml");
  static final String NORTH = "640106001001";
  static final String SOUTH = "640106001002";
  static final String KEY = "north-platform-key-contract-01";
  static final String AUDITOR_KEY = "north-auditor-key-contract-01";
  static final String OWNER_KEY = "data-owner-key-contract-01";
  static final String WORKER_KEY = "north-worker-key-contract-01";
  static final String LINEAGE_AUDITOR_KEY = "lineage-auditor-key-contract-01";
  static final String EVENT_TOKEN = "trino-event-token-contract-0001";

  @TempDir static Path dataDir;
  static List<MasterPerson> north;
  static OpenApiInteractionValidator validator;
  /** For requests that break the contract on purpose: only the refusal is checked against it. */
  static OpenApiInteractionValidator responseValidator;
  static final Set<String> exercised = new ConcurrentSkipListSet<>();

  @Autowired MockMvc mvc;

  @DynamicPropertySource
  static void hubProperties(DynamicPropertyRegistry registry) {
    registry.add("hub.data-dir", () -> dataDir.toString());
    registry.add("hub.api.clients.north-platform.key-sha256", () -> ApiClients.sha256Hex(KEY));
    registry.add("hub.api.clients.north-platform.communities", () -> NORTH);
    registry.add("hub.api.clients.north-auditor.key-sha256", () -> ApiClients.sha256Hex(AUDITOR_KEY));
    registry.add("hub.api.clients.north-auditor.communities", () -> NORTH);
    registry.add("hub.api.clients.north-auditor.roles", () -> "provenance");
    registry.add("hub.api.clients.lineage-auditor.key-sha256", () -> ApiClients.sha256Hex(LINEAGE_AUDITOR_KEY));
    registry.add("hub.api.clients.lineage-auditor.communities", () -> NORTH);
    registry.add("hub.api.clients.lineage-auditor.roles", () -> "auditor");
    registry.add("hub.api.clients.data-owner.key-sha256", () -> ApiClients.sha256Hex(OWNER_KEY));
    registry.add("hub.api.clients.data-owner.communities", () -> NORTH);
    registry.add("hub.api.clients.data-owner.roles", () -> "dataset-owner");
    registry.add("hub.api.clients.data-owner.department", () -> DatasetDescriptions.CITY_DATA_BUREAU);
    registry.add("hub.api.clients.north-worker.key-sha256", () -> ApiClients.sha256Hex(WORKER_KEY));
    registry.add("hub.api.clients.north-worker.communities", () -> NORTH);
    registry.add("hub.api.clients.north-worker.roles", () -> "corrections");
    registry.add("hub.trino.event-token", () -> EVENT_TOKEN);
  }

  @BeforeAll
  static void publishGoldTables() throws IOException {
    String yaml = Files.readString(SPEC);
    validator = OpenApiInteractionValidator.createForInlineApiSpecification(yaml).build();
    responseValidator = OpenApiInteractionValidator.createForInlineApiSpecification(yaml)
        .withLevelResolver(LevelResolver.create().withLevel("validation.request", ValidationReport.Level.IGNORE).build())
        .build();
    north = new ArrayList<>(TestPersons.of(NORTH, 1, 40, 77));
    List<MasterPerson> all = new ArrayList<>(north);
    all.addAll(TestPersons.of(SOUTH, 1, 5, 78));
    long snapshot;
    try (GoldPersonFixture lakehouse = GoldPersonFixture.create(dataDir)) {
      snapshot = lakehouse.append(all);
      Instant at = Instant.parse("2026-12-01T08:00:00Z");
      GoldTableRows.append(lakehouse.catalog(), LakehouseTable.GOLD_RELATIONSHIP, List.of(Map.of("relationship_type", "LIVES_IN",
          "from_id", north.get(0).masterId(), "to_id", "L-HOUSE-1", "source_system", "hr_household", "source_record_id", "R1",
          "updated_at", at)));
      TestPlaces.publish(lakehouse.catalog(), 3, 6, NORTH, SOUTH);
      GoldTableRows.append(lakehouse.catalog(), LakehouseTable.GOLD_XREF, List.of(Map.of("source_system", "hr_household",
          "source_record_id", "R1", "entity_type", "PERSON", "master_id", north.get(0).masterId(), "match_rule", "SINGLETON",
          "run_id", "run-1", "linked_at", at)));
    }
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      catalog.datasets().upsert(DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, all.size(), snapshot,
          Instant.parse("2026-12-01T08:00:00Z"), Instant.parse("2026-12-01T08:05:00Z")));
      catalog.unmaskGrants().grant(UnmaskGrant.request("north-platform", EnumSet.of(UnmaskableField.PHONE,
          UnmaskableField.NAME), "subsidy-review", NORTH, Instant.now().plusSeconds(86_400), "contract-test", Instant.now()));
    }
  }

  @Test
  void rosterPagesAndItsRefusals() throws Exception {
    String persons = "/api/v1/communities/{code}/persons";
    String body = call("listCommunityPersons", get(persons, NORTH).param("limit", "10"), 200).andReturn().getResponse().getContentAsString();
    String cursor = com.jayway.jsonpath.JsonPath.read(body, "$.page.nextCursor");
    call("listCommunityPersons", get(persons, NORTH).param("cursor", cursor).param("limit", "10"), 200);
    call("listCommunityPersons", get(persons, SOUTH), 403);
    call("listCommunityPersons", get(persons, NORTH).param("limit", "501"), 400);
    call("listCommunityPersons", get(persons, NORTH).param("cursor", "bm90LWEtY3Vyc29y"), 400);
    call("listCommunityPersons", get(persons, NORTH).header("X-API-Key", "wrong-key-000000000"), 401);
  }

  @Test
  void unmaskedRosterAndPersonWithAGrantAndTheRefusals() throws Exception {
    String persons = "/api/v1/communities/{code}/persons";
    String person = persons + "/{id}";
    call("listCommunityPersons", get(persons, NORTH).param("unmask", "phone,name").param("purpose", "subsidy-review"), 200);
    call("getCommunityPerson", get(person, NORTH, north.get(0).masterId()).param("unmask", "phone")
        .param("purpose", "subsidy-review"), 200);
    call("listCommunityPersons", get(persons, NORTH).param("unmask", "idNumber").param("purpose", "subsidy-review"), 403);
    call("getCommunityPerson", get(person, NORTH, north.get(0).masterId()).param("unmask", "phone")
        .param("purpose", "census"), 403);
    call("listCommunityPersons", get(persons, NORTH).param("unmask", "birthDate").param("purpose", "subsidy-review"), 400);
    call("listCommunityPersons", get(persons, NORTH).param("unmask", "phone"), 400);
  }

  @Test
  void keyPopulationListFilteredByTagAgeBandBuildingAndGrid() throws Exception {
    String persons = "/api/v1/communities/{code}/persons";
    String body = call("listCommunityPersons", get(persons, NORTH).param("tag", "ELDERLY_ALONE").param("tag", "DISABLED")
        .param("ageBand", "60-69").param("ageBand", "90+").param("building", TestPlaces.building(NORTH, 1))
        .param("grid", NORTH + "01").param("limit", "1"), 200).andReturn().getResponse().getContentAsString();
    call("listCommunityPersons", get(persons, NORTH).param("tag", "VETERAN").param("limit", "2"), 200);
    String tagged = com.jayway.jsonpath.JsonPath.read(call("listCommunityPersons",
        get(persons, NORTH).param("tag", "DISABLED").param("limit", "1"), 200).andReturn().getResponse().getContentAsString(),
        "$.page.nextCursor");
    call("listCommunityPersons", get(persons, NORTH).param("tag", "VETERAN").param("cursor", tagged), 400);
    call("listCommunityPersons", get(persons, NORTH).param("ageBand", "100-109"), 400);
    assertThat(body).contains("\"communityCode\":\"" + NORTH + "\"");
  }

  @Test
  void placesOrganizationsAndEventsPagesAndTheirRefusals() throws Exception {
    String places = "/api/v1/communities/{code}/places";
    String body = call("listCommunityPlaces", get(places, NORTH).param("limit", "5"), 200).andReturn().getResponse()
        .getContentAsString();
    String cursor = com.jayway.jsonpath.JsonPath.read(body, "$.page.nextCursor");
    call("listCommunityPlaces", get(places, NORTH).param("cursor", cursor).param("limit", "5"), 200);
    call("listCommunityPlaces", get(places, NORTH).param("kind", "HOUSE").param("grid", NORTH + "02"), 200);
    call("listCommunityPlaces", get(places, NORTH).param("kind", "CASTLE"), 400);
    call("listCommunityPlaces", get(places, SOUTH), 403);

    String organizations = "/api/v1/communities/{code}/organizations";
    call("listCommunityOrganizations", get(organizations, NORTH), 200);
    call("listCommunityOrganizations", get(organizations, NORTH).param("grid", NORTH + "01").param("limit", "1"), 200);
    call("listCommunityOrganizations", get(organizations, NORTH).param("cursor", cursor), 400);
    call("listCommunityOrganizations", get(organizations, SOUTH), 403);

    String events = "/api/v1/communities/{code}/events";
    call("listCommunityEvents", get(events, NORTH).param("limit", "2"), 200);
    call("listCommunityEvents", get(events, NORTH).param("from", "2026-10-01T01:00:00Z").param("until", "2026-10-01T03:00:00Z")
        .param("grid", NORTH + "01"), 200);
    call("listCommunityEvents", get(events, NORTH).param("from", "2026-10-02T00:00:00Z").param("until", "2026-10-01T00:00:00Z"), 400);
    call("listCommunityEvents", get(events, SOUTH), 403);
    call("listCommunityEvents", get(events, NORTH).header("X-API-Key", "wrong-key-000000000"), 401);
  }

  @Test
  void onePersonWithAndWithoutProvenance() throws Exception {
    String person = "/api/v1/communities/{code}/persons/{id}";
    call("getCommunityPerson", get(person, NORTH, north.get(0).masterId()), 200);
    call("getCommunityPerson", get(person, NORTH, north.get(0).masterId()).header("X-API-Key", AUDITOR_KEY), 200);
    call("getCommunityPerson", get(person, NORTH, "P-NO-SUCH-PERSON"), 404);
    call("getCommunityPerson", get(person, SOUTH, north.get(0).masterId()), 403);
  }

  @Test
  void datasetAndColumnLineageAndTheirRefusals() throws Exception {
    String lineage = "/api/v1/catalog/datasets/{name}/lineage";
    call("getDatasetLineage", get(lineage, "gold.person"), 200);
    call("getDatasetLineage", get(lineage, "gold.person").param("column", "name"), 200);
    call("getDatasetLineage", get(lineage, "gold.nothing"), 404);
    call("getDatasetLineage", get(lineage, "gold.person").param("column", "favourite_colour"), 400);
    call("getDatasetLineage", get(lineage, "gold.person").header("X-API-Key", "wrong-key-000000000"), 401);
  }

  @Test
  void recordLineageForAuditorsOnly() throws Exception {
    String lineage = "/api/v1/persons/{id}/lineage";
    call("getPersonLineage", get(lineage, north.get(0).masterId()).header("X-API-Key", LINEAGE_AUDITOR_KEY), 200);
    call("getPersonLineage", get(lineage, north.get(0).masterId()), 403);
    call("getPersonLineage", get(lineage, "P-NO-SUCH-PERSON").header("X-API-Key", LINEAGE_AUDITOR_KEY), 404);
    call("getPersonLineage", get(lineage, "not-a-master-id").header("X-API-Key", LINEAGE_AUDITOR_KEY), 400);
  }

  @Test
  void reportsListedAndExportedInBothFormats() throws Exception {
    call("listReportTemplates", get("/api/v1/reports"), 200);
    String report = "/api/v1/communities/{code}/reports/{report}";
    call("exportCommunityReport", get(report, NORTH, "elderly-alone"), 200);
    call("exportCommunityReport", get(report, NORTH, "disabled").param("format", "xlsx"), 200);
    call("exportCommunityReport", get(report, NORTH, "salaries"), 404);
    call("exportCommunityReport", get(report, SOUTH, "elderly-alone"), 403);
  }

  @Test
  void changeFeedStartCatchUpAndRefusals() throws Exception {
    String changes = "/api/v1/communities/{code}/changes";
    String body = call("listCommunityChanges", get(changes, NORTH), 200).andReturn().getResponse().getContentAsString();
    String since = com.jayway.jsonpath.JsonPath.read(body, "$.page.nextCursor");
    call("listCommunityChanges", get(changes, NORTH).param("since", since).param("limit", "100"), 200);
    call("listCommunityChanges", get(changes, NORTH).param("since", "bm90LWEtY3Vyc29y"), 400);
    call("listCommunityChanges", get(changes, SOUTH), 403);
  }

  @Test
  void catalogEntryAndAnUnregisteredOne() throws Exception {
    call("getDataset", get("/api/v1/catalog/datasets/{name}", "gold.person"), 200);
    call("getDataset", get("/api/v1/catalog/datasets/{name}", "gold.nothing"), 404);
  }

  @Test
  void catalogSearchAndItsRefusals() throws Exception {
    String body = call("searchDatasets", get("/api/v1/catalog/datasets").param("q", "人口").param("limit", "5"), 200)
        .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat((List<String>) com.jayway.jsonpath.JsonPath.read(body, "$.hits[*].dataset.qualifiedName")).contains("gold.person");
    call("searchDatasets", get("/api/v1/catalog/datasets").param("q", "   "), 400);
    call("searchDatasets", get("/api/v1/catalog/datasets").param("q", "人口").param("limit", "101"), 400);
  }

  @Test
  void subscriptionsRequestedDecidedListedRevokedAndTheirRefusals() throws Exception {
    String until = Instant.now().plusSeconds(86_400).toString();
    String asked = "{\"dataset\":\"gold.person\",\"purpose\":\"低保复核\",\"columns\":[\"master_id\",\"community_code\"],"
        + "\"scope\":\"" + NORTH + "\",\"until\":\"" + until + "\"}";
    long first = id(call("requestSubscription", post("/api/v1/subscriptions").contentType(APPLICATION_JSON).content(asked), 201));
    long second = id(call("requestSubscription", post("/api/v1/subscriptions").contentType(APPLICATION_JSON).content(asked), 201));
    call("requestSubscription", post("/api/v1/subscriptions").contentType(APPLICATION_JSON)
        .content(asked.replace("\"community_code\"", "\"salary\"")), 400);
    call("listSubscriptions", get("/api/v1/subscriptions"), 200);
    call("listSubscriptions", get("/api/v1/subscriptions").header("X-API-Key", OWNER_KEY), 200);

    call("approveSubscription", post("/api/v1/subscriptions/{id}/approve", first), 403);
    call("approveSubscription", post("/api/v1/subscriptions/{id}/approve", first).header("X-API-Key", OWNER_KEY), 200);
    call("approveSubscription", post("/api/v1/subscriptions/{id}/approve", first).header("X-API-Key", OWNER_KEY), 409);
    call("approveSubscription", post("/api/v1/subscriptions/{id}/approve", 999).header("X-API-Key", OWNER_KEY), 404);
    call("rejectSubscription", post("/api/v1/subscriptions/{id}/reject", second).header("X-API-Key", OWNER_KEY)
        .contentType(APPLICATION_JSON).content("{\"reason\":\"不需要\"}"), 200);
    call("rejectSubscription", post("/api/v1/subscriptions/{id}/reject", second).header("X-API-Key", OWNER_KEY)
        .contentType(APPLICATION_JSON).content("{}"), 400);

    // this application has no Trino: a grant's rows answer 503, another client's 404, a rejected one's 403
    call("listSubscriptionRows", get("/api/v1/subscriptions/{id}/rows", first), 503);
    call("listSubscriptionRows", get("/api/v1/subscriptions/{id}/rows", first).header("X-API-Key", OWNER_KEY), 404);
    call("listSubscriptionRows", get("/api/v1/subscriptions/{id}/rows", second), 403);
    call("revokeSubscription", post("/api/v1/subscriptions/{id}/revoke", first).contentType(APPLICATION_JSON), 200);
    call("revokeSubscription", post("/api/v1/subscriptions/{id}/revoke", first).header("X-API-Key", OWNER_KEY)
        .contentType(APPLICATION_JSON).content("{\"reason\":\"again\"}"), 409);
  }

  @Test
  void trinoQueryEventsAuditedSkippedAndRefused() throws Exception {
    String path = "/api/v1/internal/trino/query-events";
    for (String sample : List.of("granted-read", "denied", "service-user")) {
      call("recordTrinoQueryEvent", post(path).header("X-Hub-Event-Token", EVENT_TOKEN).contentType(APPLICATION_JSON)
          .content(trinoEvent(sample)), 200);
    }
    call("recordTrinoQueryEvent", post(path).header("X-Hub-Event-Token", EVENT_TOKEN + "x").contentType(APPLICATION_JSON)
        .content(trinoEvent("granted-read")), 401);
    call("recordTrinoQueryEvent", post(path).header("X-Hub-Event-Token", EVENT_TOKEN).contentType(APPLICATION_JSON)
        .content("{\"metadata\": {}}"), 400);
  }

  /** A body Trino 476's HTTP event listener posted (see TrinoQueryAuditTest). */
  private static byte[] trinoEvent(String sample) throws IOException {
    try (java.io.InputStream in = OpenApiContractTest.class.getResourceAsStream("/trino-events/" + sample + ".json")) {
      return in.readAllBytes();
    }
  }

  private static long id(ResultActions result) throws Exception {
    String body = result.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    return ((Number) com.jayway.jsonpath.JsonPath.read(body, "$.id")).longValue();
  }

  @Test
  void correctionSentListedReadAndRefused() throws Exception {
    String corrections = "/api/v1/communities/{code}/corrections";
    MasterPerson person = north.get(1);
    String sent = call("submitCorrection", post(corrections, NORTH).header("X-API-Key", WORKER_KEY)
        .contentType(MediaType.APPLICATION_JSON).content("{\"masterId\":\"" + person.masterId()
            + "\",\"kind\":\"PHONE\",\"value\":\"13800001111\",\"effectiveDate\":\"2026-12-01\",\"note\":\"居民来电\"}"),
        201).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    Number id = com.jayway.jsonpath.JsonPath.read(sent, "$.id");
    String list = call("listCorrections", get(corrections, NORTH).header("X-API-Key", WORKER_KEY).param("limit", "5"), 200)
        .andReturn().getResponse().getContentAsString();
    String one = call("getCorrection", get(corrections + "/{id}", NORTH, id).header("X-API-Key", WORKER_KEY), 200)
        .andReturn().getResponse().getContentAsString();
    for (String body : List.of(sent, list, one)) {
      assertThat(body).doesNotContain(person.idNumber()).doesNotContain("13800001111").contains("RECEIVED");
    }
    call("submitCorrection", post(corrections, NORTH).header("X-API-Key", WORKER_KEY).contentType(MediaType.APPLICATION_JSON)
        .content("{\"masterId\":\"" + person.masterId() + "\",\"kind\":\"PHONE\",\"value\":\"12345\",\"effectiveDate\":\"2026-12-01\"}"),
        400);
    call("submitCorrection", post(corrections, NORTH).contentType(MediaType.APPLICATION_JSON)
        .content("{\"masterId\":\"" + person.masterId() + "\",\"kind\":\"DECEASED\",\"effectiveDate\":\"2026-12-01\"}"), 403);
    call("submitCorrection", post(corrections, SOUTH).header("X-API-Key", WORKER_KEY).contentType(MediaType.APPLICATION_JSON)
        .content("{\"masterId\":\"" + person.masterId() + "\",\"kind\":\"DECEASED\",\"effectiveDate\":\"2026-12-01\"}"), 403);
    call("submitCorrection", post(corrections, NORTH).header("X-API-Key", WORKER_KEY).contentType(MediaType.APPLICATION_JSON)
        .content("{\"masterId\":\"P-NO-SUCH-PERSON\",\"kind\":\"DECEASED\",\"effectiveDate\":\"2026-12-01\"}"), 404);
    call("listCorrections", get(corrections, NORTH), 403);
    call("getCorrection", get(corrections + "/{id}", NORTH, id.longValue() + 1000).header("X-API-Key", WORKER_KEY), 404);
  }

  /**
   * Sends with the platform's key unless the request has one, checks the status and validates the
   * exchange; a 400 is asked for with a request the contract forbids, so only its answer is validated.
   */
  private ResultActions call(String operationId, MockHttpServletRequestBuilder request, int status) throws Exception {
    exercised.add(operationId);
    MockHttpServletRequestBuilder withKey = request.buildRequest(new org.springframework.mock.web.MockServletContext())
        .getHeader("X-API-Key") == null ? request.header("X-API-Key", KEY) : request;
    return mvc.perform(withKey)
        .andExpect(status().is(status))
        .andExpect(OpenApiValidationMatchers.openApi().isValid(status == 400 ? responseValidator : validator));
  }

  @AfterAll
  static void everyDeclaredOperationWasExercised() {
    OpenAPI spec = new OpenAPIV3Parser().read(SPEC.toString());
    Set<String> declared = new TreeSet<>();
    spec.getPaths().values().forEach(item -> item.readOperations().stream().map(Operation::getOperationId)
        .filter(Objects::nonNull).forEach(declared::add));
    assertThat(declared).isNotEmpty();
    assertThat(exercised).as("operations of hub-api.yaml without a contract test here").containsAll(declared);
  }
}
