package org.cdhub.flows.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.data.Record;
import org.cdhub.flows.landing.IngestRules;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tier 3 (end to end): flows/definitions/hr_household.json run by the packaged runner against
 * real departmental databases (SQLite, PostgreSQL, MariaDB), one scenario each: the first pull
 * (a missing record id and a 20 MB field quarantined), a second run with nothing new, rows that
 * appear below the watermark (the run warns; {@code --reset-state} pulls them and replays what
 * bronze holds), a source that went back in time (warned), and a column the source adds.
 * PostgreSQL and MariaDB are skipped, saying so, when their server does not answer.
 */
class DepartmentalDatabaseIngestIT {
  private static final String FEED = "hr_household";

  /** Shared so the NARs unpack once; every scenario has its own state (the parameters differ). */
  @TempDir static Path work;
  @TempDir Path dir;

  @Test
  void sqlite() throws Exception {
    Files.createDirectories(dir.resolve("departments"));
    scenario(SourceDatabase.sqlite(dir));
  }

  @Test
  void postgresql() throws Exception {
    Optional<String> down = SourceDatabase.unreachable(SourceDatabase.POSTGRES_ADMIN_URL, "postgres");
    assumeTrue(down.isEmpty(), () -> down.get());
    scenario(SourceDatabase.postgres());
  }

  @Test
  void mariadb() throws Exception {
    Optional<String> down = SourceDatabase.unreachable(SourceDatabase.MARIADB_URL, "root");
    assumeTrue(down.isEmpty(), () -> down.get());
    scenario(SourceDatabase.mariadb());
  }

  private void scenario(SourceDatabase db) throws Exception {
    db.create();
    try {
      LakehouseConfig lakehouse = LakehouseConfig.embedded(dir.resolve("lake"));
      insertPeople(db, 0, 300, "2024-05-01 08:%02d:%02d", false);

      RunnerProcess.Run first = run(db, lakehouse);
      assertThat(first.exitCode()).as(first.stderr()).isZero();
      assertThat(first.ingestLine()).matches("INGEST feed=hr_household read=300 landed=298 quarantined=2 batches=3 duration_ms=\\d+");
      List<Record> bronze = bronze(lakehouse);
      assertThat(bronze).hasSize(298);
      assertThat(bronze).filteredOn(r -> "P00042".equals(r.getField("rkbh"))).extracting(r -> r.getField("xm"))
          .containsExactly("张😀'; DROP TABLE hr_person; --");
      List<Record> quarantine = RunnerProcess.rows(lakehouse, LakehouseTable.QUARANTINE.identifier());
      assertThat(quarantine).extracting(r -> r.getField("rule") + " " + r.getField("field"))
          .containsExactlyInAnyOrder(IngestRules.RULE_RECORD_ID + " rkbh", IngestRules.RULE_RECORD_SIZE + " hjdz");
      System.out.printf("%s: first run with a %d-byte field: peak RSS %d MB (heap cap %d MB)%n",
          db, db.bigField(), first.peakRssKb() / 1024, RunnerProcess.HEAP_MB);
      assertThat(first.peakRssKb() / 1024).as("peak RSS in MB").isLessThan(1536);

      RunnerProcess.Run second = run(db, lakehouse);
      assertThat(second.ingestLine()).as(second.stderr()).matches("INGEST feed=hr_household read=0 landed=0 quarantined=0 batches=0 duration_ms=\\d+");
      assertThat(second.stderr()).doesNotContain("WARNING");

      // a restored backup brings back two rows the department had written before the last pull
      insertPeople(db, 90_000, 2, "2024-04-30 09:%02d:%02d", false);
      RunnerProcess.Run late = run(db, lakehouse);
      assertThat(late.ingestLine()).as(late.stderr()).startsWith("INGEST feed=hr_household read=0 ");
      assertThat(late.stderr()).contains("WARNING hr_household: 2 row(s) appeared in the source with "
          + db.table() + ".updated_at at or below the stored watermark '2024-05-01 08:04:59' (or empty) after the pull had passed it", "--reset-state");
      RunnerProcess.Run stillLate = run(db, lakehouse);
      assertThat(stillLate.stderr()).as("the warning repeats until the rows are pulled").contains("WARNING hr_household: 2 row(s) appeared");

      RunnerProcess.Run reset = run(db, lakehouse, "--reset-state");
      assertThat(reset.exitCode()).as(reset.stderr()).isZero();
      assertThat(reset.stderr()).contains("state reset (--reset-state)", "1 new batch(es), 3 replayed").doesNotContain("WARNING");
      assertThat(reset.ingestLine()).matches("INGEST feed=hr_household read=302 landed=300 quarantined=2 batches=1 duration_ms=\\d+");
      bronze = bronze(lakehouse);
      assertThat(bronze).hasSize(300);
      assertThat(bronze.stream().map(r -> r.getField("rkbh")).distinct().count()).as("distinct record ids").isEqualTo(300);
      assertThat(bronze).extracting(r -> r.getField("rkbh")).contains("P90000", "P90001");
      assertThat(RunnerProcess.rows(lakehouse, LakehouseTable.QUARANTINE.identifier())).hasSize(2);

      RunnerProcess.Run quiet = run(db, lakehouse);
      assertThat(quiet.ingestLine()).as(quiet.stderr()).startsWith("INGEST feed=hr_household read=0 ");
      assertThat(quiet.stderr()).doesNotContain("WARNING");

      // the department's clock ran ahead and was corrected: every row now says 2024-01-01
      execute(db, "UPDATE " + db.table() + " SET updated_at = '2024-01-01 00:00:00'");
      RunnerProcess.Run back = run(db, lakehouse);
      assertThat(back.ingestLine()).as(back.stderr()).startsWith("INGEST feed=hr_household read=0 ");
      assertThat(back.stderr()).contains("WARNING hr_household: the newest " + db.table()
          + ".updated_at in the source ('2024-01-01 00:00:00') is below the stored watermark '2024-05-01 08:04:59'");

      // the department adds a column: new rows carry it, bronze grows a column, earlier rows have none
      execute(db, "ALTER TABLE " + db.table() + " ADD COLUMN bz VARCHAR(50)");
      insertPeople(db, 10_000, 20, "2024-06-01 08:%02d:%02d", true);
      RunnerProcess.Run evolved = run(db, lakehouse);
      assertThat(evolved.ingestLine()).as(evolved.stderr())
          .matches("INGEST feed=hr_household read=20 landed=20 quarantined=0 batches=1 duration_ms=\\d+");
      assertThat(evolved.stderr()).doesNotContain("WARNING");
      bronze = bronze(lakehouse);
      assertThat(bronze).hasSize(320);
      assertThat(bronze).filteredOn(r -> ((String) r.getField("rkbh")).startsWith("P1")).extracting(r -> r.getField("bz"))
          .hasSize(20).containsOnly("新增的列");
      assertThat(bronze).filteredOn(r -> !((String) r.getField("rkbh")).startsWith("P1")).extracting(r -> r.getField("bz"))
          .hasSize(300).containsOnlyNulls();
    } finally {
      db.drop();
    }
  }

  private RunnerProcess.Run run(SourceDatabase db, LakehouseConfig lakehouse, String... extra) throws Exception {
    List<String> args = new ArrayList<>(db.runnerArgs());
    args.addAll(List.of("--param", "source.max.rows.per.batch=100"));
    args.addAll(List.of(extra));
    return RunnerProcess.run(FEED, lakehouse, work, dir, args);
  }

  private static List<Record> bronze(LakehouseConfig lakehouse) throws Exception {
    return RunnerProcess.rows(lakehouse, LakehouseTable.bronze(FEED));
  }

  private static void execute(SourceDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /**
   * Rows of the generated shape. Of the first 300, row 8 has a blank record id, row 9 an address
   * of {@link SourceDatabase#bigField()} bytes, row 42 a hostile name; {@code withRemark} fills the
   * column the source adds later.
   */
  private static void insertPeople(SourceDatabase db, int from, int count, String timeFormat, boolean withRemark) throws SQLException {
    List<String> columns = new ArrayList<>(List.of("rkbh", "hh_no", "xm", "xb", "csrq", "sfzh", "lxdh", "hjdz", "jwh_dm", "yhzgx", "mz",
        "updated_at"));
    if (withRemark) {
      columns.add("bz");
    }
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + db.table() + " (" + String.join(", ", columns)
          + ") VALUES (" + "?,".repeat(columns.size() - 1) + "?)")) {
        for (int i = from; i < from + count; i++) {
          String address = i == 9 ? "x".repeat(db.bigField()) : "银川市金凤区丽景湾小区" + (i % 30) + "号楼";
          List<String> row = new ArrayList<>(List.of(i == 8 ? "" : String.format("P%05d", i), "H" + (i / 3),
              i == 42 ? "张😀'; DROP TABLE hr_person; --" : "张" + i, i % 2 == 0 ? "1" : "2", "19800101",
              "64010419800101123" + (i % 10), "1380000" + String.format("%04d", i % 10_000), address, "640106001001", "01", "01",
              String.format(timeFormat, (i / 60) % 60, i % 60)));
          if (withRemark) {
            row.add("新增的列");
          }
          for (int k = 0; k < row.size(); k++) {
            insert.setString(k + 1, row.get(k));
          }
          insert.addBatch();
          if (i == 9) {
            insert.executeBatch(); // the big row alone: drivers batch rows into one packet
          }
        }
        insert.executeBatch();
      }
      c.commit();
    }
  }
}
