package org.cdhub.api.trino;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Defaults, the key-to-property mapping and the startup failures of {@link TrinoConfig}. */
class TrinoConfigTest {
  static final String EVENT_TOKEN = "trino-event-secret-0123456789";
  @Configuration
  @EnableConfigurationProperties(TrinoConfig.class)
  static class Bound {}

  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(Bound.class);

  @Test
  void defaultsToNoTrinoAndTheHubCatalogsGoldSchema() {
    runner.run(context -> {
      TrinoConfig config = context.getBean(TrinoConfig.class);
      assertThat(config.configured()).isFalse();
      assertThat(config.jdbcUrl()).isNull();
      assertThat(config.user()).isEqualTo("cdhub-api");
      assertThat(config.password()).isNull();
      assertThat(config.catalog()).isEqualTo("hub");
      assertThat(config.schema()).isEqualTo("gold");
      assertThat(config.queryTimeout()).isEqualTo(Duration.ofSeconds(30));
      assertThat(config.maxRows()).isEqualTo(10_000);
      assertThat(config.eventToken()).isNull();
      assertThat(config.acceptsQueryEvents()).isFalse();
      assertThat(config.eventMaxBytes()).isEqualTo(DataSize.ofMegabytes(16));
    });
  }

  @Test
  void mapsEveryKey() {
    runner.withPropertyValues("hub.trino.jdbc-url=jdbc:trino://trino.city.example:8443?SSL=true",
        "hub.trino.user=api", "hub.trino.password=s3cret", "hub.trino.catalog=lake", "hub.trino.schema=silver",
        "hub.trino.query-timeout=2m", "hub.trino.max-rows=600", "hub.trino.event-token=" + EVENT_TOKEN,
        "hub.trino.event-max-bytes=1MB").run(context -> {
          TrinoConfig config = context.getBean(TrinoConfig.class);
          assertThat(config.configured()).isTrue();
          assertThat(config.jdbcUrl()).isEqualTo("jdbc:trino://trino.city.example:8443?SSL=true");
          assertThat(config.user()).isEqualTo("api");
          assertThat(config.password()).isEqualTo("s3cret");
          assertThat(config.catalog()).isEqualTo("lake");
          assertThat(config.schema()).isEqualTo("silver");
          assertThat(config.queryTimeout()).isEqualTo(Duration.ofMinutes(2));
          assertThat(config.maxRows()).isEqualTo(600);
          assertThat(config.eventToken()).isEqualTo(EVENT_TOKEN);
          assertThat(config.acceptsQueryEvents()).isTrue();
          assertThat(config.eventMaxBytes()).isEqualTo(DataSize.ofMegabytes(1));
          assertThat(config.toString()).contains("password=***").doesNotContain("s3cret")
              .contains("eventToken=***").doesNotContain(EVENT_TOKEN);
          assertThat(config.withUser("dept-a").eventToken()).isEqualTo(EVENT_TOKEN);
        });
  }

  @Test
  void refusesAnUnknownKey() {
    runner.withPropertyValues("hub.trino.jdbc-uri=jdbc:trino://localhost:8080").run(context ->
        assertThat(context).hasFailed().getFailure().hasStackTraceContaining("jdbc-uri"));
  }

  @Test
  void refusesAUrlOfAnotherDriverWithoutEchoingItsPassword() {
    runner.withPropertyValues("hub.trino.jdbc-url=jdbc:postgresql://db:5432/x?password=hunter2").run(context ->
        assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("Invalid hub.trino.jdbc-url: must start with jdbc:trino://, was 'jdbc:postgresql://db:5432/x?password=***'")
            .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("hunter2")));
  }

  @Test
  void refusesACatalogThatIsNotAnIdentifier() {
    runner.withPropertyValues("hub.trino.catalog=hub\"; DROP").run(context ->
        assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("Invalid hub.trino.catalog: must be a lower-case identifier, was 'hub\"; DROP'"));
  }

  @Test
  void refusesATimeoutInFractionsOfASecondOrOverAnHour() {
    runner.withPropertyValues("hub.trino.query-timeout=1500ms").run(context ->
        assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("Invalid hub.trino.query-timeout: must be whole seconds from 1s to 60m, was 1500ms"));
    runner.withPropertyValues("hub.trino.query-timeout=2h").run(context ->
        assertThat(context).hasFailed().getFailure().hasStackTraceContaining("was 7200000ms"));
  }

  @Test
  void refusesAMaxRowsOutsideOneToAMillion() {
    runner.withPropertyValues("hub.trino.max-rows=0").run(context ->
        assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("Invalid hub.trino.max-rows: must be 1..1000000, was 0"));
  }

  @Test
  void refusesAShortEventTokenOrOneWithACommaWithoutEchoingIt() {
    runner.withPropertyValues("hub.trino.event-token=short-secret").run(context ->
        assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("Invalid hub.trino.event-token: must be 24..512 visible ASCII characters without commas")
            .hasStackTraceContaining("was 12 characters")
            .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("short-secret")));
    runner.withPropertyValues("hub.trino.event-token=" + EVENT_TOKEN.replace('-', ' ')).run(context ->
        assertThat(context).hasFailed().getFailure().hasStackTraceContaining("Invalid hub.trino.event-token"));
  }

  @Test
  void refusesAnEventSizeLimitOutside64KbTo256Mb() {
    runner.withPropertyValues("hub.trino.event-max-bytes=1KB").run(context ->
        assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("Invalid hub.trino.event-max-bytes: must be 64KB..256MB, was 1024 bytes"));
    runner.withPropertyValues("hub.trino.event-max-bytes=1GB").run(context ->
        assertThat(context).hasFailed().getFailure().hasStackTraceContaining("Invalid hub.trino.event-max-bytes"));
  }

  private static String stackTrace(Throwable e) {
    java.io.StringWriter out = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }
}
