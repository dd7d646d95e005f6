package org.cdhub.catalog;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL the cluster-profile tests run against: 127.0.0.1:5432, database {@code test},
 * user {@code postgres} with trust auth (this machine and CI). Each test gets its own fresh
 * schema, dropped afterwards, so runs never see each other's tables. Another server can be named
 * with {@code -Dhub.test.postgres-url=jdbc:postgresql://host:port/db}.
 */
public final class TestPostgres {
  public static final String URL =
      System.getProperty("hub.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String USER = "postgres";

  private static boolean checked;
  private static String unreachable;

  private TestPostgres() {}

  /** Skips the calling test (with the reason) when PostgreSQL cannot be reached. */
  public static synchronized void assumeReachable() {
    if (!checked) {
      checked = true;
      try (Connection c = DriverManager.getConnection(URL + "?connectTimeout=3", USER, null)) {
        c.isValid(3);
      } catch (SQLException e) {
        unreachable = e.getMessage();
      }
    }
    Assumptions.assumeTrue(unreachable == null,
        () -> "PostgreSQL not reachable at " + URL + " as " + USER + ", skipping cluster-profile tests: " + unreachable);
  }

  /** Creates an empty schema with a unique name. */
  public static FreshSchema freshSchema() throws SQLException {
    String name = "catalog_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    execute("CREATE SCHEMA " + name);
    return new FreshSchema(name);
  }

  public static void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, USER, null); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** A schema of its own; {@link #close()} drops it with everything in it. */
  public record FreshSchema(String name) implements AutoCloseable {
    public CatalogConfig config() {
      return new CatalogConfig(URL + "?currentSchema=" + name, USER, null);
    }

    @Override
    public void close() throws SQLException {
      execute("DROP SCHEMA " + name + " CASCADE");
    }
  }
}
