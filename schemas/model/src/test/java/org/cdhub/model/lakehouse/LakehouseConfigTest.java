package org.cdhub.model.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakehouseConfigTest {

  @Test
  void embeddedProfileUsesSqliteCatalogAndLocalWarehouseUnderTheDataDir(@TempDir Path dir) {
    LakehouseConfig config = LakehouseConfig.embedded(dir);

    assertThat(config.catalogName()).isEqualTo("hub");
    assertThat(config.catalogUri()).isEqualTo("jdbc:sqlite:" + dir.toAbsolutePath().resolve("lakehouse-catalog.db"));
    assertThat(config.warehouse()).isEqualTo("file:" + dir.toAbsolutePath().resolve("warehouse"));
  }

  @Test
  void everyEngineGetsTheSameCatalogSettings(@TempDir Path dir) {
    LakehouseConfig config = LakehouseConfig.embedded(dir);

    Map<String, String> iceberg = config.icebergCatalogProperties(true);
    Map<String, String> spark = config.sparkConf();
    assertThat(iceberg).containsEntry("jdbc.schema-version", "V1").containsEntry("io-impl", LocalFileIO.class.getName());
    assertThat(spark)
        .containsEntry("spark.sql.catalog.hub.jdbc.schema-version", "V1")
        .containsEntry("spark.sql.catalog.hub.uri", iceberg.get("uri"))
        .containsEntry("spark.sql.catalog.hub.warehouse", iceberg.get("warehouse"));
  }

  @Test
  void systemPropertyArgsRoundTrip(@TempDir Path dir) {
    LakehouseConfig config = new LakehouseConfig("city", "jdbc:postgresql://db/lake", "s3://bucket/wh");
    for (String arg : config.asSystemPropertyArgs()) {
      String kv = arg.substring(2);
      System.setProperty(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    try {
      assertThat(LakehouseConfig.fromSystemProperties(dir)).isEqualTo(config);
    } finally {
      System.clearProperty("hub.lakehouse.catalog-name");
      System.clearProperty("hub.lakehouse.catalog-uri");
      System.clearProperty("hub.lakehouse.warehouse");
    }
  }

  @Test
  void rejectsNonJdbcCatalogUriNamingTheKey() {
    assertThatThrownBy(() -> new LakehouseConfig("hub", "http://x", "file:/w"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hub.lakehouse.catalog-uri")
        .hasMessageContaining("http://x");
  }
}
