package org.cdhub.flows.landing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.cdhub.model.lakehouse.LakehouseConfig;

/** Opens the hub's Iceberg JDBC catalog with Hadoop-free local file IO (Hadoop's fails on Java 23+). */
public final class LakehouseCatalogs {
  private static final String SQLITE_PREFIX = "jdbc:sqlite:";

  private LakehouseCatalogs() {}

  /**
   * @param user catalog database user, or null
   * @param password catalog database password, or null
   */
  public static JdbcCatalog open(LakehouseConfig config, String user, String password) {
    requireNonNull(config, "config is null");
    registerJdbcDrivers();
    createSqliteDirectory(config.catalogUri());
    Map<String, String> props = new LinkedHashMap<>(config.icebergCatalogProperties(true));
    if (user != null && !user.isBlank()) {
      props.put("jdbc.user", user);
    }
    if (password != null && !password.isEmpty()) {
      props.put("jdbc.password", password);
    }
    JdbcCatalog catalog = new JdbcCatalog();
    try {
      catalog.initialize(config.catalogName(), props);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Cannot open lakehouse catalog " + config.catalogName() + " at " + config.catalogUri()
          + ": " + e.getMessage(), e);
    }
    return catalog;
  }

  /** SQLite creates its database file but not the directories above it. */
  private static void createSqliteDirectory(String uri) {
    if (!uri.startsWith(SQLITE_PREFIX) || uri.contains(":memory:")) {
      return;
    }
    String file = uri.substring(SQLITE_PREFIX.length());
    if (file.startsWith("file:")) {
      file = file.substring("file:".length());
    }
    int query = file.indexOf('?');
    Path parent = Path.of(query < 0 ? file : file.substring(0, query)).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the directory of the lakehouse catalog " + uri, e);
    }
  }

  /**
   * DriverManager discovers drivers once per JVM through the context class loader of its first
   * caller, which inside NiFi is some other bundle's: load the drivers packaged with this bundle
   * so that they register themselves.
   */
  private static void registerJdbcDrivers() {
    for (Driver ignored : ServiceLoader.load(Driver.class, LakehouseCatalogs.class.getClassLoader())) {
      // instantiating a driver registers it with DriverManager
    }
  }
}
