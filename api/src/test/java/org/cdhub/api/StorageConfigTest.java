package org.cdhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Defaults (the embedded profile in the data directory) and the key mapping of {@link StorageConfig}. */
class StorageConfigTest {
  @Configuration
  @EnableConfigurationProperties(StorageConfig.class)
  static class Bound {}

  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(Bound.class);

  @TempDir Path dataDir;

  @Test
  void defaultsToTheEmbeddedProfileInTheDataDirectory() {
    runner.withPropertyValues("hub.data-dir=" + dataDir).run(context -> {
      StorageConfig config = context.getBean(StorageConfig.class);
      assertThat(config.dataDir()).isEqualTo(dataDir);
      assertThat(config.lakehouseConfig()).isEqualTo(LakehouseConfig.embedded(dataDir));
      assertThat(config.catalogConfig()).isEqualTo(CatalogConfig.embedded(dataDir));
    });
  }

  @Test
  void mapsEveryKey() {
    runner.withPropertyValues(
        "hub.data-dir=" + dataDir,
        "hub.lakehouse.catalog-name=city",
        "hub.lakehouse.catalog-uri=jdbc:postgresql://db/lakehouse",
        "hub.lakehouse.warehouse=s3://warehouse/hub",
        "hub.catalog.jdbc-url=jdbc:postgresql://db/catalog",
        "hub.catalog.jdbc-user=hub",
        "hub.catalog.jdbc-password=secret").run(context -> {
          StorageConfig config = context.getBean(StorageConfig.class);
          assertThat(config.lakehouseConfig())
              .isEqualTo(new LakehouseConfig("city", "jdbc:postgresql://db/lakehouse", "s3://warehouse/hub"));
          assertThat(config.catalogConfig())
              .isEqualTo(new CatalogConfig("jdbc:postgresql://db/catalog", "hub", "secret"));
          assertThat(config.catalog().toString()).doesNotContain("secret");
        });
  }

  @Test
  void readsLakehouseKeysFromSystemPropertiesAsTheLauncherPassesThem() {
    runner.withPropertyValues("hub.data-dir=" + dataDir).withSystemProperties("hub.lakehouse.catalog-name=fromsystem")
        .run(context -> assertThat(context.getBean(StorageConfig.class).lakehouseConfig().catalogName())
            .isEqualTo("fromsystem"));
  }

  @Test
  void failsWithoutADataDirectory() {
    runner.run(context -> assertThat(context).getFailure()
        .hasStackTraceContaining("dataDir").hasStackTraceContaining("--hub.data-dir"));
  }
}
