package org.cdhub.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.cdhub.api.ApiConfig;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.CredentialsExpiredException;

class ApiClientsTest {
  static final String NORTH = "640106001001";
  static final String SOUTH = "640106001002";

  @Test
  void hashesKeysAsLowerCaseHexSha256() {
    // SHA-256("abc") from FIPS 180-2
    assertThat(ApiClients.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void findsTheClientByItsKeyAndNothingByAnotherKey() {
    ApiClients clients = ApiClients.from(config(Map.of(
        "north", new ApiConfig.Client(ApiClients.sha256Hex("north-secret-key-1"), List.of(NORTH), "care"))));

    assertThat(clients.authenticate("north-secret-key-1")).hasValueSatisfying(c -> {
      assertThat(c.id()).isEqualTo("north");
      assertThat(c.purpose()).isEqualTo("care");
      assertThat(c.mayRead(NORTH)).isTrue();
      assertThat(c.mayRead(SOUTH)).isFalse();
    });
    assertThat(clients.authenticate("north-secret-key-2")).isEmpty();
    assertThat(clients.authenticate("")).isEmpty();
    assertThat(clients.authenticate(null)).isEmpty();
  }

  @Test
  void registersTheDemoClientFromItsPlainKey() {
    ApiClients clients = ApiClients.from(new ApiConfig(Map.of(), "demo-0123456789abcdef", List.of(SOUTH), "demo", "demo"));

    assertThat(clients.size()).isEqualTo(1);
    assertThat(clients.authenticate("demo-0123456789abcdef")).hasValueSatisfying(c -> {
      assertThat(c.id()).isEqualTo("demo");
      assertThat(c.jurisdiction().codes()).containsExactly(SOUTH);
    });
  }

  @Test
  void refusesTwoClientsWithTheSameKey() {
    String hash = ApiClients.sha256Hex("shared-key-0123456");
    ApiConfig config = config(Map.of(
        "north", new ApiConfig.Client(hash, List.of(NORTH), "p"),
        "south", new ApiConfig.Client(hash, List.of(SOUTH), "p")));

    assertThatThrownBy(() -> ApiClients.from(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same key")
        .hasMessageContaining("north").hasMessageContaining("south");
  }

  @Test
  void refusesAnExpiredKeyAndNamesTheClientButNotTheKey() {
    Instant expiry = Instant.parse("2026-12-06T00:00:00Z");
    ApiConfig config = config(Map.of(
        "north", new ApiConfig.Client(ApiClients.sha256Hex("north-secret-key-1"), List.of(NORTH), "care", expiry, 50)));

    assertThat(ApiClients.from(config, Clock.fixed(expiry.minusMillis(1), ZoneOffset.UTC)).authenticate("north-secret-key-1"))
        .isPresent();
    for (Instant at : List.of(expiry, expiry.plusSeconds(86_400))) {
      assertThatThrownBy(() -> ApiClients.from(config, Clock.fixed(at, ZoneOffset.UTC)).authenticate("north-secret-key-1"))
          .isInstanceOf(CredentialsExpiredException.class)
          .hasMessageContaining("north").hasMessageContaining(expiry.toString())
          .hasMessageNotContaining("north-secret-key-1");
    }
  }

  @Test
  void givesEachClientItsConfiguredRateAndTheDemoClientItsOwn() {
    ApiClients clients = ApiClients.from(new ApiConfig(Map.of(
        "north", new ApiConfig.Client(ApiClients.sha256Hex("north-secret-key-1"), List.of(NORTH), "care", null, 7),
        "south", new ApiConfig.Client(ApiClients.sha256Hex("south-secret-key-1"), List.of(SOUTH), "care")),
        "demo-0123456789abcdef", List.of(SOUTH), "demo", "demo", 300));

    ClientRequestRates rates = clients.requestRates();
    assertThat(rates.limitOf("north")).isEqualTo(7);
    assertThat(rates.limitOf("south")).isEqualTo(Integer.parseInt(ApiConfig.DEFAULT_REQUESTS_PER_SECOND));
    assertThat(rates.limitOf("demo")).isEqualTo(300);
  }

  @Test
  void allowsExactlyTheLimitWithinOneSecond() {
    ClientRequestRates rates = ClientRequestRates.of(Map.of("north", 5));
    ApiClient north = new ApiClient("north", "care", java.util.Set.of(NORTH));

    int granted = 0;
    for (int i = 0; i < 20; i++) {
      granted += rates.tryAcquire(north) ? 1 : 0;
    }
    // 20 tries take far less than a second, but a refresh may fall between them: at most two periods' worth
    assertThat(granted).isBetween(5, 10);
    assertThatThrownBy(() -> ClientRequestRates.of(Map.of("north", 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("north").hasMessageContaining("at least 1");
  }

  private static ApiConfig config(Map<String, ApiConfig.Client> clients) {
    return new ApiConfig(clients, null, List.of(), "demo", "demo");
  }
}
