package org.cdhub.flows.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.cdhub.flows.landing.IngestRules;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tier 3 (end to end) edge cases of the CSV drop (flows/definitions/ca_elderly.json, GBK):
 * an empty file and a header alone, a 20 MB cell, a column the department adds between two
 * exports. Each test has its own drop directory and lakehouse, so its own listing state.
 */
class FileDropEdgeCasesIT {
  private static final Charset GBK = Charset.forName("GBK");
  private static final String HEADER = "lrbh,xm,xb,sfzh,jzdz,jzzk,sfdj\r\n";

  @TempDir static Path work;
  @TempDir Path dir;

  @Test
  void anEmptyFileAndAHeaderAloneLandNothingAndFailNothing() throws Exception {
    Path civil = dir.resolve("sources/civil");
    LakehouseConfig lakehouse = LakehouseConfig.embedded(dir.resolve("lake"));
    drop(civil.resolve("ca_elderly.csv"), new byte[0], 60);

    RunnerProcess.Run empty = run(civil, lakehouse);
    assertThat(empty.exitCode()).as(empty.stderr()).isZero();
    assertThat(empty.ingestLine()).matches("INGEST feed=ca_elderly read=0 landed=0 quarantined=0 batches=0 duration_ms=\\d+");
    assertThat(empty.stderr()).contains("ca_elderly trigger 1: 0 new batch(es), 0 replayed, read 0", "1 file(s) without records");
    assertThat(RunnerProcess.rows(lakehouse, LakehouseTable.bronze("ca_elderly"))).isEmpty();
    assertThat(RunnerProcess.rows(lakehouse, LakehouseTable.QUARANTINE.identifier())).isEmpty();

    drop(civil.resolve("ca_elderly.csv"), HEADER.getBytes(GBK), 30);
    RunnerProcess.Run headerOnly = run(civil, lakehouse);
    assertThat(headerOnly.exitCode()).as(headerOnly.stderr()).isZero();
    assertThat(headerOnly.ingestLine()).matches("INGEST feed=ca_elderly read=0 landed=0 quarantined=0 batches=0 duration_ms=\\d+");
    assertThat(headerOnly.stderr()).contains("1 file(s) without records");
    assertThat(RunnerProcess.rows(lakehouse, LakehouseTable.bronze("ca_elderly"))).isEmpty();
    assertThat(RunnerProcess.rows(lakehouse, LakehouseTable.QUARANTINE.identifier())).isEmpty();
  }

  @Test
  void aTwentyMegabyteCellIsQuarantinedWithItsRuleAndFieldAndTheRestLands() throws Exception {
    Path civil = dir.resolve("sources/civil");
    LakehouseConfig lakehouse = LakehouseConfig.embedded(dir.resolve("lake"));
    Path file = civil.resolve("ca_elderly.csv");
    Files.createDirectories(civil);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write((HEADER + "E001,王秀英,女,640104195001011234,金凤区丽景湾小区3-2-501,独居,是\r\nE002,赵德明,男,640104194805052345,")
          .getBytes(GBK));
      byte[] chunk = "兴庆区".repeat(1024).getBytes(GBK); // 6 KB of GBK per chunk
      for (long written = 0; written < 20L * 1024 * 1024; written += chunk.length) {
        out.write(chunk);
      }
      out.write(",与子女同住,否\r\n".getBytes(GBK));
    }
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));

    RunnerProcess.Run run = run(civil, lakehouse);
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.ingestLine()).matches("INGEST feed=ca_elderly read=2 landed=1 quarantined=1 batches=1 duration_ms=\\d+");
    assertThat(RunnerProcess.rows(lakehouse, LakehouseTable.bronze("ca_elderly"))).extracting(r -> r.getField("lrbh"))
        .containsExactly("E001");
    List<Record> quarantine = RunnerProcess.rows(lakehouse, LakehouseTable.QUARANTINE.identifier());
    assertThat(quarantine).extracting(r -> r.getField("rule") + " " + r.getField("field") + " " + r.getField("source_record_id"))
        .containsExactly(IngestRules.RULE_RECORD_SIZE + " jzdz E002");
    assertThat((String) quarantine.get(0).getField("reason")).contains("max_record_bytes");
    System.out.printf("ca_elderly with a 20 MB cell (%d bytes of file): peak RSS %d MB (heap cap %d MB)%n",
        Files.size(file), run.peakRssKb() / 1024, RunnerProcess.HEAP_MB);
    assertThat(run.peakRssKb() / 1024).as("peak RSS in MB").isLessThan(1536);
  }

  @Test
  void aColumnTheDepartmentAddsBecomesABronzeColumnEmptyForEarlierRows() throws Exception {
    Path civil = dir.resolve("sources/civil");
    LakehouseConfig lakehouse = LakehouseConfig.embedded(dir.resolve("lake"));
    drop(civil.resolve("ca_elderly.csv"), (HEADER + "E001,王秀英,女,640104195001011234,金凤区,独居,是\r\n").getBytes(GBK), 60);
    RunnerProcess.Run first = run(civil, lakehouse);
    assertThat(first.ingestLine()).as(first.stderr()).startsWith("INGEST feed=ca_elderly read=1 landed=1 ");

    drop(civil.resolve("ca_elderly.csv"), ("lrbh,xm,xb,sfzh,jzdz,jzzk,sfdj,hjbz\r\n"
        + "E002,赵德明,男,640104194805052345,兴庆区,与子女同住,否,新增备注\r\n").getBytes(GBK), 30);
    RunnerProcess.Run second = run(civil, lakehouse);
    assertThat(second.ingestLine()).as(second.stderr()).startsWith("INGEST feed=ca_elderly read=1 landed=1 quarantined=0 batches=1 ");
    List<Record> bronze = RunnerProcess.rows(lakehouse, LakehouseTable.bronze("ca_elderly"));
    assertThat(bronze).extracting(r -> r.getField("lrbh") + "=" + r.getField("hjbz")).containsExactlyInAnyOrder("E001=null", "E002=新增备注");
  }

  private RunnerProcess.Run run(Path sourceDir, LakehouseConfig lakehouse) throws IOException, InterruptedException {
    return RunnerProcess.run("ca_elderly", lakehouse, work, dir, List.of("--param", "source.directory=" + sourceDir));
  }

  private static void drop(Path file, byte[] content, long secondsAgo) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
  }
}
