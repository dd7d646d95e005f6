package org.cdhub.api.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.cdhub.api.ApiConfig;
import org.cdhub.api.audit.CurrentRequest;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.returndata.CommunityAccess;
import org.cdhub.api.returndata.GoldPersonFixture;
import org.cdhub.api.returndata.IcebergGoldPersonRecords;
import org.cdhub.api.returndata.PersonMasking;
import org.cdhub.api.returndata.TestPersons;
import org.cdhub.api.security.ApiClients;
import org.cdhub.api.security.ApiSecurity;
import org.cdhub.api.security.CurrentClient;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.model.entity.MasterPerson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.util.FileSystemUtils;

/**
 * The corrections endpoints over HTTP with the real security chain, error mapping and service,
 * over a real lakehouse and catalog database: hostile and broken bodies get a clean 400 naming
 * field and rule, and no answer carries an ID number or the phone sent.
 */
@WebMvcTest(controllers = CorrectionsController.class, excludeAutoConfiguration = UserDetailsServiceAutoConfiguration.class)
@Import({ApiSecurity.class, CurrentClient.class, CurrentRequest.class, CorrectionsControllerTest.Wiring.class})
class CorrectionsControllerTest {
  static final String NORTH = "640106001001";
  static final String WORKER_KEY = "north-worker-key-0001";
  static final String READER_KEY = "north-reader-key-0001";
  static final String PATH = "/api/v1/communities/{code}/corrections";
  static final List<MasterPerson> PERSONS = TestPersons.of(NORTH, 1, 3, 21);

  /** A lakehouse with three persons and a catalog database, in a directory removed with the context. */
  record Stores(Path dir, GoldPersonFixture lakehouse, CatalogDatabase catalog) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      catalog.close();
      lakehouse.close();
      FileSystemUtils.deleteRecursively(dir);
    }
  }

  @TestConfiguration
  static class Wiring {
    @Bean
    ApiClients apiClients() {
      return ApiClients.from(new ApiConfig(Map.of(
          "north-worker", new ApiConfig.Client(ApiClients.sha256Hex(WORKER_KEY), List.of(NORTH), "governance", null, 50,
              List.of("corrections")),
          "north-reader", new ApiConfig.Client(ApiClients.sha256Hex(READER_KEY), List.of(NORTH), "governance")),
          null, List.of(), "demo", "demo"));
    }

    @Bean(destroyMethod = "close")
    Stores stores() throws IOException {
      Path dir = Files.createTempDirectory("corrections-mvc");
      GoldPersonFixture lakehouse = GoldPersonFixture.create(dir);
      lakehouse.append(PERSONS);
      return new Stores(dir, lakehouse, CatalogDatabase.open(CatalogConfig.embedded(dir)));
    }

    @Bean
    CorrectionService correctionService(Stores stores) {
      Clock clock = Clock.systemUTC();
      PersonalDataAudit audit = new PersonalDataAudit(stores.catalog().auditLog(), clock);
      IcebergGoldPersonRecords persons = new IcebergGoldPersonRecords(stores.lakehouse().catalog());
      return new CorrectionService(stores.catalog().corrections(), persons,
          new LakehouseCorrectionProgress(stores.lakehouse().catalog(), persons),
          CommunityAccess.withoutGrants(new PersonMasking(clock), audit), audit, clock);
    }
  }

  @Autowired MockMvc mvc;
  @Autowired Stores stores;

  @Test
  void storesACorrectionAndAnswers201WithItsLocationAndNoIdNumber() throws Exception {
    MasterPerson person = PERSONS.get(0);
    String body = send(WORKER_KEY, "{\"masterId\":\"" + person.masterId() + "\",\"kind\":\"PHONE\",\"value\":\"13800002222\","
        + "\"effectiveDate\":\"2026-12-01\"}")
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", org.hamcrest.Matchers.matchesPattern(
            "/api/v1/communities/" + NORTH + "/corrections/[0-9]+")))
        .andExpect(jsonPath("$.status").value("RECEIVED"))
        .andExpect(jsonPath("$.kind").value("PHONE"))
        .andExpect(jsonPath("$.masterId").value(person.masterId()))
        .andExpect(jsonPath("$.value").value("138****2222"))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

    assertThat(body).doesNotContain(person.idNumber()).doesNotContain("13800002222").doesNotContain("idNumber");
    String listed = mvc.perform(get(PATH, NORTH).header("X-API-Key", WORKER_KEY)).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(listed).contains(person.masterId()).doesNotContain(person.idNumber()).doesNotContain("13800002222");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "bad phone | {\"masterId\":\"P-X\",\"kind\":\"PHONE\",\"value\":\"12345\",\"effectiveDate\":\"2026-12-01\"} | value.phone",
      "value for a status | {\"masterId\":\"P-X\",\"kind\":\"DECEASED\",\"value\":\"x\",\"effectiveDate\":\"2026-12-01\"} | value.not-allowed",
      "no value | {\"masterId\":\"P-X\",\"kind\":\"ADDRESS\",\"effectiveDate\":\"2026-12-01\"} | value.required",
      "SQL as address | {\"masterId\":\"P-X\",\"kind\":\"ADDRESS\",\"value\":\"x'); DROP TABLE community_correction;--\",\"effectiveDate\":\"2026-12-01\"} | value.address",
      "future date | {\"masterId\":\"P-X\",\"kind\":\"MOVED_OUT\",\"effectiveDate\":\"2999-01-01\"} | effectiveDate.future",
      "control characters | {\"masterId\":\"P-X\",\"kind\":\"MOVED_OUT\",\"effectiveDate\":\"2026-12-01\",\"note\":\"a\\u0000b\"} | note.control-characters"})
  void answersABrokenCorrectionRuleWith400NamingFieldAndRule(String what, String json, String code) throws Exception {
    String body = json.replace("P-X", PERSONS.get(1).masterId());
    problem(send(WORKER_KEY, body), 400, code);
    assertThat(stores.catalog().corrections().findBySender("north-worker", NORTH, 0, 100))
        .noneMatch(c -> c.masterId().equals(PERSONS.get(1).masterId()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "SQL in master id | {\"masterId\":\"P-1' OR '1'='1\",\"kind\":\"DECEASED\",\"effectiveDate\":\"2026-12-01\"} | masterId.pattern",
      "no master id | {\"kind\":\"DECEASED\",\"effectiveDate\":\"2026-12-01\"} | masterId.not-null",
      "no date | {\"masterId\":\"P-X\",\"kind\":\"DECEASED\"} | effectiveDate.not-null",
      "unknown kind | {\"masterId\":\"P-X\",\"kind\":\"EMIGRATED\",\"effectiveDate\":\"2026-12-01\"} | kind.type",
      "bad date | {\"masterId\":\"P-X\",\"kind\":\"DECEASED\",\"effectiveDate\":\"01/12/2026\"} | effectiveDate.type",
      "not JSON | {\"masterId\": | body.malformed"})
  void answersABodyBreakingTheContractWith400(String what, String json, String code) throws Exception {
    problem(send(WORKER_KEY, json.replace("P-X", PERSONS.get(1).masterId())), 400, code);
  }

  @Test
  void answersAnOversizeNoteWith400WithoutEchoingIt() throws Exception {
    String note = "长".repeat(501);
    String body = problem(send(WORKER_KEY, "{\"masterId\":\"" + PERSONS.get(1).masterId()
        + "\",\"kind\":\"DECEASED\",\"effectiveDate\":\"2026-12-01\",\"note\":\"" + note + "\"}"), 400, "note.size")
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(body).doesNotContain("长长长");
  }

  @Test
  void answersAClientWithoutTheRoleWith403AndAuditsIt() throws Exception {
    problem(send(READER_KEY, "{\"masterId\":\"" + PERSONS.get(2).masterId()
        + "\",\"kind\":\"DECEASED\",\"effectiveDate\":\"2026-12-01\"}"), 403, "role.required");
    AccessEvent refused = stores.catalog().auditLog().recent(1).get(0);
    assertThat(refused.clientId()).isEqualTo("north-reader");
    assertThat(refused.outcome()).isEqualTo(PersonalDataAudit.DENIED);
  }

  @Test
  void answersAnotherCommunityWith403AndAnUnknownMasterWith404() throws Exception {
    problem(mvc.perform(post(PATH, "640106001002").header("X-API-Key", WORKER_KEY).contentType(MediaType.APPLICATION_JSON)
        .content("{\"masterId\":\"" + PERSONS.get(2).masterId() + "\",\"kind\":\"DECEASED\",\"effectiveDate\":\"2026-12-01\"}")),
        403, "communityCode.outside-jurisdiction");
    problem(send(WORKER_KEY, "{\"masterId\":\"P-NOBODY\",\"kind\":\"DECEASED\",\"effectiveDate\":\"2026-12-01\"}"), 404,
        "masterId.not-found");
    problem(mvc.perform(get(PATH + "/{id}", NORTH, 999_999).header("X-API-Key", WORKER_KEY)), 404, "correctionId.not-found");
    problem(mvc.perform(get(PATH + "/{id}", NORTH, "1 OR 1=1").header("X-API-Key", WORKER_KEY)), 400, "correctionId.type");
    problem(mvc.perform(get(PATH, NORTH).param("cursor", "../../etc/passwd").header("X-API-Key", WORKER_KEY)), 400,
        "cursor.pattern");
    problem(mvc.perform(get(PATH, NORTH).param("limit", "100000").header("X-API-Key", WORKER_KEY)), 400, "limit.max");
  }

  private ResultActions send(String key, String json) throws Exception {
    return mvc.perform(post(PATH, NORTH).header("X-API-Key", key).contentType(MediaType.APPLICATION_JSON)
        .characterEncoding(StandardCharsets.UTF_8).content(json));
  }

  private static ResultActions problem(ResultActions result, int status, String code) throws Exception {
    return result.andExpect(status().is(status))
        .andExpect(jsonPath("$.code").value(code))
        .andExpect(jsonPath("$.type").value("urn:cdhub:problem:" + code));
  }
}
