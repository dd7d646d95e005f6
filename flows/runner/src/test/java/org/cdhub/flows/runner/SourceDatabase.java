package org.cdhub.flows.runner;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A departmental database the hr_household flow pulls from in the end-to-end tests: SQLite (the
 * embedded default, always there), and the local PostgreSQL and MariaDB servers when they answer.
 * Each test gets its own place (a SQLite file, a PostgreSQL schema, a MariaDB table name) and
 * leaves nothing behind.
 *
 * @param label name shown in test reports
 * @param url the JDBC URL the flow uses (PostgreSQL: the test's schema as currentSchema)
 * @param driver JDBC driver class the flow loads from the runner's drivers/
 * @param user database user, or null
 * @param table the table to pull
 * @param longText column type for a free-text column that holds 20 MB (MariaDB's TEXT stops at 64 KB)
 * @param bigField size of the oversize field the test writes: 20 MB where the server takes it in one statement
 */
record SourceDatabase(String label, String url, String driver, String user, String table, String longText, int bigField) {
  static final String POSTGRES_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";
  static final int TWENTY_MB = 20 * 1024 * 1024;

  static SourceDatabase sqlite(Path dir) {
    return new SourceDatabase("SQLite", "jdbc:sqlite:" + dir.resolve("departments/hr.db"), "org.sqlite.JDBC", null,
        "hr_person", "TEXT", TWENTY_MB);
  }

  static SourceDatabase postgres() {
    String schema = "hub_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return new SourceDatabase("PostgreSQL", POSTGRES_ADMIN_URL + "?currentSchema=" + schema, "org.postgresql.Driver",
        "postgres", "hr_person", "TEXT", TWENTY_MB);
  }

  /**
   * MariaDB's default max_allowed_packet (16 MB) refuses a 20 MB value in one INSERT, so the
   * oversize field there is 1 MB: still far beyond the contract's max_record_bytes.
   */
  static SourceDatabase mariadb() {
    String table = "hr_person_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return new SourceDatabase("MariaDB", MARIADB_URL, "org.mariadb.jdbc.Driver", "root", table, "LONGTEXT", 1024 * 1024);
  }

  /** Why the server cannot be used, if it cannot (the test then skips and says so). */
  static Optional<String> unreachable(String url, String user) {
    try (Connection c = DriverManager.getConnection(url, user, "")) {
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(url + " is unreachable (" + e.getMessage() + "): skipping; start the server to run this test");
    }
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, "");
  }

  /** Creates the test's schema (PostgreSQL) and the table, in the portable DDL the city generator writes. */
  void create() throws SQLException {
    if (label.equals("PostgreSQL")) {
      try (Connection c = DriverManager.getConnection(POSTGRES_ADMIN_URL, user, ""); Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema());
      }
    }
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (rkbh VARCHAR(32) NOT NULL PRIMARY KEY, hh_no VARCHAR(32), xm VARCHAR(100), "
          + "xb VARCHAR(1), csrq VARCHAR(10), sfzh VARCHAR(24), lxdh VARCHAR(20), hjdz " + longText + ", jwh_dm VARCHAR(12), "
          + "yhzgx VARCHAR(8), mz VARCHAR(4), updated_at VARCHAR(19))");
    }
  }

  void drop() throws SQLException {
    if (label.equals("PostgreSQL")) {
      try (Connection c = DriverManager.getConnection(POSTGRES_ADMIN_URL, user, ""); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema() + " CASCADE");
      }
    } else if (label.equals("MariaDB")) {
      try (Connection c = connect(); Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS " + table);
      }
    }
  }

  /** The runner's --param arguments that point hr_household.json at this database. */
  List<String> runnerArgs() {
    List<String> args = new ArrayList<>(List.of("--param", "source.jdbc.url=" + url, "--param", "source.jdbc.driver=" + driver,
        "--param", "source.table=" + table));
    if (user != null) {
      args.addAll(List.of("--param", "source.jdbc.user=" + user));
    }
    return args;
  }

  private String schema() {
    return url.substring(url.indexOf("currentSchema=") + "currentSchema=".length()).toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return label;
  }
}
