package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.AccessEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./hub audit verify|list} on a temporary SQLite catalog database. */
class AuditCommandTest {
  static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
  static final String RAW_ID = "11010519491231002X";
  static final String RAW_PHONE = "13812345678";

  @TempDir Path dataDir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void recordThreeReads() {
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      catalog.auditLog().record(read(T0, "north-platform", "OK", "P-1", "P-2"));
      // a careless writer: the launcher must still not print these numbers
      catalog.auditLog().record(new AccessEvent(T0.plusSeconds(60), "south-platform", "call " + RAW_PHONE, "gold.person",
          "LIST", "community:640106001002", 1, false, "OK", "GET /api/v1/persons/by-id/" + RAW_ID, List.of("P-3")));
      catalog.auditLog().record(read(T0.plusSeconds(120), "north-platform", "DENIED"));
    }
  }

  @Test
  void verifyPrintsTheEntriesCheckedAndExitsZeroOnAnIntactChain() {
    assertThat(run("audit", "verify", "--data-dir", dataDir.toString())).isZero();
    assertThat(out.toString()).startsWith("Audit chain OK: 3 entries checked; head hash ").matches("(?s).*[0-9a-f]{64}\\s*");
  }

  @Test
  void verifyNamesTheChangedEntryAndExitsOne() throws SQLException {
    tamper("DROP TRIGGER access_event_no_update", "UPDATE access_event SET purpose = 'nothing to see' WHERE seq = 2");

    assertThat(run("audit", "verify", "--data-dir", dataDir.toString())).isEqualTo(1);
    assertThat(out.toString())
        .startsWith("Audit chain BROKEN at sequence 2: HASH_MISMATCH: stores hash ")
        .contains("1 entries verified before the break.");
  }

  @Test
  void verifyNamesTheSequenceOfADeletedEntryAndExitsOne() throws SQLException {
    tamper("DROP TRIGGER access_event_no_delete", "DELETE FROM access_event WHERE seq = 1");

    assertThat(run("audit", "verify", "--data-dir", dataDir.toString())).isEqualTo(1);
    assertThat(out.toString()).startsWith("Audit chain BROKEN at sequence 1: GAP: expected sequence 1 next, found 2");
  }

  @Test
  void verifyWithoutACatalogDatabaseSaysSoExitsOneAndCreatesNothing(@TempDir Path empty) {
    assertThat(run("audit", "verify", "--data-dir", empty.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("No catalog database at " + empty.resolve("catalog.db"));
    assertThat(empty.resolve("catalog.db")).doesNotExist();
  }

  @Test
  void listPrintsATableNewestFirstWithoutRawIdOrPhoneNumbers() {
    assertThat(run("audit", "list", "--data-dir", dataDir.toString())).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).isEqualTo("3 audit entries");
    assertThat(lines.get(1)).startsWith("SEQ  TIME (UTC)").contains("CLIENT", "OUTCOME", "QUERY", "RECORDS");
    assertThat(lines.subList(2, 5)).extracting(l -> l.split("\\s+")[0]).containsExactly("3", "2", "1");
    assertThat(lines.get(4)).contains("north-platform", "OK", "GET /api/v1/communities/640106001001/persons?limit=2", "P-1,P-2");
    assertThat(out.toString()).doesNotContain(RAW_ID, RAW_PHONE).contains("**************002X", "138****5678");
  }

  @Test
  void listFiltersByClientRecordOutcomeAndTime() {
    assertThat(run("audit", "list", "--data-dir", dataDir.toString(), "--client", "north-platform", "--limit", "1")).isZero();
    assertThat(out.toString()).startsWith("1 audit entry").contains("DENIED").doesNotContain("P-1,P-2");

    out.getBuffer().setLength(0);
    assertThat(run("audit", "list", "--data-dir", dataDir.toString(), "--record", "P-3")).isZero();
    assertThat(out.toString()).startsWith("1 audit entry").contains("south-platform");

    out.getBuffer().setLength(0);
    assertThat(run("audit", "list", "--data-dir", dataDir.toString(), "--since", "2026-11-20T08:01:00Z", "--outcome", "OK"))
        .isZero();
    assertThat(out.toString()).startsWith("1 audit entry").contains("south-platform");

    out.getBuffer().setLength(0);
    assertThat(run("audit", "list", "--data-dir", dataDir.toString(), "--since", "2026-11-21")).isZero();
    assertThat(out.toString()).isEqualTo("0 audit entries" + System.lineSeparator());
  }

  @Test
  void aBadSinceOrLimitIsAUsageErrorWithOneLine() {
    assertThat(run("audit", "list", "--data-dir", dataDir.toString(), "--since", "yesterday")).isEqualTo(2);
    assertThat(err.toString()).startsWith("hub: --since must be an ISO instant").hasLineCount(1);

    err.getBuffer().setLength(0);
    assertThat(run("audit", "list", "--data-dir", dataDir.toString(), "--limit", "0")).isEqualTo(2);
    assertThat(err.toString()).startsWith("hub: Cannot query the access audit: limit must be between 1 and 10000, was 0");
  }

  @Test
  void auditWithoutASubcommandIsAUsageError() {
    assertThat(run("audit")).isEqualTo(2);
    assertThat(err.toString()).startsWith("hub: Missing command: ./hub audit verify or ./hub audit list");
  }

  private int run(String... args) {
    CommandLine cli = Hub.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private void tamper(String... statements) throws SQLException {
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir));
         Connection c = catalog.dataSource().getConnection();
         Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private static AccessEvent read(Instant at, String client, String outcome, String... masterIds) {
    return new AccessEvent(at, client, "community-governance", "gold.person", "LIST", "community:640106001001",
        masterIds.length, false, outcome, "GET /api/v1/communities/640106001001/persons?limit=" + masterIds.length,
        List.of(masterIds));
  }
}
