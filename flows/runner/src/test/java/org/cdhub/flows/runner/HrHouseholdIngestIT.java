package org.cdhub.flows.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.cdhub.flows.landing.IngestRules;
import org.cdhub.flows.landing.LakehouseCatalogs;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tier 3 (end to end): the packaged runner, started with {@code java -jar} the way the launcher
 * starts it, runs flows/definitions/hr_household.json against a SQLite database of the shape the
 * city generator writes, into a lakehouse read back with Iceberg.
 */
class HrHouseholdIngestIT {
  private static final List<String> COLUMNS = List.of(
      "rkbh", "hh_no", "xm", "xb", "csrq", "sfzh", "lxdh", "hjdz", "jwh_dm", "yhzgx", "mz", "updated_at");

  /** Shared by the tests so the NARs unpack once; each test starts without flow state. */
  @TempDir static Path work;
  @TempDir Path dir;

  @BeforeEach
  void forgetFlowState() throws IOException {
    deleteState();
  }

  private static void deleteState() throws IOException {
    Path state = work.resolve("state");
    if (Files.isDirectory(state)) {
      try (var files = Files.list(state)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
    }
  }

  @Test
  void landsTheTableOnceThenOnlyNewRowsAndAReplayAddsNothing() throws Exception {
    Path db = dir.resolve("departments/hr.db");
    Files.createDirectories(db.getParent());
    LakehouseConfig lakehouse = LakehouseConfig.embedded(dir.resolve("lake"));
    insertPeople(db, 0, 300, "2024-05-01");

    Run first = run(db, lakehouse);
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.ingestLine()).matches("INGEST feed=hr_household read=300 landed=297 quarantined=3 batches=3 duration_ms=\\d+");
    assertThat(first.stderr()).contains("hub-flow-runner: hr_household trigger 1: 3 new batch(es)");
    assertThat(bronzeRows(lakehouse)).hasSize(297);
    List<Record> quarantined = rows(lakehouse, LakehouseTable.QUARANTINE);
    assertThat(quarantined).extracting(r -> r.getField("rule"))
        .containsExactlyInAnyOrder(IngestRules.RULE_RECORD_ID, IngestRules.RULE_RECORD_ID, IngestRules.RULE_RECORD_SIZE);
    Record hostile = bronzeRows(lakehouse).stream().filter(r -> "P00042".equals(r.getField("rkbh"))).findFirst().orElseThrow();
    assertThat(hostile.getField("xm")).isEqualTo("张😀'; DROP TABLE hr_person; --");
    int snapshots = snapshotCount(lakehouse);

    Run second = run(db, lakehouse);
    assertThat(second.exitCode()).as(second.stderr()).isZero();
    assertThat(second.ingestLine()).matches("INGEST feed=hr_household read=0 landed=0 quarantined=0 batches=0 duration_ms=\\d+");
    assertThat(bronzeRows(lakehouse)).hasSize(297);

    // the state file is the runner's memory of the watermark: without it every row is delivered again
    deleteState();
    Run replay = run(db, lakehouse);
    assertThat(replay.ingestLine()).startsWith("INGEST feed=hr_household read=300 landed=297 quarantined=3 batches=0 ");
    assertThat(replay.stderr()).contains("0 new batch(es), 3 replayed");
    assertThat(bronzeRows(lakehouse)).hasSize(297);
    assertThat(snapshotCount(lakehouse)).isEqualTo(snapshots);

    insertPeople(db, 300, 20, "2024-06-01");
    Run third = run(db, lakehouse);
    assertThat(third.ingestLine()).matches("INGEST feed=hr_household read=20 landed=20 quarantined=0 batches=1 duration_ms=\\d+");
    assertThat(bronzeRows(lakehouse)).hasSize(317);

    // the ingestion log has every delivery: 3 + 1 landed batches, 3 replays, each balanced, with its watermark
    List<Record> log = rows(lakehouse, LakehouseTable.INGESTION_LOG);
    assertThat(log).extracting(r -> (String) r.getField("status")).containsExactlyInAnyOrder(
        "LANDED", "LANDED", "LANDED", "REPLAYED", "REPLAYED", "REPLAYED", "LANDED");
    assertThat(log).allSatisfy(r -> {
      assertThat((long) r.getField("read")).isEqualTo((long) r.getField("landed") + (long) r.getField("quarantined"));
      assertThat(r.getField("source")).isEqualTo("table hr_person");
      assertThat((String) r.getField("watermark")).startsWith("updated_at=2024-0");
    });
    assertThat(log.stream().filter(r -> "LANDED".equals(r.getField("status"))).mapToLong(r -> (long) r.getField("read")).sum())
        .isEqualTo(320);
  }

  @Test
  void failsWithTheCauseWhenTheSourceCannotBeOpened() throws Exception {
    LakehouseConfig lakehouse = LakehouseConfig.embedded(dir.resolve("lake"));
    Run run = run(dir.resolve("no/such/dir/hr.db"), lakehouse);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).doesNotContain("INGEST");
    assertThat(run.stderr()).contains("hub-flow-runner: flow hr_household.json (feed hr_household) failed:", "SQLITE_CANTOPEN");
  }

  /** Rows of the shape the city generator writes; of the first ones, two lack the record id and one is oversize. */
  private static void insertPeople(Path db, int from, int count, String day) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS hr_person (" + String.join(" TEXT, ", COLUMNS) + " TEXT)");
      }
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO hr_person VALUES (" + "?,".repeat(COLUMNS.size() - 1) + "?)")) {
        for (int i = from; i < from + count; i++) {
          boolean firstRun = from == 0;
          String rkbh = firstRun && i == 7 ? null : firstRun && i == 8 ? "" : String.format("P%05d", i);
          String name = i == 42 ? "张😀'; DROP TABLE hr_person; --" : "张" + i;
          String address = firstRun && i == 9 ? "金凤区".repeat(2000) : "银川市金凤区丽景湾小区" + (i % 30) + "号楼";
          List<String> row = List.of(
              rkbh == null ? "\0" : rkbh, "H" + (i / 3), name, i % 2 == 0 ? "1" : "2", "19800101",
              "64010419800101123" + (i % 10), "1380000" + String.format("%04d", i), address, "640106001001", "01", "01",
              day + " 08:" + String.format("%02d:%02d", (i / 60) % 60, i % 60));
          for (int k = 0; k < row.size(); k++) {
            if ("\0".equals(row.get(k))) {
              insert.setNull(k + 1, java.sql.Types.VARCHAR);
            } else {
              insert.setString(k + 1, row.get(k));
            }
          }
          insert.addBatch();
        }
        insert.executeBatch();
      }
      c.commit();
    }
  }

  private record Run(int exitCode, String stdout, String stderr) {
    String ingestLine() {
      List<String> lines = stdout.lines().toList();
      assertThat(lines).as("stdout (stderr: %s)", stderr).hasSize(1);
      return lines.get(0);
    }
  }

  /** Exactly as the launcher: lakehouse as -Dhub.lakehouse.*, the source URL as a parameter. */
  private Run run(Path db, LakehouseConfig lakehouse) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.addAll(lakehouse.asSystemPropertyArgs());
    cmd.add("-jar");
    cmd.add(System.getProperty("hub.flows.runner.jar"));
    cmd.addAll(List.of("--flow", Path.of(System.getProperty("hub.flows.definitions"), "hr_household.json").toString()));
    cmd.addAll(List.of("--work-dir", work.toString()));
    cmd.addAll(List.of("--param", "source.jdbc.url=jdbc:sqlite:" + db));
    cmd.addAll(List.of("--param", "source.max.rows.per.batch=100"));
    Path out = dir.resolve("runner.out");
    Path err = dir.resolve("runner.err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("runner did not finish in 180 s: " + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private static List<Record> bronzeRows(LakehouseConfig lakehouse) throws IOException {
    try (JdbcCatalog catalog = LakehouseCatalogs.open(lakehouse, null, null)) {
      return read(catalog.loadTable(LakehouseTable.bronze("hr_household")));
    }
  }

  private static List<Record> rows(LakehouseConfig lakehouse, LakehouseTable table) throws IOException {
    try (JdbcCatalog catalog = LakehouseCatalogs.open(lakehouse, null, null)) {
      return read(catalog.loadTable(table.identifier()));
    }
  }

  private static int snapshotCount(LakehouseConfig lakehouse) throws IOException {
    try (JdbcCatalog catalog = LakehouseCatalogs.open(lakehouse, null, null)) {
      int n = 0;
      for (var ignored : catalog.loadTable(LakehouseTable.bronze("hr_household")).snapshots()) {
        n++;
      }
      return n;
    }
  }

  private static List<Record> read(Table table) throws IOException {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> it = IcebergGenerics.read(table).build()) {
      it.forEach(r -> rows.add(r.copy()));
    }
    return rows;
  }
}
