package org.cdhub.flows.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard on a real SQLite file (always) and on PostgreSQL with a TIMESTAMP watermark (when the server answers). */
class WatermarkGuardTest {
  @TempDir Path dir;

  private static Path jarOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static void sql(String url, String user, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  @Test
  void warnsOnRowsBelowTheWatermarkUntilTheyArePulledAndOnASourceThatWentBack() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("hr.db");
    sql(url, null, "CREATE TABLE hr_person (rkbh VARCHAR(32), updated_at VARCHAR(19))",
        "INSERT INTO hr_person VALUES ('P1', '2024-05-01 08:00:00'), ('P2', '2024-05-01 09:00:00')");
    JdbcSource source = new JdbcSource(url, "org.sqlite.JDBC", List.of(jarOf(org.sqlite.JDBC.class)), null, null, "hr_person", "updated_at");
    Path memo = dir.resolve("state/hr_household-x.watermark.properties");
    Optional<String> w = Optional.of("2024-05-01 09:00:00");

    assertThat(new WatermarkGuard(source, memo).check(Optional.empty())).as("no watermark yet: nothing to check").isEmpty();
    new WatermarkGuard(source, memo).remember(w);
    assertThat(new WatermarkGuard(source, memo).check(w)).isEmpty();

    // one back-dated row, one without a watermark, one at exactly the watermark: none will ever be pulled
    sql(url, null, "INSERT INTO hr_person VALUES ('P3', '2024-04-30 10:00:00'), ('P4', NULL), ('P5', '2024-05-01 09:00:00')");
    WatermarkGuard guard = new WatermarkGuard(source, memo);
    assertThat(guard.check(w)).singleElement().asString()
        .startsWith("3 row(s) appeared in the source with hr_person.updated_at at or below the stored watermark '2024-05-01 09:00:00'")
        .contains("--reset-state");
    guard.remember(w);
    assertThat(new WatermarkGuard(source, memo).check(w)).as("still missing, still warned").singleElement().asString().startsWith("3 row(s)");

    // a clock corrected backwards: the newest row is now below the watermark
    sql(url, null, "UPDATE hr_person SET updated_at = '2023-12-31 23:59:59' WHERE updated_at IS NOT NULL");
    assertThat(new WatermarkGuard(source, memo).check(w)).anySatisfy(m -> assertThat(m)
        .startsWith("the newest hr_person.updated_at in the source ('2023-12-31 23:59:59') is below the stored watermark '2024-05-01 09:00:00'"));
  }

  @Test
  void aResetRunForgetsWhatWasMissing() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("hr.db");
    sql(url, null, "CREATE TABLE hr_person (rkbh VARCHAR(32), updated_at VARCHAR(19))",
        "INSERT INTO hr_person VALUES ('P1', '2024-05-01 08:00:00')");
    JdbcSource source = new JdbcSource(url, "org.sqlite.JDBC", List.of(jarOf(org.sqlite.JDBC.class)), null, null, "hr_person", "updated_at");
    Path memo = dir.resolve("state/m.watermark.properties");
    Optional<String> w = Optional.of("2024-05-01 08:00:00");
    new WatermarkGuard(source, memo).remember(w);
    sql(url, null, "INSERT INTO hr_person VALUES ('P0', '2024-04-01 08:00:00')");

    // --reset-state: the run starts without a watermark (no check), pulls everything, remembers the full count
    WatermarkGuard reset = new WatermarkGuard(source, memo);
    assertThat(reset.check(Optional.empty())).isEmpty();
    reset.remember(w);
    assertThat(new WatermarkGuard(source, memo).check(w)).isEmpty();
  }

  @Test
  void comparesATimestampWatermarkAsATimestamp() throws Exception {
    String admin = SourceDatabase.POSTGRES_ADMIN_URL;
    Optional<String> down = SourceDatabase.unreachable(admin, "postgres");
    assumeTrue(down.isEmpty(), () -> down.get());
    String schema = "hub_guard_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    sql(admin, "postgres", "CREATE SCHEMA " + schema);
    try {
      String url = admin + "?currentSchema=" + schema;
      sql(url, "postgres", "CREATE TABLE hr_person (rkbh VARCHAR(32), updated_at TIMESTAMP)",
          "INSERT INTO hr_person VALUES ('P1', '2024-05-01 08:00:00'), ('P2', '2024-05-01 09:00:00')");
      JdbcSource source = new JdbcSource(url, "org.postgresql.Driver", List.of(jarOf(org.postgresql.Driver.class)), "postgres", null,
          "hr_person", "updated_at");
      Path memo = dir.resolve("state/pg.watermark.properties");
      Optional<String> w = Optional.of("2024-05-01 09:00:00.0"); // as NiFi stores a TIMESTAMP maximum
      new WatermarkGuard(source, memo).remember(w);
      sql(url, "postgres", "INSERT INTO hr_person VALUES ('P3', '2024-05-01 08:30:00')");
      assertThat(new WatermarkGuard(source, memo).check(w)).singleElement().asString().startsWith("1 row(s) appeared");
    } finally {
      sql(admin, "postgres", "DROP SCHEMA " + schema + " CASCADE");
    }
  }
}
