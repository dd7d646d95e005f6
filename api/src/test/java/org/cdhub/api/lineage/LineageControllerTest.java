package org.cdhub.api.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cdhub.api.returndata.GoldPersonFixture;
import org.cdhub.api.returndata.GoldTableRows;
import org.cdhub.api.returndata.TestPersons;
import org.cdhub.api.security.ApiClients;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.AuditEntry;
import org.cdhub.catalog.audit.AuditQuery;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Both lineage endpoints over the whole application: real security chain, the bundled source
 * contracts, a real Iceberg lakehouse holding a person merged from two source records with their
 * silver versions, delivery and standardize run, and the real audit log.
 */
@SpringBootTest
@AutoConfigureMockMvc
class LineageControllerTest {
  static final String NORTH = "640106001001";
  static final String READER_KEY = "north-reader-key-lineage-01";
  static final String AUDITOR_KEY = "north-auditor-key-lineage-01";
  static final String DATASET = "/api/v1/catalog/datasets/{name}/lineage";
  static final String PERSON = "/api/v1/persons/{id}/lineage";
  static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");

  @TempDir static Path dataDir;
  static MasterPerson merged;

  @Autowired MockMvc mvc;

  @DynamicPropertySource
  static void hubProperties(DynamicPropertyRegistry registry) {
    registry.add("hub.data-dir", () -> dataDir.toString());
    registry.add("hub.api.clients.north-reader.key-sha256", () -> ApiClients.sha256Hex(READER_KEY));
    registry.add("hub.api.clients.north-reader.communities", () -> NORTH);
    registry.add("hub.api.clients.north-auditor.key-sha256", () -> ApiClients.sha256Hex(AUDITOR_KEY));
    registry.add("hub.api.clients.north-auditor.communities", () -> NORTH);
    registry.add("hub.api.clients.north-auditor.roles", () -> "auditor");
  }

  @BeforeAll
  static void publishAMergedPerson() {
    MasterPerson p = TestPersons.of(NORTH, 1, 1, 11).get(0);
    // name from the household register, ID number and phone from the civil-affairs roster
    merged = new MasterPerson(p.masterId(), p.idNumber(), null, p.name(), null, p.sex(), p.birthDate(), p.phone(), p.address(),
        p.houseId(), p.districtCode(), p.communityCode(), p.gridCode(), p.tags(), p.status(),
        Map.of("name", "hr_household:HH-1:TRUST_RANK", "id_number", "ca_elderly:CA-9:TRUST_RANK", "phone", "ca_elderly:CA-9:MOST_RECENT"),
        2, AT);
    try (GoldPersonFixture lake = GoldPersonFixture.create(dataDir)) {
      lake.append(List.of(merged));
      GoldTableRows.append(lake.catalog(), LakehouseTable.GOLD_XREF, List.of(
          xref("hr_household", "HH-1", "SINGLETON"), xref("ca_elderly", "CA-9", "ID_NUMBER_EXACT")));
      GoldTableRows.append(lake.catalog(), LakehouseTable.SILVER_PERSON, List.of(
          silver("hr_household", "HH-1", "b-hr-1", AT.minusSeconds(7200)), silver("ca_elderly", "CA-9", "b-ca-1", AT.minusSeconds(3600))));
      Map<String, Object> delivery = new HashMap<>(Map.of("feed", "hr_household", "batch_id", "b-hr-1", "status", "LANDED", "read", 1L,
          "landed", 1L, "quarantined", 0L, "duration_ms", 5L, "delivered_at", AT.minusSeconds(7300)));
      delivery.putAll(Map.of("source", "hr_household-2026-12-01.csv", "flowfile_id", "ff-1", "bronze_snapshot_id", 41L));
      GoldTableRows.append(lake.catalog(), LakehouseTable.INGESTION_LOG, List.of(delivery));
      Map<String, Object> run = new HashMap<>(Map.of("feed", "hr_household", "run_id", "std-1", "entity", "PERSON",
          "bronze_snapshot_id", 41L, "batch_ids", List.of("b-hr-1"), "rows_in", 1L, "silver_rows", 1L, "quarantined_rows", 0L,
          "status", "PUBLISHED", "checks_passed", 3));
      run.putAll(Map.of("checks_failed", 0, "started_at", AT.minusSeconds(7250), "duration_ms", 9L));
      GoldTableRows.append(lake.catalog(), LakehouseTable.QUALITY_RUN, List.of(run));
    }
  }

  private static Map<String, Object> xref(String feed, String record, String rule) {
    return Map.of("source_system", feed, "source_record_id", record, "entity_type", "PERSON", "master_id", merged.masterId(),
        "match_rule", rule, "run_id", "resolve-1", "linked_at", AT);
  }

  private static Map<String, Object> silver(String feed, String record, String batch, Instant ingestedAt) {
    return Map.of("source_system", feed, "source_record_id", record, "batch_id", batch, "place_match", "UNMATCHED",
        "trust_rank", 50, "ingested_at", ingestedAt, "name", merged.name(), "id_number", merged.idNumber());
  }

  @Test
  void goldPersonComesFromSilverPersonAndGoesToTheApiAndItsReaders() throws Exception {
    // a real read of the person by a platform, so the audit log names a reader of gold.person
    mvc.perform(get("/api/v1/communities/{code}/persons", NORTH).header("X-API-Key", READER_KEY)).andExpect(status().isOk());

    String body = mvc.perform(get(DATASET, "gold.person").header("X-API-Key", READER_KEY))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.dataset").value("gold.person"))
        .andReturn().getResponse().getContentAsString();

    assertThat(JsonPath.<List<String>>read(body, "$.edges[?(@.from == 'silver.person')].to")).contains("gold.person");
    assertThat(JsonPath.<List<String>>read(body, "$.edges[?(@.from == 'bronze.hr_household')].to")).contains("silver.person");
    assertThat(JsonPath.<List<String>>read(body, "$.edges[?(@.from == 'gold.person')].to"))
        .contains("api:/communities/{c}/persons", "trino");
    assertThat(JsonPath.<List<String>>read(body, "$.nodes[?(@.id == 'client:north-reader')].kind")).containsExactly("client");
    assertThat(JsonPath.<List<String>>read(body, "$.nodes[?(@.id == 'source:hr_household')].kind")).containsExactly("department");
    assertThat(JsonPath.<List<String>>read(body, "$.nodes[?(@.id == 'flow:hr_household')].kind")).containsExactly("flow");
    assertThat(JsonPath.<List<String>>read(body, "$.nodes[?(@.id == 'silver.person')].kind")).containsExactly("table");
    assertThat(JsonPath.<List<String>>read(body, "$.nodes[?(@.id == 'trino')].kind")).containsExactly("engine");
    // only paths through gold.person: a place feed and its gold table are not on one
    assertThat(JsonPath.<List<String>>read(body, "$.nodes[*].id")).doesNotContain("gold.place", "bronze.housing_compound");
    assertThat(JsonPath.<Object>read(body, "$")).asString().doesNotContain("columnSources");
  }

  @Test
  void columnLineageNamesTheRawFieldsOfPersonFeedsOnly() throws Exception {
    String body = mvc.perform(get(DATASET, "gold.person").param("column", "name").header("X-API-Key", READER_KEY))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.column").value("name"))
        .andReturn().getResponse().getContentAsString();

    List<String> feeds = JsonPath.read(body, "$.columnSources[*].feed");
    assertThat(feeds).contains("hr_household", "ca_elderly")
        .doesNotContain("housing_compound", "mr_enterprise", "housing_property_company");
    assertThat(JsonPath.<List<String>>read(body, "$.columnSources[?(@.feed == 'hr_household')].rawField")).containsExactly("xm");
    assertThat(JsonPath.<List<String>>read(body, "$.columnSources[*].goldColumn")).containsOnly("gold.person.name");
    List<Integer> ranks = JsonPath.read(body, "$.columnSources[*].trustRank");
    assertThat(ranks).isSortedAccordingTo(java.util.Comparator.reverseOrder());

    mvc.perform(get(DATASET, "bronze.hr_household").param("column", "name").header("X-API-Key", READER_KEY))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.columnSources.length()").value(1))
        .andExpect(jsonPath("$.columnSources[0].rawField").value("xm"));
  }

  @Test
  void answersAnUnknownDatasetWith404AndABadColumnWith400() throws Exception {
    problem(mvc.perform(get(DATASET, "gold.nothing").header("X-API-Key", READER_KEY)), 404, "qualifiedName.not-in-lineage")
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("gold.nothing")));
    problem(mvc.perform(get(DATASET, "gold.person").param("column", "favourite_colour").header("X-API-Key", READER_KEY)),
        400, "column.not-mapped")
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("favourite_colour")));
    problem(mvc.perform(get(DATASET, "gold.person").param("column", "Name;drop").header("X-API-Key", READER_KEY)), 400, "column.pattern");
    problem(mvc.perform(get(DATASET, "gold.person")), 401, "apiKey.missing");
  }

  @Test
  void anAuditorTracesAMergedPersonToItsTwoSourceRecordsWithoutItsValues() throws Exception {
    String id = merged.masterId();
    // a platform's read, to be listed among the person's audited reads
    mvc.perform(get("/api/v1/communities/{code}/persons/{id}", NORTH, id).header("X-API-Key", READER_KEY)).andExpect(status().isOk());

    String body = mvc.perform(get(PERSON, id).header("X-API-Key", AUDITOR_KEY))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.masterId").value(id))
        .andExpect(jsonPath("$.communityCode").value(NORTH))
        .andReturn().getResponse().getContentAsString();

    assertThat(JsonPath.<List<String>>read(body, "$.sourceRecords[*].sourceRecordId")).containsExactlyInAnyOrder("HH-1", "CA-9");
    assertThat(JsonPath.<List<String>>read(body, "$.sourceRecords[?(@.sourceRecordId == 'CA-9')].matchRule"))
        .containsExactly("ID_NUMBER_EXACT");
    assertThat(JsonPath.<List<String>>read(body, "$.sourceRecords[?(@.sourceRecordId == 'HH-1')].batchId")).containsExactly("b-hr-1");
    assertThat(JsonPath.<List<String>>read(body, "$.sourceRecords[?(@.sourceRecordId == 'HH-1')].delivery.flowfileId"))
        .containsExactly("ff-1");
    assertThat(JsonPath.<List<String>>read(body, "$.sourceRecords[?(@.sourceRecordId == 'HH-1')].delivery.bronzeSnapshotId"))
        .containsExactly("41");
    assertThat(JsonPath.<List<String>>read(body, "$.sourceRecords[?(@.sourceRecordId == 'HH-1')].standardizeRun.runId"))
        .containsExactly("std-1");
    assertThat(JsonPath.<List<String>>read(body, "$.attributes[?(@.attribute == 'id_number')].sourceRecordId")).containsExactly("CA-9");
    assertThat(JsonPath.<List<String>>read(body, "$.attributes[?(@.attribute == 'phone')].rule")).containsExactly("MOST_RECENT");
    assertThat(JsonPath.<List<Boolean>>read(body, "$.attributes[*].linked")).containsOnly(true);
    assertThat(JsonPath.<List<String>>read(body, "$.reads[*].clientId")).contains("north-reader");
    assertThat(body).doesNotContain(merged.name(), merged.idNumber(), merged.phone(), merged.address());

    List<AuditEntry> lineageReads = audited(id, LineageService.ACTION);
    assertThat(lineageReads).hasSize(1);
    assertThat(lineageReads.get(0).event().clientId()).isEqualTo("north-auditor");
    assertThat(lineageReads.get(0).event().outcome()).isEqualTo("OK");
    assertThat(lineageReads.get(0).event().dataset()).isEqualTo("gold.person");
  }

  @Test
  void refusesANonAuditorWith403AndAuditsTheAttempt() throws Exception {
    String id = merged.masterId();
    problem(mvc.perform(get(PERSON, id).header("X-API-Key", READER_KEY)), 403, "role.auditor-required");

    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      List<AuditEntry> refused = catalog.auditLog().find(AuditQuery.latest(100).withClient("north-reader").withOutcome("DENIED"))
          .stream().filter(e -> e.event().action().equals(LineageService.ACTION)).toList();
      assertThat(refused).isNotEmpty();
      assertThat(refused.get(0).event().scope()).contains(id);
    }
  }

  @Test
  void answersAnUnknownMasterWith404() throws Exception {
    problem(mvc.perform(get(PERSON, "P-NO-SUCH-PERSON").header("X-API-Key", AUDITOR_KEY)), 404, "masterId.not-found");

    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      assertThat(catalog.auditLog().find(AuditQuery.latest(100).withClient("north-auditor")))
          .anySatisfy(e -> assertThat(e.event().scope()).isEqualTo("record:P-NO-SUCH-PERSON"));
    }
  }

  private static List<AuditEntry> audited(String masterId, String action) {
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      return catalog.auditLog().find(AuditQuery.latest(100).withRecord(masterId)).stream()
          .filter(e -> e.event().action().equals(action)).toList();
    }
  }

  private static ResultActions problem(ResultActions result, int status, String code) throws Exception {
    return result.andExpect(status().is(status)).andExpect(jsonPath("$.code").value(code));
  }
}
