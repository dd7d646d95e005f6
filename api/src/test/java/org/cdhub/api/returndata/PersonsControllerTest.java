package org.cdhub.api.returndata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdhub.api.ApiConfig;
import org.cdhub.api.audit.AuditedQuery;
import org.cdhub.api.audit.CurrentRequest;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.ApiClients;
import org.cdhub.api.security.ApiSecurity;
import org.cdhub.api.security.CurrentClient;
import org.cdhub.api.security.OutsideJurisdictionException;
import org.cdhub.api.security.UnmaskRequest;
import org.cdhub.kernel.Sex;
import org.cdhub.model.entity.PersonStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The persons endpoint over HTTP with the real security chain and error mapping; the service is mocked. */
// no UserDetailsService: clients authenticate by API key only (as in HubApiApplication)
@WebMvcTest(controllers = PersonsController.class, excludeAutoConfiguration = UserDetailsServiceAutoConfiguration.class)
@Import({ApiSecurity.class, CurrentClient.class, CurrentRequest.class, PersonsControllerTest.Clients.class})
class PersonsControllerTest {
  static final String NORTH = "640106001001";
  static final String SOUTH = "640106001002";
  static final String KEY = "north-platform-key-0001";
  static final String PATH = "/api/v1/communities/{code}/persons";

  @TestConfiguration
  static class Clients {
    @Bean
    ApiClients apiClients() {
      return ApiClients.from(new ApiConfig(
          Map.of("north-platform", new ApiConfig.Client(ApiClients.sha256Hex(KEY), List.of(NORTH), "governance")),
          null, List.of(), "demo", "demo"));
    }
  }

  @Autowired MockMvc mvc;
  @MockitoBean CommunityPersonService service;
  @MockitoBean PersonRecordService records;

  @Test
  void answersWithoutAKeyWith401ApiKeyMissing() throws Exception {
    problem(mvc.perform(get(PATH, NORTH)), 401, "apiKey.missing")
        .andExpect(header().string("WWW-Authenticate", "ApiKey header=\"X-API-Key\""));
    verifyNoInteractions(service);
  }

  @Test
  void answersAnUnknownKeyWith401ApiKeyInvalid() throws Exception {
    problem(mvc.perform(get(PATH, NORTH).header("X-API-Key", "guessed-key")), 401, "apiKey.invalid");
    verifyNoInteractions(service);
  }

  @Test
  void answersAnotherCommunityWith403() throws Exception {
    when(service.list(any(), any(), eq(SOUTH), any(RosterFilters.class), any(), anyInt(), eq(UnmaskRequest.NONE)))
        .thenThrow(new OutsideJurisdictionException("north-platform", SOUTH));

    problem(withKey(SOUTH), 403, "communityCode.outside-jurisdiction")
        .andExpect(jsonPath("$.field").value("communityCode"))
        .andExpect(jsonPath("$.rule").value("outside-jurisdiction"))
        .andExpect(jsonPath("$.detail")
            .value("Cannot read community " + SOUTH + ": it is outside the jurisdiction of client north-platform"));
  }

  @ParameterizedTest
  @CsvSource({
      "limit=0, limit.min",
      "limit=501, limit.max",
      "limit=ten, limit.type",
      "cursor=has spaces, cursor.pattern"})
  void answersABadParameterWith400NamingFieldAndRule(String query, String code) throws Exception {
    String[] kv = query.split("=", 2);
    problem(mvc.perform(get(PATH, NORTH).param(kv[0], kv[1]).header("X-API-Key", KEY)), 400, code)
        .andExpect(jsonPath("$.field").value(kv[0]));
    verifyNoInteractions(service);
  }

  @Test
  void answersACommunityCodeThatIsNotTwelveDigitsWith400() throws Exception {
    problem(withKey("6401'--"), 400, "communityCode.pattern");
    verifyNoInteractions(service);
  }

  @Test
  void answersABadCursorWith400CursorRule() throws Exception {
    when(service.list(any(), any(), eq(NORTH), any(RosterFilters.class), eq("bm9wZQ"), anyInt(), eq(UnmaskRequest.NONE)))
        .thenThrow(new InvalidCursorException(InvalidCursorException.MALFORMED, "Cannot read cursor: it was not issued by this API"));

    problem(mvc.perform(get(PATH, NORTH).param("cursor", "bm9wZQ").header("X-API-Key", KEY)), 400, "cursor.malformed")
        .andExpect(jsonPath("$.detail").value("Cannot read cursor: it was not issued by this API"));
  }

  @Test
  void answersAMissingTableWith503() throws Exception {
    when(service.list(any(), any(), any(), any(RosterFilters.class), any(), anyInt(), eq(UnmaskRequest.NONE)))
        .thenThrow(new DatasetUnavailableException("gold.person", "Table gold.person does not exist yet"));

    problem(withKey(NORTH), 503, "dataset.unavailable");
  }

  @Test
  void answersAnUnexpectedFailureWith500WithoutItsMessage() throws Exception {
    when(service.list(any(), any(), any(), any(RosterFilters.class), any(), anyInt(), eq(UnmaskRequest.NONE)))
        .thenThrow(new IllegalStateException("connection to jdbc:sqlite:/secret/path failed"));

    String body = problem(withKey(NORTH), 500, "server.internal-error").andReturn().getResponse().getContentAsString();

    assertThat(body).doesNotContain("secret", "sqlite");
  }

  @Test
  void answersAnUnknownPathWith404() throws Exception {
    problem(mvc.perform(get("/api/v1/nowhere").header("X-API-Key", KEY)), 404, "path.not-found");
  }

  @Test
  void returnsThePageForTheAuthenticatedClientWithTheDefaultLimit() throws Exception {
    MaskedPerson person = new MaskedPerson("P-1", "张*丰", "**************1234", Sex.MALE, 1954, "70-79",
        "139****5678", "金凤区长城中路街道丽景社区丽景湾小区*号楼*单元*室", "H-1", "640106", NORTH, NORTH + "01",
        List.of("ELDERLY_ALONE"), null, Instant.parse("2026-11-01T08:00:00Z"));
    when(service.list(any(), any(), eq(NORTH), any(RosterFilters.class), isNull(), eq(50), eq(UnmaskRequest.NONE)))
        .thenReturn(new CommunityPage<>(NORTH, List.of(person), 50, 5853920176548710134L, "bmV4dA"));

    withKey(NORTH)
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.communityCode").value(NORTH))
        .andExpect(jsonPath("$.masked").value(true))
        .andExpect(jsonPath("$.items[0].masterId").value("P-1"))
        .andExpect(jsonPath("$.items[0].name").value("张*丰"))
        .andExpect(jsonPath("$.items[0].idNumber").value("**************1234"))
        .andExpect(jsonPath("$.items[0].sex").value("MALE"))
        .andExpect(jsonPath("$.items[0].birthYear").value(1954))
        .andExpect(jsonPath("$.items[0].ageBand").value("70-79"))
        .andExpect(jsonPath("$.items[0].phone").value("139****5678"))
        .andExpect(jsonPath("$.items[0].tags[0]").value("ELDERLY_ALONE"))
        .andExpect(jsonPath("$.items[0].status").doesNotExist())
        .andExpect(jsonPath("$.items[0].updatedAt").value("2026-11-01T08:00:00Z"))
        .andExpect(jsonPath("$.page.limit").value(50))
        .andExpect(jsonPath("$.page.hasMore").value(true))
        .andExpect(jsonPath("$.page.nextCursor").value("bmV4dA"))
        // a string: 64-bit ids lose digits as JSON numbers in JavaScript clients
        .andExpect(jsonPath("$.page.snapshotId").value("5853920176548710134"));
    ArgumentCaptor<ApiClient> caller = ArgumentCaptor.forClass(ApiClient.class);
    ArgumentCaptor<AuditedQuery> query = ArgumentCaptor.forClass(AuditedQuery.class);
    verify(service).list(caller.capture(), query.capture(), eq(NORTH), any(RosterFilters.class), isNull(), eq(50), eq(UnmaskRequest.NONE));
    assertThat(caller.getValue().id()).isEqualTo("north-platform");
    assertThat(query.getValue().text()).isEqualTo("GET /api/v1/communities/" + NORTH + "/persons");
  }

  @Test
  void passesTheServiceTheRequestForTheAuditWithPersonalValuesMasked() throws Exception {
    when(service.list(any(), any(), eq(NORTH), any(RosterFilters.class), any(), anyInt(), eq(UnmaskRequest.NONE))).thenReturn(new CommunityPage<>(NORTH, List.of(), 10, 7L, null));

    // parameters the endpoint ignores still reach the audit, but never their values
    mvc.perform(get(PATH + "?limit=10&idNumber=11010519491231002X&note=13812345678", NORTH).header("X-API-Key", KEY))
        .andExpect(status().isOk());

    ArgumentCaptor<AuditedQuery> query = ArgumentCaptor.forClass(AuditedQuery.class);
    verify(service).list(any(), query.capture(), eq(NORTH), any(RosterFilters.class), isNull(), eq(10), eq(UnmaskRequest.NONE));
    assertThat(query.getValue().text())
        .isEqualTo("GET /api/v1/communities/" + NORTH + "/persons?limit=10&idNumber=***&note=***");
  }

  @Test
  void leavesNextCursorOutOnTheLastPage() throws Exception {
    when(service.list(any(), any(), eq(NORTH), any(RosterFilters.class), isNull(), eq(10), eq(UnmaskRequest.NONE))).thenReturn(new CommunityPage<>(NORTH, List.of(), 10, 7L, null));

    mvc.perform(get(PATH, NORTH).param("limit", "10").header("X-API-Key", KEY))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.page.hasMore").value(false))
        .andExpect(jsonPath("$.page.nextCursor").doesNotExist())
        .andExpect(jsonPath("$.items").isEmpty());
  }

  @Test
  void servesOnePersonWithItsEdgesAndProvenanceOnlyWhenTheServiceGrantsIt() throws Exception {
    MaskedPerson person = new MaskedPerson("P-1", "张*", "**************123X", Sex.FEMALE, 1950, "70-79", "139****0000",
        "金凤区****", "L-H1", "640106", NORTH, NORTH + "01", List.of("ELDERLY_ALONE"),
        PersonStatus.DECEASED, Instant.parse("2026-12-01T08:00:00Z"));
    org.cdhub.model.entity.Relationship livesIn = new org.cdhub.model.entity.Relationship(
        org.cdhub.model.entity.RelationshipType.LIVES_IN, "P-1", "L-H1", "hr_household", "R1", null, Instant.EPOCH);
    org.cdhub.model.entity.Relationship involves = new org.cdhub.model.entity.Relationship(
        org.cdhub.model.entity.RelationshipType.INVOLVES, "E-9", "P-1", "grid_incident", "G1", null, Instant.EPOCH);
    when(records.find(any(), any(), eq(NORTH), eq("P-1"), eq(UnmaskRequest.NONE))).thenReturn(
        new PersonRecordService.PersonView(person, List.of(livesIn, involves), false, List.of(), Map.of(), List.of()));

    mvc.perform(get(PATH + "/{id}", NORTH, "P-1").header("X-API-Key", KEY))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.person.idNumber").value("**************123X"))
        .andExpect(jsonPath("$.person.status").value("DECEASED"))
        .andExpect(jsonPath("$.masked").value(true))
        .andExpect(jsonPath("$.relationships[0].type").value("LIVES_IN"))
        .andExpect(jsonPath("$.relationships[0].direction").value("OUT"))
        .andExpect(jsonPath("$.relationships[0].otherId").value("L-H1"))
        .andExpect(jsonPath("$.relationships[1].direction").value("IN"))
        .andExpect(jsonPath("$.relationships[1].otherId").value("E-9"))
        .andExpect(jsonPath("$.sourceRecords").doesNotExist())
        .andExpect(jsonPath("$.provenance").doesNotExist());
  }

  @Test
  void answersAnUnknownPersonWith404AndAMalformedIdWith400() throws Exception {
    when(records.find(any(), any(), eq(NORTH), eq("P-404"), eq(UnmaskRequest.NONE))).thenThrow(new PersonNotFoundException(NORTH, "P-404"));

    problem(mvc.perform(get(PATH + "/{id}", NORTH, "P-404").header("X-API-Key", KEY)), 404, "masterId.not-found");
    problem(mvc.perform(get(PATH + "/{id}", NORTH, "P-1' OR '1'='1").header("X-API-Key", KEY)), 400, "masterId.pattern");
  }

  private ResultActions withKey(String community) throws Exception {
    return mvc.perform(get(PATH, community).header("X-API-Key", KEY));
  }

  private static ResultActions problem(ResultActions result, int status, String code) throws Exception {
    return result
        .andExpect(status().is(status))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(status))
        .andExpect(jsonPath("$.code").value(code))
        .andExpect(jsonPath("$.type").value("urn:cdhub:problem:" + code))
        .andExpect(jsonPath("$.title").isNotEmpty());
  }
}
