package org.cdhub.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogConfigTest {
  @TempDir Path dataDir;

  @Test
  void defaultsToASqliteFileInTheDataDirectory() {
    CatalogConfig config = CatalogConfig.embedded(dataDir.resolve("x/.."));

    assertThat(config.jdbcUrl()).isEqualTo("jdbc:sqlite:" + dataDir.toAbsolutePath().resolve("catalog.db"));
    assertThat(config.user()).isNull();
    assertThat(config.password()).isNull();
    assertThat(CatalogConfig.fromProperties(Map.of(), dataDir)).isEqualTo(config);
  }

  @Test
  void mapsEveryKeyToItsComponentAndBack() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("hub.catalog.jdbc-url", "jdbc:postgresql://db.example:5432/hub?currentSchema=catalog");
    properties.put("hub.catalog.jdbc-user", "hub");
    properties.put("hub.catalog.jdbc-password", "s3cret");

    CatalogConfig config = CatalogConfig.fromProperties(properties, dataDir);

    assertThat(config).isEqualTo(
        new CatalogConfig("jdbc:postgresql://db.example:5432/hub?currentSchema=catalog", "hub", "s3cret"));
    assertThat(config.asProperties()).isEqualTo(properties);
    assertThat(CatalogConfig.KEYS).containsExactlyInAnyOrderElementsOf(properties.keySet());
  }

  @Test
  void ignoresKeysOutsideItsPrefix() {
    CatalogConfig config = CatalogConfig.fromProperties(
        Map.of("hub.lakehouse.catalog-uri", "jdbc:sqlite:/elsewhere.db", "java.home", "/jdk"), dataDir);

    assertThat(config).isEqualTo(CatalogConfig.embedded(dataDir));
  }

  @Test
  void rejectsAnUnknownKeyUnderItsPrefix() {
    assertThatThrownBy(() -> CatalogConfig.fromProperties(Map.of("hub.catalog.jdbc-uri", "jdbc:sqlite:x.db"), dataDir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown keys [hub.catalog.jdbc-uri]")
        .hasMessageContaining("hub.catalog.jdbc-url");
  }

  @Test
  void rejectsADatabaseTheMigrationsWereNotWrittenFor() {
    assertThatThrownBy(() -> new CatalogConfig("jdbc:mysql://db/hub?password=topsecret", "hub", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid hub.catalog.jdbc-url")
        .hasMessageContaining("jdbc:mysql://db/hub?password=***")
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void keepsThePasswordOutOfItsTextForm() {
    CatalogConfig config = new CatalogConfig("jdbc:postgresql://db/hub?user=hub&password=inurl", "hub", "s3cret");

    assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("inurl").contains("password=***");
    assertThat(config.redactedUrl()).isEqualTo("jdbc:postgresql://db/hub?user=hub&password=***");
  }

  @Test
  void readsSystemProperties() {
    String key = "hub.catalog.jdbc-url";
    String url = "jdbc:sqlite:" + dataDir.resolve("from-system.db");
    System.setProperty(key, url);
    try {
      assertThat(CatalogConfig.fromSystemProperties(dataDir).jdbcUrl()).isEqualTo(url);
    } finally {
      System.clearProperty(key);
    }
  }
}
