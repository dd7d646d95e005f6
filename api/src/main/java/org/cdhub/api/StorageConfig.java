package org.cdhub.api;

import static java.util.Objects.requireNonNull;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the API reads from: the hub's data directory, the lakehouse (Iceberg JDBC catalog and
 * warehouse) and the catalog database (which also holds the access audit log).
 *
 * <pre>
 * hub.data-dir                   data directory of the embedded profile (required)
 * hub.lakehouse.catalog-name     Iceberg catalog name (default: LakehouseConfig.embedded, "hub")
 * hub.lakehouse.catalog-uri      JDBC URL of the Iceberg catalog (default jdbc:sqlite:&lt;data-dir&gt;/lakehouse-catalog.db)
 * hub.lakehouse.warehouse        warehouse root (default file:&lt;data-dir&gt;/warehouse)
 * hub.catalog.jdbc-url           catalog database (default jdbc:sqlite:&lt;data-dir&gt;/catalog.db)
 * hub.catalog.jdbc-user, hub.catalog.jdbc-password
 * </pre>
 *
 * The launcher passes {@code hub.lakehouse.*} as {@code -D} system properties; Spring reads
 * those like command-line keys. Unlike {@link ApiConfig} this prefix is not strict: the launcher
 * exports {@code HUB_*} environment variables (JDK homes, ...) that Spring would see under
 * {@code hub.*} too.
 */
@Validated
@ConfigurationProperties(prefix = "hub")
public record StorageConfig(
    @NotNull(message = "must be set (--hub.data-dir=<dir>)") Path dataDir,
    @Valid @DefaultValue Lakehouse lakehouse,
    @Valid @DefaultValue Catalog catalog) {

  /** Overrides of the embedded lakehouse location; null keeps the embedded default. */
  public record Lakehouse(String catalogName, String catalogUri, String warehouse) {}

  /** Overrides of the embedded catalog database; null keeps the embedded default. */
  public record Catalog(String jdbcUrl, String jdbcUser, String jdbcPassword) {
    @Override
    public String toString() {
      return "Catalog[jdbcUrl=" + jdbcUrl + ", jdbcUser=" + jdbcUser
          + ", jdbcPassword=" + (jdbcPassword == null ? "null" : "***") + "]";
    }
  }

  public StorageConfig {
    lakehouse = lakehouse == null ? new Lakehouse(null, null, null) : lakehouse;
    catalog = catalog == null ? new Catalog(null, null, null) : catalog;
  }

  /** The lakehouse: the embedded profile in the data directory, with any key set overriding it. */
  public LakehouseConfig lakehouseConfig() {
    LakehouseConfig embedded = LakehouseConfig.embedded(requireDataDir());
    return new LakehouseConfig(
        orElse(lakehouse.catalogName(), embedded.catalogName()),
        orElse(lakehouse.catalogUri(), embedded.catalogUri()),
        orElse(lakehouse.warehouse(), embedded.warehouse()));
  }

  /** The catalog database: the embedded SQLite file in the data directory unless a JDBC URL is set. */
  public CatalogConfig catalogConfig() {
    CatalogConfig embedded = CatalogConfig.embedded(requireDataDir());
    return new CatalogConfig(
        orElse(catalog.jdbcUrl(), embedded.jdbcUrl()),
        orElse(catalog.jdbcUser(), embedded.user()),
        orElse(catalog.jdbcPassword(), embedded.password()));
  }

  private Path requireDataDir() {
    return requireNonNull(dataDir, "hub.data-dir is not set");
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
