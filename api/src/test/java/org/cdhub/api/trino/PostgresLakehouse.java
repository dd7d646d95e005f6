package org.cdhub.api.trino;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.cdhub.model.lakehouse.LakehouseConfig;

/**
 * The cluster profile's lakehouse on this machine: an Iceberg JDBC catalog in a database of its
 * own on the local PostgreSQL (127.0.0.1:5432, user postgres, trust auth; another server with
 * {@code -Dhub.test.postgres-server=jdbc:postgresql://host:port/}) and a local warehouse.
 * {@link #close()} drops the database. SQLite would not do: Trino's JDBC catalog cannot use it.
 */
final class PostgresLakehouse implements AutoCloseable {
  static final String SERVER = System.getProperty("hub.test.postgres-server", "jdbc:postgresql://127.0.0.1:5432/");
  static final String USER = "postgres";

  private final String database;
  private final LakehouseConfig config;

  private PostgresLakehouse(String database, LakehouseConfig config) {
    this.database = database;
    this.config = config;
  }

  /** Why PostgreSQL cannot be used, if it cannot. */
  static Optional<String> unreachable() {
    try (Connection c = DriverManager.getConnection(SERVER + "postgres?connectTimeout=3", USER, null)) {
      c.isValid(3);
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of("PostgreSQL not reachable at " + SERVER + " as " + USER + ": " + e.getMessage());
    }
  }

  /** A fresh database named {@code cdhub_trino_it_<random>}, the warehouse under {@code dir}. */
  static PostgresLakehouse create(Path dir) throws SQLException {
    String database = "cdhub_trino_it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    admin("CREATE DATABASE " + database);
    // the user goes into the URL: Iceberg and Trino both pass the URL to the PostgreSQL driver as it is
    return new PostgresLakehouse(database, new LakehouseConfig(LakehouseConfig.DEFAULT_CATALOG_NAME,
        SERVER + database + "?user=" + USER, "file:" + dir.toAbsolutePath().resolve("warehouse")));
  }

  LakehouseConfig config() {
    return config;
  }

  /**
   * The plain Iceberg Java API's view of it with Hadoop's FileIO, as Spark writes the lakehouse:
   * files are recorded as {@code file:/...}. (The hub's LocalFileIO records bare paths, which
   * Trino refuses: "No factory for location".) Needs Java 17..22, as Hadoop does.
   */
  JdbcCatalog openCatalog() {
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize(config.catalogName(), config.icebergCatalogProperties(false));
    return catalog;
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, null); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }
}
