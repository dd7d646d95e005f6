package org.cdhub.api.returndata;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.cdhub.api.ApiConfig;
import org.cdhub.api.security.ApiClients;
import org.cdhub.api.security.ApiSecurity;
import org.cdhub.api.audit.CurrentRequest;
import org.cdhub.api.security.CurrentClient;
import org.cdhub.api.security.UnmaskRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Key expiry and per-client rate limits over HTTP, with the real security chain; the service is mocked. */
@WebMvcTest(controllers = PersonsController.class, excludeAutoConfiguration = UserDetailsServiceAutoConfiguration.class)
@Import({ApiSecurity.class, CurrentClient.class, CurrentRequest.class, ClientKeyLimitsTest.Clients.class})
class ClientKeyLimitsTest {
  static final String NORTH = "640106001001";
  static final String PATH = "/api/v1/communities/{code}/persons";
  static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
  static final String EXPIRED_KEY = "expired-platform-key-01";
  static final String EXPIRING_KEY = "expiring-platform-key-1";
  static final String SLOW_KEY = "slow-platform-key-00001";

  @TestConfiguration
  static class Clients {
    @Bean
    ApiClients apiClients() {
      return ApiClients.from(new ApiConfig(Map.of(
              "expired", new ApiConfig.Client(ApiClients.sha256Hex(EXPIRED_KEY), List.of(NORTH), "care", NOW, 50),
              "expiring", new ApiConfig.Client(ApiClients.sha256Hex(EXPIRING_KEY), List.of(NORTH), "care", NOW.plusSeconds(1), 50),
              // a limit of 3 a second: the test's requests all fall in one second's allowance
              "slow", new ApiConfig.Client(ApiClients.sha256Hex(SLOW_KEY), List.of(NORTH), "care", null, 3)),
          null, List.of(), "demo", "demo"), Clock.fixed(NOW, ZoneOffset.UTC));
    }
  }

  @Autowired MockMvc mvc;
  @MockitoBean CommunityPersonService service;
  @MockitoBean PersonRecordService records;

  @Test
  void refusesAKeyAtItsExpiryWith401ApiKeyExpired() throws Exception {
    mvc.perform(get(PATH, NORTH).header("X-API-Key", EXPIRED_KEY))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("apiKey.expired"))
        .andExpect(jsonPath("$.field").value("apiKey"));
    verifyNoInteractions(service);
  }

  @Test
  void acceptsAKeyBeforeItsExpiry() throws Exception {
    when(service.list(any(), any(), eq(NORTH), any(RosterFilters.class), isNull(), eq(50), eq(UnmaskRequest.NONE))).thenReturn(new CommunityPage<>(NORTH, List.of(), 50, 7L, null));

    mvc.perform(get(PATH, NORTH).header("X-API-Key", EXPIRING_KEY)).andExpect(status().isOk());
  }

  @Test
  void refusesRequestsBeyondTheClientsRateWith429AndRetryAfter() throws Exception {
    when(service.list(any(), any(), eq(NORTH), any(RosterFilters.class), isNull(), eq(50), eq(UnmaskRequest.NONE))).thenReturn(new CommunityPage<>(NORTH, List.of(), 50, 7L, null));

    for (int i = 0; i < 3; i++) {
      mvc.perform(get(PATH, NORTH).header("X-API-Key", SLOW_KEY)).andExpect(status().isOk());
    }
    mvc.perform(get(PATH, NORTH).header("X-API-Key", SLOW_KEY))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(jsonPath("$.code").value("request.rate-limited"))
        .andExpect(jsonPath("$.detail").value("The client may make 3 requests per second; retry after a second"));
    // the refused request never reached the service (so read nothing and needed no audit)
    verify(service, times(3)).list(any(), any(), eq(NORTH), any(RosterFilters.class), isNull(), eq(50), eq(UnmaskRequest.NONE));
  }

  @Test
  void oneClientsLimitDoesNotThrottleAnother() throws Exception {
    when(service.list(any(), any(), eq(NORTH), any(RosterFilters.class), isNull(), eq(50), eq(UnmaskRequest.NONE))).thenReturn(new CommunityPage<>(NORTH, List.of(), 50, 7L, null));

    for (int i = 0; i < 4; i++) {
      mvc.perform(get(PATH, NORTH).header("X-API-Key", SLOW_KEY));
    }
    mvc.perform(get(PATH, NORTH).header("X-API-Key", EXPIRING_KEY)).andExpect(status().isOk());
  }
}
