package org.cdhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cdhub.api.security.ApiClients;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Defaults, the full key-to-property mapping, and the startup failures of {@link ApiConfig}. */
class ApiConfigTest {
  static final String NORTH_HASH = ApiClients.sha256Hex("north-platform-key");

  @Configuration
  @EnableConfigurationProperties(ApiConfig.class)
  static class Bound {}

  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(Bound.class);

  @Test
  void defaultsToNoClientsAndNoDemoClient() {
    runner.run(context -> {
      ApiConfig config = context.getBean(ApiConfig.class);
      assertThat(config.clients()).isEmpty();
      assertThat(config.demoKey()).isNull();
      assertThat(config.hasDemoClient()).isFalse();
      assertThat(config.demoCommunities()).isEmpty();
      assertThat(config.demoClientId()).isEqualTo("demo");
      assertThat(config.demoPurpose()).isEqualTo("demo");
    });
  }

  @Test
  void mapsEveryKey() {
    runner.withPropertyValues(
        "hub.api.clients.north-platform.key-sha256=" + NORTH_HASH,
        "hub.api.clients.north-platform.communities=640106001001,640106001003",
        "hub.api.clients.north-platform.purpose=elderly-care",
        "hub.api.clients.north-platform.expires-at=2027-06-30T16:00:00Z",
        "hub.api.clients.north-platform.requests-per-second=20",
        "hub.api.demo-requests-per-second=400",
        "hub.api.clients.south-platform.key-sha256=" + ApiClients.sha256Hex("south-platform-key"),
        "hub.api.clients.south-platform.communities[0]=640106001002",
        "hub.api.demo-key=demo-key-0123456789",
        "hub.api.demo-communities=640106001004",
        "hub.api.demo-client-id=walkthrough",
        "hub.api.demo-purpose=training").run(context -> {
          ApiConfig config = context.getBean(ApiConfig.class);
          assertThat(config.clients()).containsOnlyKeys("north-platform", "south-platform");
          ApiConfig.Client north = config.clients().get("north-platform");
          assertThat(north.keySha256()).isEqualTo(NORTH_HASH);
          assertThat(north.communities()).containsExactly("640106001001", "640106001003");
          assertThat(north.jurisdiction()).isEmpty();
          assertThat(north.purpose()).isEqualTo("elderly-care");
          assertThat(north.expiresAt()).isEqualTo(java.time.Instant.parse("2027-06-30T16:00:00Z"));
          assertThat(north.requestsPerSecond()).isEqualTo(20);
          assertThat(config.clients().get("south-platform").expiresAt()).isNull();
          assertThat(config.clients().get("south-platform").requestsPerSecond())
              .isEqualTo(Integer.parseInt(ApiConfig.DEFAULT_REQUESTS_PER_SECOND));
          assertThat(config.demoRequestsPerSecond()).isEqualTo(400);
          assertThat(config.clients().get("south-platform").purpose()).isEqualTo(ApiConfig.DEFAULT_PURPOSE);
          assertThat(config.clients().get("south-platform").communities()).containsExactly("640106001002");
          assertThat(config.demoKey()).isEqualTo("demo-key-0123456789");
          assertThat(config.demoCommunities()).containsExactly("640106001004");
          assertThat(config.demoClientId()).isEqualTo("walkthrough");
          assertThat(config.demoPurpose()).isEqualTo("training");
        });
  }

  @Test
  void neverPrintsTheDemoKey() {
    ApiConfig config = new ApiConfig(java.util.Map.of(), "demo-key-0123456789", List.of("640106001001"), "demo", "demo");

    assertThat(config.toString()).doesNotContain("demo-key-0123456789").contains("demoKey=***");
  }

  @Test
  void failsOnAnUnknownKey() {
    runner.withPropertyValues("hub.api.demo-kee=x").run(context ->
        assertThat(context).getFailure().rootCause().hasMessageContaining("hub.api.demo-kee"));
  }

  @Test
  void failsOnAKeyHashThatIsNoSha256() {
    runner.withPropertyValues(
        "hub.api.clients.north.key-sha256=plain-text-key",
        "hub.api.clients.north.communities=640106001001").run(context ->
        assertThat(context).getFailure().hasStackTraceContaining("clients[north].keySha256")
            .hasStackTraceContaining("64 lower-case hex digits"));
  }

  @Test
  void failsOnAClientWithoutJurisdictionOrCommunities() {
    runner.withPropertyValues("hub.api.clients.north.key-sha256=" + NORTH_HASH).run(context ->
        assertThat(context).getFailure().hasStackTraceContaining(
            "Invalid hub.api.clients.north: jurisdiction (or communities) must name at least one code"));
  }

  @Test
  void bindsJurisdictionCodesOfEveryLevelJoinedWithCommunities() {
    runner.withPropertyValues("hub.api.clients.north.key-sha256=" + NORTH_HASH,
        "hub.api.clients.north.jurisdiction=640106,640106002,640106003001005",
        "hub.api.clients.north.communities=650102001001").run(context -> {
          ApiConfig.Client north = context.getBean(ApiConfig.class).clients().get("north");
          assertThat(north.jurisdiction()).containsExactly("640106", "640106002", "640106003001005");
          assertThat(north.jurisdictionCodes())
              .containsExactlyInAnyOrder("640106", "640106002", "640106003001005", "650102001001");
          assertThat(ApiClients.from(context.getBean(ApiConfig.class)).authenticate("north-platform-key").orElseThrow()
              .jurisdiction().codes()).isEqualTo(north.jurisdictionCodes());
        });
  }

  @Test
  void failsOnAJurisdictionCodeOfNoLevel() {
    runner.withPropertyValues("hub.api.clients.north.key-sha256=" + NORTH_HASH,
        "hub.api.clients.north.jurisdiction=6401061").run(context ->
        assertThat(context).getFailure().hasStackTraceContaining("clients[north].jurisdiction")
            .hasStackTraceContaining("must be a district (6 digits), street (9), community (12) or grid (15) code"));
  }

  @Test
  void failsOnARateLimitBelowOneAndOnAnExpiryThatIsNoInstant() {
    runner.withPropertyValues("hub.api.clients.north.key-sha256=" + NORTH_HASH, "hub.api.clients.north.communities=640106001001",
        "hub.api.clients.north.requests-per-second=0").run(context ->
        assertThat(context).getFailure().hasStackTraceContaining("clients[north].requestsPerSecond"));
    runner.withPropertyValues("hub.api.clients.north.key-sha256=" + NORTH_HASH, "hub.api.clients.north.communities=640106001001",
        "hub.api.clients.north.expires-at=next tuesday").run(context ->
        assertThat(context).getFailure().hasStackTraceContaining("hub.api.clients.north.expires-at"));
  }

  @Test
  void bindsRolesAndRefusesAnUnknownRole() {
    runner.withPropertyValues("hub.api.clients.north.key-sha256=" + NORTH_HASH, "hub.api.clients.north.communities=640106001001",
        "hub.api.clients.north.roles=provenance").run(context -> {
          assertThat(context.getBean(ApiConfig.class).clients().get("north").roles()).containsExactly("provenance");
          assertThat(ApiClients.from(context.getBean(ApiConfig.class)).authenticate("north-platform-key").orElseThrow()
              .hasRole(org.cdhub.api.security.ApiClient.PROVENANCE)).isTrue();
        });
    runner.withPropertyValues("hub.api.clients.north.key-sha256=" + NORTH_HASH, "hub.api.clients.north.communities=640106001001",
        "hub.api.clients.north.roles=superuser").run(context ->
        assertThat(context).getFailure().hasStackTraceContaining("clients[north].roles"));
  }

  @Test
  void failsOnACommunityCodeThatIsNotTwelveDigits() {
    runner.withPropertyValues(
        "hub.api.clients.north.key-sha256=" + NORTH_HASH,
        "hub.api.clients.north.communities=6401").run(context ->
        assertThat(context).getFailure().hasStackTraceContaining("must be a 12-digit community code"));
  }

  @Test
  void failsOnADemoKeyWithoutCommunities() {
    runner.withPropertyValues("hub.api.demo-key=demo-key-0123456789").run(context ->
        assertThat(context).getFailure().hasStackTraceContaining("hub.api.demo-communities must name"));
  }

  @Test
  void failsOnAShortDemoKey() {
    runner.withPropertyValues("hub.api.demo-key=abc", "hub.api.demo-communities=640106001001").run(context ->
        assertThat(context).getFailure().hasStackTraceContaining("Invalid hub.api.demo-key: must be at least 16"));
  }
}
