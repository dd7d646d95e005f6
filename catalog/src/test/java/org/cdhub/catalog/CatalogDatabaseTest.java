package org.cdhub.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.catalog.audit.AccessEventHash;
import org.cdhub.catalog.audit.AuditQuery;
import org.cdhub.catalog.audit.ChainVerification;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetDescriptions;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded profile: a SQLite file, as the launcher and the API open it. */
class CatalogDatabaseTest {
  private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

  @TempDir Path dataDir;

  @Test
  void createsTheDatabaseFileAndItsDirectory() {
    Path dir = dataDir.resolve("not/yet/there");

    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dir))) {
      assertThat(catalog.migrationsApplied()).isEqualTo(7);
      assertThat(catalog.datasets().findAll()).isEmpty();
    }
    assertThat(dir.resolve("catalog.db")).isRegularFile();
  }

  @Test
  void configuresSqliteForAWriterInAnotherProcess() throws SQLException {
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir));
         Connection c = catalog.dataSource().getConnection();
         Statement s = c.createStatement()) {
      assertThat(pragma(s, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(s, "busy_timeout")).isEqualTo("10000");
      assertThat(pragma(s, "foreign_keys")).isEqualTo("1");
    }
  }

  @Test
  void reopeningAppliesNoMigrationAgainAndKeepsTheData() {
    CatalogConfig config = CatalogConfig.embedded(dataDir);
    try (CatalogDatabase catalog = CatalogDatabase.open(config)) {
      catalog.datasets().upsert(goldPerson(10));
    }

    try (CatalogDatabase catalog = CatalogDatabase.open(config)) {
      assertThat(catalog.migrationsApplied()).isZero();
      assertThat(catalog.datasets().findByQualifiedName("gold.person")).get()
          .extracting(Dataset::rowCount).isEqualTo(10L);
    }
  }

  @Test
  void auditWritesAndPublishingFromTwoProcessesBothSucceed() throws Exception {
    // two opened databases on one file behave like the API and the launcher: separate connections
    CatalogConfig config = CatalogConfig.embedded(dataDir);
    int events = 200;
    int publications = 30;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (CatalogDatabase api = CatalogDatabase.open(config);
         CatalogDatabase launcher = CatalogDatabase.open(config)) {
      Callable<Void> audit = () -> {
        for (int i = 0; i < events; i++) {
          api.auditLog().record(new AccessEvent(
              T0.plusSeconds(i), "client-" + (i % 3), "community services", "gold.person",
              "READ_PERSONS", "community:640104001001", i, false, "OK"));
        }
        return null;
      };
      Callable<Void> publish = () -> {
        for (int i = 1; i <= publications; i++) {
          launcher.datasets().upsert(goldPerson(i));
        }
        return null;
      };
      List<Future<Void>> running = new ArrayList<>(List.of(pool.submit(audit), pool.submit(publish)));
      for (Future<Void> f : running) {
        f.get(); // rethrows whatever failed, e.g. SQLITE_BUSY
      }

      assertThat(launcher.auditLog().recent(events + 10)).hasSize(events);
      assertThat(launcher.auditLog().verify()).satisfies(v -> {
        assertThat(v.firstBreak()).isEmpty();
        assertThat(v.entriesChecked()).isEqualTo(events);
      });
      assertThat(api.datasets().findAll()).singleElement()
          .extracting(Dataset::rowCount).isEqualTo((long) publications);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rowsWrittenBeforeTheChainAnchorItsFirstEntrySoChangingThemIsDetected() throws SQLException {
    CatalogConfig config = CatalogConfig.embedded(dataDir);
    DatabaseVendor.SQLITE.prepare(config);
    // a catalog as it was before V3: the audit without sequence numbers or hashes
    Flyway.configure(CatalogDatabase.class.getClassLoader())
        .dataSource(config.jdbcUrl(), null, null)
        .locations(CatalogDatabase.COMMON_MIGRATIONS, DatabaseVendor.SQLITE.migrationLocation())
        .table(CatalogDatabase.SCHEMA_HISTORY_TABLE)
        .placeholders(DatabaseVendor.SQLITE.placeholders())
        .target("2")
        .load()
        .migrate();
    AccessEvent old1 = new AccessEvent(T0, "client-a", "care", "gold.person", "LIST", "community:1", 3, false, "OK");
    AccessEvent old2 = new AccessEvent(T0.plusSeconds(1), "client-b", null, "gold.person", "LIST", null, 0, false, "DENIED");

    try (CatalogDatabase catalog = CatalogDatabase.open(config)) {
      assertThat(catalog.migrationsApplied()).isEqualTo(5);
      try (Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO access_event (occurred_at, client_id, purpose, dataset, access_action, access_scope,"
            + " record_count, unmasked, outcome) VALUES (" + T0.toEpochMilli() + ", 'client-a', 'care', 'gold.person',"
            + " 'LIST', 'community:1', 3, 0, 'OK'), (" + T0.plusSeconds(1).toEpochMilli() + ", 'client-b', NULL,"
            + " 'gold.person', 'LIST', NULL, 0, 0, 'DENIED')");
      }
      catalog.auditLog().record(new AccessEvent(T0.plusSeconds(2), "client-a", "care", "gold.person", "LIST",
          "community:1", 1, false, "OK", "GET /x", List.of("P-1")));

      ChainVerification intact = catalog.auditLog().verify();
      assertThat(intact.firstBreak()).isEmpty();
      assertThat(intact.legacyRows()).isEqualTo(2);
      assertThat(intact.entriesChecked()).isEqualTo(1);
      assertThat(catalog.auditLog().find(AuditQuery.latest(1)).get(0).previousHash())
          .isEqualTo(AccessEventHash.legacyAnchor(List.of(old1, old2)));

      try (Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP TRIGGER access_event_no_update");
        s.executeUpdate("UPDATE access_event SET purpose = 'other' WHERE client_id = 'client-a' AND seq IS NULL");
      }
      assertThat(catalog.auditLog().verify().firstBreak()).hasValueSatisfying(b -> {
        assertThat(b.seq()).isEqualTo(1);
        assertThat(b.reason()).isEqualTo(ChainVerification.Reason.PREVIOUS_HASH_MISMATCH);
        assertThat(b.detail()).contains("the anchor");
      });
    }
  }

  @Test
  void rejectsAnInMemoryDatabase() {
    assertThatThrownBy(() -> CatalogDatabase.open(new CatalogConfig("jdbc:sqlite::memory:", null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("in-memory SQLite catalog is not supported");
  }

  @Test
  void namesTheDatabaseItCannotOpenWithoutItsPassword() {
    CatalogConfig unreachable = new CatalogConfig(
        "jdbc:postgresql://127.0.0.1:1/test?password=secret-in-url&connectTimeout=2", "postgres", "secret");

    assertThatThrownBy(() -> CatalogDatabase.open(unreachable))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Cannot open catalog database jdbc:postgresql://127.0.0.1:1/test?password=***")
        .hasMessageNotContaining("secret-in-url");
  }

  private static Dataset goldPerson(long rows) {
    return DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, rows, rows, T0, T0.plusSeconds(rows));
  }

  private static String pragma(Statement s, String name) throws SQLException {
    try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
