package org.cdhub.api.returndata;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdhub.api.ApiConfig;
import org.cdhub.api.security.ApiClients;
import org.cdhub.api.security.ApiSecurity;
import org.cdhub.api.security.CurrentClient;
import org.cdhub.kernel.Sex;
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
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The change feed endpoint over HTTP with the real security chain and error mapping; the feed is mocked. */
@WebMvcTest(controllers = ChangesController.class, excludeAutoConfiguration = UserDetailsServiceAutoConfiguration.class)
@Import({ApiSecurity.class, CurrentClient.class, org.cdhub.api.audit.CurrentRequest.class, ChangesControllerTest.Clients.class})
class ChangesControllerTest {
  static final String NORTH = "640106001001";
  static final String KEY = "north-platform-key-0001";
  static final String PATH = "/api/v1/communities/{code}/changes";

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
  @MockitoBean ChangeFeed feed;

  @Test
  void mapsEachChangeTypeWithSnapshotIdsAsStrings() throws Exception {
    MaskedPerson person = new MaskedPerson("P-2", "张*丰", "**************1234", Sex.MALE, 1954, "70-79",
        "139****5678", null, "H-1", "640106", NORTH, NORTH + "01", List.of(), null, Instant.parse("2026-12-05T08:00:00Z"));
    long to = 5853920176548710134L;
    when(feed.read(any(), any(), eq(NORTH), eq("c2luY2U"), eq(100))).thenReturn(new ChangeFeedPage(NORTH, List.of(
        new MaskedChange(ChangeType.UPDATE, "P-2", null, person, to),
        new MaskedChange(ChangeType.MERGE, "P-5", "P-4", null, to),
        new MaskedChange(ChangeType.DELETE, "P-6", null, null, to)), 100, 7L, to, "bmV4dA", false));

    mvc.perform(get(PATH, NORTH).param("since", "c2luY2U").header("X-API-Key", KEY))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.communityCode").value(NORTH))
        .andExpect(jsonPath("$.masked").value(true))
        .andExpect(jsonPath("$.changes[0].type").value("UPDATE"))
        .andExpect(jsonPath("$.changes[0].person.idNumber").value("**************1234"))
        .andExpect(jsonPath("$.changes[0].snapshotId").value("5853920176548710134"))
        .andExpect(jsonPath("$.changes[1].type").value("MERGE"))
        .andExpect(jsonPath("$.changes[1].survivorId").value("P-4"))
        .andExpect(jsonPath("$.changes[1].person").doesNotExist())
        .andExpect(jsonPath("$.changes[2].type").value("DELETE"))
        .andExpect(jsonPath("$.page.limit").value(100))
        .andExpect(jsonPath("$.page.hasMore").value(false))
        .andExpect(jsonPath("$.page.nextCursor").value("bmV4dA"))
        .andExpect(jsonPath("$.page.fromSnapshotId").value("7"))
        .andExpect(jsonPath("$.page.toSnapshotId").value("5853920176548710134"));
  }

  @Test
  void asksForAStartingCursorWithoutSince() throws Exception {
    when(feed.read(any(), any(), eq(NORTH), isNull(), eq(100)))
        .thenReturn(new ChangeFeedPage(NORTH, List.of(), 100, 7L, null, "c3RhcnQ", false));

    mvc.perform(get(PATH, NORTH).header("X-API-Key", KEY))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.changes").isEmpty())
        .andExpect(jsonPath("$.page.nextCursor").value("c3RhcnQ"))
        .andExpect(jsonPath("$.page.toSnapshotId").doesNotExist());
  }

  @ParameterizedTest
  @CsvSource({
      "malformed, since.malformed",
      "other-community, since.other-community",
      "expired, since.expired"})
  void answersAnUnusableCursorWith400NamingSince(String rule, String code) throws Exception {
    when(feed.read(any(), any(), eq(NORTH), eq("c2luY2U"), anyInt()))
        .thenThrow(new InvalidCursorException(InvalidCursorException.SINCE, rule, "Cannot use change cursor", null));

    problem(mvc.perform(get(PATH, NORTH).param("since", "c2luY2U").header("X-API-Key", KEY)), 400, code)
        .andExpect(jsonPath("$.field").value("since"));
  }

  @ParameterizedTest
  @CsvSource({"limit=0, limit.min", "limit=1001, limit.max", "since=../etc, since.pattern"})
  void answersABadParameterWith400BeforeTheFeed(String query, String code) throws Exception {
    String[] kv = query.split("=", 2);
    problem(mvc.perform(get(PATH, NORTH).param(kv[0], kv[1]).header("X-API-Key", KEY)), 400, code);
    verifyNoInteractions(feed);
  }

  @Test
  void answersWithoutAKeyWith401() throws Exception {
    problem(mvc.perform(get(PATH, NORTH)), 401, "apiKey.missing");
    verifyNoInteractions(feed);
  }

  private static ResultActions problem(ResultActions result, int status, String code) throws Exception {
    return result
        .andExpect(status().is(status))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value(code));
  }
}
