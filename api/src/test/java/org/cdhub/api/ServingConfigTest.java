package org.cdhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Defaults, the key-to-property mapping and the startup failures of {@link ServingConfig}. */
class ServingConfigTest {
  @Configuration
  @EnableConfigurationProperties(ServingConfig.class)
  static class Bound {}

  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(Bound.class);

  @Test
  void defaultsToTheProjectionATwoSecondPollAndTenMinutesOfCursorGrace() {
    runner.run(context -> {
      ServingConfig config = context.getBean(ServingConfig.class);
      assertThat(config.source()).isEqualTo(ServingConfig.Source.PROJECTION);
      assertThat(config.refreshInterval()).isEqualTo(Duration.ofSeconds(2));
      assertThat(config.cursorGrace()).isEqualTo(Duration.ofMinutes(10));
    });
  }

  @Test
  void mapsEveryKey() {
    runner.withPropertyValues("hub.serving.refresh-interval=500ms", "hub.serving.cursor-grace=1h",
        "hub.serving.source=trino").run(context -> {
      ServingConfig config = context.getBean(ServingConfig.class);
      assertThat(config.source()).isEqualTo(ServingConfig.Source.TRINO);
      assertThat(config.refreshInterval()).isEqualTo(Duration.ofMillis(500));
      assertThat(config.cursorGrace()).isEqualTo(Duration.ofHours(1));
    });
  }

  @Test
  void refusesAnUnknownKey() {
    runner.withPropertyValues("hub.serving.refresh-intervall=5s").run(context ->
        assertThat(context).hasFailed().getFailure().hasStackTraceContaining("refresh-intervall"));
  }

  @Test
  void refusesAPollTighterThan100Ms() {
    runner.withPropertyValues("hub.serving.refresh-interval=10ms").run(context ->
        assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("Invalid hub.serving.refresh-interval: must be at least 100ms, was 10ms"));
  }

  @Test
  void refusesACursorGraceUnderOneSecond() {
    runner.withPropertyValues("hub.serving.cursor-grace=0s").run(context ->
        assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("Invalid hub.serving.cursor-grace: must be at least 1s, was 0ms"));
  }
}
