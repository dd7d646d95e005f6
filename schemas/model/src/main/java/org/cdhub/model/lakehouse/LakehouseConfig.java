package org.cdhub.model.lakehouse;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the lakehouse is: one Iceberg JDBC catalog shared by NiFi, Spark, the API and Trino.
 * Every engine must use the same catalog name and {@code jdbc.schema-version=V1}, or tables
 * written by one are invisible to the others.
 *
 * @param catalogName Iceberg catalog name (key {@code hub.lakehouse.catalog-name})
 * @param catalogUri JDBC URL of the catalog database ({@code hub.lakehouse.catalog-uri})
 * @param warehouse warehouse root location ({@code hub.lakehouse.warehouse})
 */
public record LakehouseConfig(String catalogName, String catalogUri, String warehouse) {
  public static final String DEFAULT_CATALOG_NAME = "hub";

  public LakehouseConfig {
    requireNonNull(catalogName, "catalogName is null");
    requireNonNull(catalogUri, "catalogUri is null");
    requireNonNull(warehouse, "warehouse is null");
    if (!catalogName.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("Invalid hub.lakehouse.catalog-name: " + catalogName);
    }
    if (!catalogUri.startsWith("jdbc:")) {
      throw new IllegalArgumentException("Invalid hub.lakehouse.catalog-uri, expected a jdbc: URL: " + catalogUri);
    }
  }

  /** The embedded profile: JDBC catalog on a SQLite file and a local warehouse under {@code dataDir}. */
  public static LakehouseConfig embedded(Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    return new LakehouseConfig(
        DEFAULT_CATALOG_NAME,
        "jdbc:sqlite:" + dir.resolve("lakehouse-catalog.db"),
        "file:" + dir.resolve("warehouse"));
  }

  /** Catalog properties for the plain Iceberg Java API (JdbcCatalog.initialize). */
  public Map<String, String> icebergCatalogProperties(boolean localFileIo) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("uri", catalogUri);
    props.put("warehouse", warehouse);
    props.put("jdbc.schema-version", "V1");
    if (localFileIo) {
      props.put("io-impl", LocalFileIO.class.getName());
    }
    return props;
  }

  /** Spark session settings that mount this catalog under {@link #catalogName()}. */
  public Map<String, String> sparkConf() {
    String prefix = "spark.sql.catalog." + catalogName;
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
    conf.put(prefix + ".type", "jdbc");
    conf.put(prefix + ".uri", catalogUri);
    conf.put(prefix + ".warehouse", warehouse);
    conf.put(prefix + ".jdbc.schema-version", "V1");
    conf.put("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
    return conf;
  }

  /** Read from system properties {@code hub.lakehouse.*}, falling back to the embedded profile in dataDir. */
  public static LakehouseConfig fromSystemProperties(Path dataDir) {
    LakehouseConfig def = embedded(dataDir);
    return new LakehouseConfig(
        System.getProperty("hub.lakehouse.catalog-name", def.catalogName()),
        System.getProperty("hub.lakehouse.catalog-uri", def.catalogUri()),
        System.getProperty("hub.lakehouse.warehouse", def.warehouse()));
  }

  /** As {@code -Dhub.lakehouse.*=...} arguments, for child JVMs. */
  public java.util.List<String> asSystemPropertyArgs() {
    return java.util.List.of(
        "-Dhub.lakehouse.catalog-name=" + catalogName,
        "-Dhub.lakehouse.catalog-uri=" + catalogUri,
        "-Dhub.lakehouse.warehouse=" + warehouse);
  }
}
