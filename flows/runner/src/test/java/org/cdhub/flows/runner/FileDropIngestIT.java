package org.cdhub.flows.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.cdhub.flows.files.CsvDrop;
import org.cdhub.flows.files.DeclaredEncoding;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tier 3 (end to end) for CSV file drops: the packaged runner runs flows/definitions/ca_elderly.json
 * (GBK, as the contract declares) and health_residents.json (UTF-8) on files made here.
 */
class FileDropIngestIT {
  private static final Charset GBK = Charset.forName("GBK");

  /** Shared by the tests so the NARs unpack once. */
  @TempDir static Path work;
  @TempDir Path dir;

  @Test
  void landsAGbkDropOnceWithItsBrokenRowQuarantined() throws Exception {
    Path civil = dir.resolve("sources/civil");
    drop(civil.resolve("ca_elderly.csv"), ("lrbh,xm,xb,sfzh,jzdz,jzzk,sfdj\r\n"
        + "E001,王秀英,女,640104195001011234,金凤区丽景湾小区3-2-501,独居,是\r\n"
        + "E002,赵德明,男,640104194805052345,兴庆区,与子女同住,否,多余\r\n"
        + "E003,\"孙, 桂兰\",女,640104195203033456,西夏区,空巢,否\r\n").getBytes(GBK));
    drop(civil.resolve("ca_subsistence.xlsx"), new byte[] {1, 2, 3}); // another feed's file in the same directory
    LakehouseConfig lakehouse = LakehouseConfig.embedded(dir.resolve("lake"));

    RunnerProcess.Run first = run("ca_elderly", civil, lakehouse);
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.ingestLine()).matches("INGEST feed=ca_elderly read=3 landed=2 quarantined=1 batches=1 duration_ms=\\d+");
    List<Record> bronze = rows(lakehouse, LakehouseTable.bronze("ca_elderly"));
    assertThat(bronze).extracting(r -> r.getField("xm")).containsExactlyInAnyOrder("王秀英", "孙, 桂兰");
    assertThat(bronze).extracting(r -> r.getField("jzdz")).contains("金凤区丽景湾小区3-2-501");
    List<Record> quarantine = rows(lakehouse, LakehouseTable.QUARANTINE.identifier());
    assertThat(quarantine).extracting(r -> r.getField("rule")).containsExactly(CsvDrop.RULE_COLUMNS);
    assertThat(quarantine).extracting(r -> r.getField("field")).containsExactly("line 3");
    assertThat((String) quarantine.get(0).getField("payload")).contains("E002,赵德明");

    // the listing carries over: a second run reads nothing
    RunnerProcess.Run second = run("ca_elderly", civil, lakehouse);
    assertThat(second.ingestLine()).as(second.stderr())
        .matches("INGEST feed=ca_elderly read=0 landed=0 quarantined=0 batches=0 duration_ms=\\d+");

    // the department drops the same file again (a new modification time): listed, read, a replay that adds nothing
    drop(civil.resolve("ca_elderly.csv"), Files.readAllBytes(civil.resolve("ca_elderly.csv")), 30);
    RunnerProcess.Run again = run("ca_elderly", civil, lakehouse);
    assertThat(again.ingestLine()).as(again.stderr())
        .matches("INGEST feed=ca_elderly read=3 landed=2 quarantined=1 batches=0 duration_ms=\\d+");
    assertThat(again.stderr()).contains("0 new batch(es), 1 replayed");
    assertThat(rows(lakehouse, LakehouseTable.bronze("ca_elderly"))).hasSize(2);
    assertThat(rows(lakehouse, LakehouseTable.QUARANTINE.identifier())).hasSize(1);

    // a new export replaces the file: only it is read
    drop(civil.resolve("ca_elderly.csv"), ("lrbh,xm,xb,sfzh,jzdz,jzzk,sfdj\r\n"
        + "E004,马兰花,女,640104195305053456,金凤区,独居,是\r\n").getBytes(GBK), 10);
    RunnerProcess.Run third = run("ca_elderly", civil, lakehouse);
    assertThat(third.ingestLine()).as(third.stderr())
        .matches("INGEST feed=ca_elderly read=1 landed=1 quarantined=0 batches=1 duration_ms=\\d+");
    assertThat(rows(lakehouse, LakehouseTable.bronze("ca_elderly"))).hasSize(3);
  }

  @Test
  void refusesAGbkFileItsContractDeclaresUtf8() throws Exception {
    Path health = dir.resolve("sources/health");
    drop(health.resolve("health_residents.csv"), "jmbh,xm\nH001,张三\n".getBytes(GBK));
    LakehouseConfig lakehouse = LakehouseConfig.embedded(dir.resolve("lake"));

    RunnerProcess.Run run = run("health_residents", health, lakehouse);
    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
    assertThat(run.stdout()).doesNotContain("INGEST");
    assertThat(run.stderr()).contains(DeclaredEncoding.RULE_ENCODING, "feed health_residents", "file health_residents.csv");
  }

  @Test
  void landsAnExcelDropWithDatesAsIsoText() throws Exception {
    Path civil = dir.resolve("sources/civil");
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
         java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
      var dateStyle = wb.createCellStyle();
      dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
      var sheet = wb.createSheet("低保");
      // the contract's required fields (jzbh, cyxm, cysfzh) are all there; what cysfzh holds is silver's business
      String[][] rows = {{"jzbh", "cyxm", "cysfzh", "rzrq"}, {"J001", "马玉兰", "1", null}, {"J002", "杨建国", "2", null},
          {null, "无编号", "3", null}};
      for (int i = 0; i < rows.length; i++) {
        var row = sheet.createRow(i);
        for (int j = 0; j < 4; j++) {
          if (rows[i][j] != null) {
            row.createCell(j).setCellValue(rows[i][j]);
          }
        }
        if (i > 0) {
          row.createCell(3).setCellValue(java.time.LocalDate.of(2024, 1, i));
          row.getCell(3).setCellStyle(dateStyle);
        }
      }
      wb.write(out);
      drop(civil.resolve("ca_subsistence.xlsx"), out.toByteArray());
    }
    LakehouseConfig lakehouse = LakehouseConfig.embedded(dir.resolve("lake"));

    RunnerProcess.Run run = run("ca_subsistence", civil, lakehouse);
    assertThat(run.ingestLine()).as(run.stderr())
        .matches("INGEST feed=ca_subsistence read=3 landed=2 quarantined=1 batches=1 duration_ms=\\d+");
    List<Record> bronze = rows(lakehouse, LakehouseTable.bronze("ca_subsistence"));
    assertThat(bronze).extracting(r -> r.getField("cyxm") + " " + r.getField("rzrq"))
        .containsExactlyInAnyOrder("马玉兰 2024-01-01", "杨建国 2024-01-02");
    assertThat(rows(lakehouse, LakehouseTable.QUARANTINE.identifier())).extracting(r -> r.getField("rule"))
        .containsExactly("INGEST-RECORD-ID");
  }

  /** Writes a file as a department would, a little while ago (ListFile holds back files written this very moment). */
  private static void drop(Path file, byte[] content) throws IOException {
    drop(file, content, 60);
  }

  private static void drop(Path file, byte[] content, long secondsAgo) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
  }

  private RunnerProcess.Run run(String feed, Path sourceDir, LakehouseConfig lakehouse) throws IOException, InterruptedException {
    return RunnerProcess.run(feed, lakehouse, work, dir, List.of("--param", "source.directory=" + sourceDir));
  }

  private static List<Record> rows(LakehouseConfig lakehouse, TableIdentifier table) throws IOException {
    return RunnerProcess.rows(lakehouse, table);
  }
}
