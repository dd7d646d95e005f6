package org.cdhub.flows.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.cdhub.flows.landing.LakehouseCatalogs;
import org.cdhub.flows.landing.LandBronzeRecords;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeContractCsvTest {
  private static final Charset GBK = Charset.forName("GBK");
  private static final String ELDERLY = "ca_elderly";     // contract declares GBK
  private static final String HEALTH = "health_residents"; // contract declares UTF-8
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  @Test
  void decodesAUtf8FileItsContractDeclaresUtf8() throws Exception {
    MockFlowFile out = decodeOk(HEALTH, "xm,sfzh,jzdz\n张三,640104199001011234,金凤区丽景湾小区3-2-501\n李四,,\n"
        .getBytes(StandardCharsets.UTF_8));
    assertThat(records(out)).containsExactly(
        row("xm", "张三", "sfzh", "640104199001011234", "jzdz", "金凤区丽景湾小区3-2-501"),
        row("xm", "李四", "sfzh", null, "jzdz", null));
    out.assertAttributeEquals(DecodeContractCsv.ATTR_RECORD_COUNT, "2");
    out.assertAttributeEquals(DecodeContractCsv.ATTR_ENCODING, "UTF-8");
  }

  @Test
  void decodesAGbkFileWithWindowsLineEndsItsContractDeclaresGbk() throws Exception {
    MockFlowFile out = decodeOk(ELDERLY, "lrbh,xm,jzzk,sfdj\r\nE001,王秀英,独居,是\r\nE002,赵德明,与子女同住,否\r\n".getBytes(GBK));
    assertThat(records(out)).containsExactly(
        row("lrbh", "E001", "xm", "王秀英", "jzzk", "独居", "sfdj", "是"),
        row("lrbh", "E002", "xm", "赵德明", "jzzk", "与子女同住", "sfdj", "否"));
    out.assertAttributeEquals(DecodeContractCsv.ATTR_ENCODING, "GBK");
  }

  @Test
  void splitsALargeFileIntoBatchesInFileOrderAndTheSameFileAlwaysSplitsTheSameWay() throws Exception {
    StringBuilder csv = new StringBuilder("xm,sfzh,jzdz\n");
    for (int i = 1; i <= 7; i++) {
      csv.append("居民").append(i).append(",,\n");
    }
    csv.append("坏行,只有两列\n"); // a reject travels in the batch it falls in
    List<List<MockFlowFile>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      TestRunner runner = TestRunners.newTestRunner(DecodeContractCsv.class);
      runner.setProperty(DecodeContractCsv.FEED, HEALTH);
      runner.setProperty(DecodeContractCsv.RECORDS_PER_BATCH, "3");
      runner.enqueue(csv.toString().getBytes(StandardCharsets.UTF_8), Map.of("filename", "big.csv"));
      runner.run();
      runner.assertAllFlowFilesTransferred(DecodeContractCsv.REL_SUCCESS, 3);
      runs.add(runner.getFlowFilesForRelationship(DecodeContractCsv.REL_SUCCESS));
    }
    List<MockFlowFile> parts = runs.get(0);
    assertThat(parts).extracting(f -> f.getAttribute(DecodeContractCsv.ATTR_RECORD_COUNT)).containsExactly("3", "3", "2");
    assertThat(parts).extracting(f -> f.getAttribute("fragment.index")).containsExactly("0", "1", "2");
    assertThat(parts).allSatisfy(f -> {
      assertThat(f.getAttribute("fragment.count")).isEqualTo("3");
      assertThat(f.getAttribute("filename")).isEqualTo("big.csv");
    });
    assertThat(parts).extracting(f -> f.getAttribute(DecodeContractCsv.ATTR_REJECTED)).containsExactly("0", "0", "1");
    assertThat(records(parts.get(0))).extracting(r -> r.get("xm")).containsExactly("居民1", "居民2", "居民3");
    assertThat(records(parts.get(2)).get(0).get("xm")).isEqualTo("居民7");
    for (int i = 0; i < 3; i++) {
      assertThat(runs.get(1).get(i).getContent()).isEqualTo(parts.get(i).getContent());
    }
  }

  @Test
  void gbkFileDeclaredUtf8FailsWithIngestEncodingNamingFeedAndFile() {
    MockFlowFile failed = decodeFails(HEALTH, "xm,jzdz\n张三,金凤区丽景湾小区\n".getBytes(GBK), "health_2026.csv");
    assertThat(failed.getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON))
        .contains(DeclaredEncoding.RULE_ENCODING, "feed health_residents", "file health_2026.csv", "UTF-8", "line 2");
    assertThat(failed.toByteArray()).as("content unchanged").isEqualTo("xm,jzdz\n张三,金凤区丽景湾小区\n".getBytes(GBK));
  }

  @Test
  void utf8FileDeclaredGbkFailsWithIngestEncoding() {
    MockFlowFile failed = decodeFails(ELDERLY, "lrbh,xm\nE001,王秀英\n".getBytes(StandardCharsets.UTF_8), "elderly.csv");
    assertThat(failed.getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON))
        .contains(DeclaredEncoding.RULE_ENCODING, "feed ca_elderly", "file elderly.csv", "declares GBK", "UTF-8");
  }

  @Test
  void shortGbkTextThatHappensToBeWellFormedUtf8IsStillGbk() throws Exception {
    // "联通" in GBK (C1 AA CD A8) is well-formed UTF-8 by accident: too little evidence to refuse it
    MockFlowFile out = decodeOk(ELDERLY, "lrbh,sqmc\nE001,联通\n".getBytes(GBK));
    assertThat(records(out)).containsExactly(row("lrbh", "E001", "sqmc", "联通"));
  }

  @Test
  void malformedRowsAreQuarantinedWithRuleAndLineAndCounted() throws Exception {
    // sfzh is required by the contract: an admitted row must have it (what it holds is silver's business)
    String csv = "lrbh,xm,sfzh,sfdj\r\nE001,王秀英,1,是\r\nE002,多一列,2,否,额外\r\nE003,赵德明,3,否\r\nE004,\"未闭合,4,是\r\nE005,孙,5,否\r\n";
    MockFlowFile out = decodeOk(ELDERLY, csv.getBytes(GBK));
    out.assertAttributeEquals(DecodeContractCsv.ATTR_RECORD_COUNT, "4");
    out.assertAttributeEquals(DecodeContractCsv.ATTR_REJECTED, "2");

    LakehouseConfig lakehouse = LakehouseConfig.embedded(dataDir);
    TestRunner land = TestRunners.newTestRunner(LandBronzeRecords.class);
    JsonTreeReader reader = new JsonTreeReader();
    land.addControllerService("reader", reader);
    land.enableControllerService(reader);
    land.setProperty(LandBronzeRecords.RECORD_READER, "reader");
    land.setProperty(LandBronzeRecords.FEED, ELDERLY);
    land.setProperty(LandBronzeRecords.CATALOG_URI, lakehouse.catalogUri());
    land.setProperty(LandBronzeRecords.WAREHOUSE, lakehouse.warehouse());
    land.enqueue(out.getContentStream().readAllBytes());
    land.run();
    land.assertAllFlowFilesTransferred(LandBronzeRecords.REL_SUCCESS, 1);
    MockFlowFile landed = land.getFlowFilesForRelationship(LandBronzeRecords.REL_SUCCESS).get(0);
    landed.assertAttributeEquals(LandBronzeRecords.ATTR_READ, "4");
    landed.assertAttributeEquals(LandBronzeRecords.ATTR_LANDED, "2");
    landed.assertAttributeEquals(LandBronzeRecords.ATTR_QUARANTINED, "2");
    try (JdbcCatalog catalog = LakehouseCatalogs.open(lakehouse, null, null)) {
      List<Record> bronze = rows(catalog, LakehouseTable.bronze(ELDERLY).toString());
      assertThat(bronze).extracting(r -> r.getField("lrbh")).containsExactlyInAnyOrder("E001", "E003");
      assertThat(bronze.get(0).struct().fields()).noneMatch(f -> f.name().startsWith("_ingest_"));
      List<Record> quarantine = rows(catalog, "silver.quarantine");
      assertThat(quarantine).extracting(r -> r.getField("rule"))
          .containsExactlyInAnyOrder(CsvDrop.RULE_COLUMNS, CsvDrop.RULE_QUOTE);
      assertThat(quarantine).extracting(r -> r.getField("field")).containsExactlyInAnyOrder("line 3", "line 5");
      assertThat(quarantine).extracting(r -> (String) r.getField("payload"))
          .anyMatch(p -> p.contains("E002,多一列,2,否,额外")).anyMatch(p -> p.contains("E005,孙,5,否"));
    }
  }

  @Test
  void anEmptyFileOrAHeaderAloneYieldsNoRecordsAndNoError() throws Exception {
    assertThat(records(decodeOk(ELDERLY, new byte[0]))).isEmpty();
    assertThat(records(decodeOk(ELDERLY, "lrbh,xm\r\n".getBytes(GBK)))).isEmpty();
  }

  @Test
  void aColumnAddedByTheSourceIsKept() throws Exception {
    MockFlowFile out = decodeOk(ELDERLY, "lrbh,xm,xqah\nE001,王秀英,太极拳\n".getBytes(GBK));
    assertThat(records(out)).containsExactly(row("lrbh", "E001", "xm", "王秀英", "xqah", "太极拳"));
  }

  @Test
  void hostileCellsArriveAsTextAndAReservedHeaderIsRefused() throws Exception {
    String hostile = "\"},{\\\"lrbh\\\":\\\"X\"";
    String csv = "lrbh,xm,jzdz\n\"E001\",\"=cmd|' /C calc'!A0\",\"line one\nline two, \"\"quoted\"\" \\ \u0007\"\n"
        + "E002," + "\"" + hostile.replace("\"", "\"\"") + "\",'; DROP TABLE bronze.ca_elderly;--\n";
    MockFlowFile out = decodeOk(HEALTH, csv.getBytes(StandardCharsets.UTF_8));
    assertThat(records(out)).containsExactly(
        row("lrbh", "E001", "xm", "=cmd|' /C calc'!A0", "jzdz", "line one\nline two, \"quoted\" \\ \u0007"),
        row("lrbh", "E002", "xm", hostile, "jzdz", "'; DROP TABLE bronze.ca_elderly;--"));

    MockFlowFile refused = decodeFails(HEALTH, "lrbh,_ingest_rule\nE001,INGEST-FAKE\n".getBytes(StandardCharsets.UTF_8), "h.csv");
    assertThat(refused.getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON)).contains(CsvDrop.RULE_HEADER, "reserved");
  }

  private MockFlowFile decodeOk(String feed, byte[] content) {
    TestRunner runner = runner(feed, content, "drop.csv");
    runner.assertAllFlowFilesTransferred(DecodeContractCsv.REL_SUCCESS, 1);
    return runner.getFlowFilesForRelationship(DecodeContractCsv.REL_SUCCESS).get(0);
  }

  private MockFlowFile decodeFails(String feed, byte[] content, String filename) {
    TestRunner runner = runner(feed, content, filename);
    runner.assertAllFlowFilesTransferred(DecodeContractCsv.REL_FAILURE, 1);
    return runner.getFlowFilesForRelationship(DecodeContractCsv.REL_FAILURE).get(0);
  }

  private static TestRunner runner(String feed, byte[] content, String filename) {
    TestRunner runner = TestRunners.newTestRunner(DecodeContractCsv.class);
    runner.setProperty(DecodeContractCsv.FEED, feed);
    runner.assertValid();
    runner.enqueue(content, Map.of("filename", filename));
    runner.run();
    return runner;
  }

  private static List<Map<String, String>> records(MockFlowFile out) throws Exception {
    return JSON.readValue(out.getContentStream().readAllBytes(), new TypeReference<List<Map<String, String>>>() {});
  }

  private static Map<String, String> row(String... kv) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static List<Record> rows(JdbcCatalog catalog, String table) throws Exception {
    List<Record> out = new ArrayList<>();
    try (CloseableIterable<Record> it = IcebergGenerics.read(catalog.loadTable(org.apache.iceberg.catalog.TableIdentifier.parse(table))).build()) {
      it.forEach(out::add);
    }
    return out;
  }
}
