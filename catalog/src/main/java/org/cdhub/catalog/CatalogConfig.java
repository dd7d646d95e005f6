package org.cdhub.catalog;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Where the catalog's state lives: a SQLite file in the embedded profile, PostgreSQL in the
 * cluster profile. Both run the same migrations (see {@link CatalogDatabase}).
 *
 * @param jdbcUrl JDBC URL, {@code jdbc:sqlite:...} or {@code jdbc:postgresql:...} (key {@code hub.catalog.jdbc-url})
 * @param user database user, null for SQLite (key {@code hub.catalog.jdbc-user})
 * @param password database password, null when not needed (key {@code hub.catalog.jdbc-password})
 */
public record CatalogConfig(String jdbcUrl, String user, String password) {
  public static final String PREFIX = "hub.catalog.";
  public static final String JDBC_URL = PREFIX + "jdbc-url";
  public static final String JDBC_USER = PREFIX + "jdbc-user";
  public static final String JDBC_PASSWORD = PREFIX + "jdbc-password";
  /** Every key this config reads; any other {@code hub.catalog.*} key is an error. */
  public static final List<String> KEYS = List.of(JDBC_URL, JDBC_USER, JDBC_PASSWORD);

  /** File name of the embedded catalog database inside the data directory. */
  public static final String EMBEDDED_FILE_NAME = "catalog.db";

  public CatalogConfig {
    requireNonNull(jdbcUrl, "jdbcUrl is null");
    DatabaseVendor.of(jdbcUrl); // rejects URLs of databases the migrations were not written for
    if (user != null && user.isBlank()) {
      throw new IllegalArgumentException("Invalid " + JDBC_USER + ": blank (leave it unset instead)");
    }
  }

  /** The embedded profile: a SQLite file {@code <dataDir>/catalog.db}. */
  public static CatalogConfig embedded(Path dataDir) {
    requireNonNull(dataDir, "dataDir is null");
    Path file = dataDir.toAbsolutePath().normalize().resolve(EMBEDDED_FILE_NAME);
    return new CatalogConfig("jdbc:sqlite:" + file, null, null);
  }

  /**
   * Reads the {@code hub.catalog.*} keys from {@code properties}; keys that are absent take the
   * embedded profile's values in {@code dataDir}. Other keys outside the prefix are ignored, so
   * the whole hub configuration can be passed in; an unknown key under the prefix is an error
   * (a misspelt key must not silently fall back to the default database).
   */
  public static CatalogConfig fromProperties(Map<String, String> properties, Path dataDir) {
    requireNonNull(properties, "properties is null");
    TreeSet<String> unknown = new TreeSet<>();
    for (String key : properties.keySet()) {
      if (key.startsWith(PREFIX) && !KEYS.contains(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot configure the catalog: unknown keys " + unknown + ", expected " + KEYS);
    }
    CatalogConfig defaults = embedded(dataDir);
    return new CatalogConfig(
        properties.getOrDefault(JDBC_URL, defaults.jdbcUrl()),
        properties.getOrDefault(JDBC_USER, defaults.user()),
        properties.getOrDefault(JDBC_PASSWORD, defaults.password()));
  }

  /** {@link #fromProperties} over the JVM's system properties ({@code -Dhub.catalog.jdbc-url=...}). */
  public static CatalogConfig fromSystemProperties(Path dataDir) {
    Properties system = System.getProperties();
    Map<String, String> map = new LinkedHashMap<>();
    for (String key : system.stringPropertyNames()) {
      map.put(key, system.getProperty(key));
    }
    return fromProperties(map, dataDir);
  }

  /** The keys and values of this config (unset user and password left out); inverse of {@link #fromProperties}. */
  public Map<String, String> asProperties() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(JDBC_URL, jdbcUrl);
    if (user != null) {
      out.put(JDBC_USER, user);
    }
    if (password != null) {
      out.put(JDBC_PASSWORD, password);
    }
    return out;
  }

  /** The JDBC URL with any {@code password=} parameter blanked, for messages and logs. */
  public String redactedUrl() {
    return redact(jdbcUrl);
  }

  static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  DatabaseVendor vendor() {
    return DatabaseVendor.of(jdbcUrl);
  }

  @Override
  public String toString() {
    // records print every component; the password must not reach logs
    return "CatalogConfig[jdbcUrl=" + redactedUrl() + ", user=" + user
        + ", password=" + (password == null ? "null" : "***") + "]";
  }
}
