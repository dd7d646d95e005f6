package org.cdhub.flows.landing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.cdhub.model.lakehouse.BronzeEnvelope;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandBronzeRecordsTest {
  private static final String FEED = "hr_household";

  @TempDir Path dataDir;
  private LakehouseConfig lakehouse;
  private TestRunner runner;
  private JdbcCatalog catalog;

  @BeforeEach
  void setUp() throws Exception {
    lakehouse = LakehouseConfig.embedded(dataDir);
    runner = TestRunners.newTestRunner(LandBronzeRecords.class);
    JsonTreeReader reader = new JsonTreeReader();
    runner.addControllerService("reader", reader);
    runner.enableControllerService(reader);
    runner.setProperty(LandBronzeRecords.RECORD_READER, "reader");
    runner.setProperty(LandBronzeRecords.FEED, FEED);
    runner.setProperty(LandBronzeRecords.CATALOG_URI, lakehouse.catalogUri());
    runner.setProperty(LandBronzeRecords.WAREHOUSE, lakehouse.warehouse());
  }

  @AfterEach
  void tearDown() throws Exception {
    if (catalog != null) {
      catalog.close();
    }
  }

  @Test
  void landsValidRowsWithTheBronzeEnvelope() {
    runner.assertValid();
    land(json(person("P001", "张三"), person("P002", "李四"), person("P003", "王五")));

    MockFlowFile out = runner.getFlowFilesForRelationship(LandBronzeRecords.REL_SUCCESS).get(0);
    out.assertAttributeEquals(LandBronzeRecords.ATTR_READ, "3");
    out.assertAttributeEquals(LandBronzeRecords.ATTR_LANDED, "3");
    out.assertAttributeEquals(LandBronzeRecords.ATTR_QUARANTINED, "0");
    out.assertAttributeEquals(LandBronzeRecords.ATTR_REPLAYED, "false");
    out.assertAttributeEquals(LandBronzeRecords.ATTR_TABLE, "bronze.hr_household");
    String batchId = out.getAttribute(LandBronzeRecords.ATTR_BATCH_ID);
    assertThat(batchId).matches("hr_household-[0-9a-f]{32}");

    Table bronze = catalog().loadTable(LakehouseTable.bronze(FEED));
    assertThat(bronze.currentSnapshot().summary()).containsEntry(BronzeEnvelope.SNAPSHOT_BATCH_PROPERTY, batchId);
    assertThat(out.getAttribute(LandBronzeRecords.ATTR_SNAPSHOT_ID)).isEqualTo(Long.toString(bronze.currentSnapshot().snapshotId()));
    List<Record> rows = rows(bronze);
    assertThat(rows).extracting(r -> r.getField(BronzeEnvelope.SOURCE_RECORD_ID)).containsExactlyInAnyOrder("P001", "P002", "P003");
    Record first = rows.stream().filter(r -> "P001".equals(r.getField("rkbh"))).findFirst().orElseThrow();
    assertThat(first.getField(BronzeEnvelope.SOURCE_SYSTEM)).isEqualTo(FEED);
    assertThat(first.getField(BronzeEnvelope.BATCH_ID)).isEqualTo(batchId);
    assertThat(first.getField(BronzeEnvelope.INGESTED_AT)).isNotNull();
    assertThat(first.getField("xm")).isEqualTo("张三");
    assertThat(first.getField("sfzh")).isEqualTo("640104199001011234");
    assertThat(first.getField(BronzeEnvelope.PAYLOAD_HASH)).isEqualTo(RawRecord.of(person("P001", "张三")).payloadHash());
  }

  @Test
  void replayedFlowFileAddsNothing() {
    String content = json(person("P001", "张三"), person("P002", "李四"));
    land(content);
    Table bronze = catalog().loadTable(LakehouseTable.bronze(FEED));
    int snapshots = snapshotCount(bronze);

    runner.clearTransferState();
    land(content);

    MockFlowFile replay = runner.getFlowFilesForRelationship(LandBronzeRecords.REL_SUCCESS).get(0);
    replay.assertAttributeEquals(LandBronzeRecords.ATTR_REPLAYED, "true");
    replay.assertAttributeEquals(LandBronzeRecords.ATTR_READ, "2");
    replay.assertAttributeEquals(LandBronzeRecords.ATTR_LANDED, "2");
    bronze.refresh();
    assertThat(snapshotCount(bronze)).isEqualTo(snapshots);
    assertThat(rows(bronze)).hasSize(2);
  }

  @Test
  void quarantinesRowMissingTheRecordIdAndLandsTheRest() {
    Map<String, String> noId = person("P404", "赵六");
    noId.put("rkbh", "  ");
    Map<String, String> absentId = person("P405", "钱七");
    absentId.remove("rkbh");
    land(json(person("P001", "张三"), noId, absentId));

    MockFlowFile out = runner.getFlowFilesForRelationship(LandBronzeRecords.REL_SUCCESS).get(0);
    out.assertAttributeEquals(LandBronzeRecords.ATTR_READ, "3");
    out.assertAttributeEquals(LandBronzeRecords.ATTR_LANDED, "1");
    out.assertAttributeEquals(LandBronzeRecords.ATTR_QUARANTINED, "2");
    assertThat(rows(catalog().loadTable(LakehouseTable.bronze(FEED)))).hasSize(1);

    List<Record> rejected = rows(catalog().loadTable(LakehouseTable.QUARANTINE.identifier()));
    assertThat(rejected).hasSize(2).allSatisfy(r -> {
      assertThat(r.getField("rule")).isEqualTo(IngestRules.RULE_RECORD_ID);
      assertThat(r.getField("field")).isEqualTo("rkbh");
      assertThat(r.getField("stage")).isEqualTo("INGEST");
      assertThat(r.getField("source_system")).isEqualTo(FEED);
      assertThat(r.getField("source_record_id")).isNull();
      assertThat(r.getField("batch_id")).isEqualTo(out.getAttribute(LandBronzeRecords.ATTR_BATCH_ID));
      assertThat((String) r.getField("reason")).contains("rkbh", IngestRules.RULE_RECORD_ID, FEED);
    });
    assertThat(rejected).extracting(r -> (String) r.getField("payload")).anySatisfy(p -> assertThat(p).contains("钱七"));
  }

  @Test
  void quarantinesRowBiggerThanTheContractAllows() {
    Map<String, String> big = person("P777", "孙八");
    big.put("hjdz", "银川市金凤区".repeat(1000)); // 18,000 bytes of UTF-8, over max_record_bytes 16384
    land(json(person("P001", "张三"), big));

    MockFlowFile out = runner.getFlowFilesForRelationship(LandBronzeRecords.REL_SUCCESS).get(0);
    out.assertAttributeEquals(LandBronzeRecords.ATTR_LANDED, "1");
    out.assertAttributeEquals(LandBronzeRecords.ATTR_QUARANTINED, "1");
    Record rejected = rows(catalog().loadTable(LakehouseTable.QUARANTINE.identifier())).get(0);
    assertThat(rejected.getField("rule")).isEqualTo(IngestRules.RULE_RECORD_SIZE);
    assertThat(rejected.getField("field")).isEqualTo("hjdz");
    assertThat(rejected.getField("source_record_id")).isEqualTo("P777");
    assertThat(rejected.getField("value_masked")).isEqualTo("[18000 bytes]");
    assertThat((String) rejected.getField("payload")).contains("银川市金凤区".repeat(1000));
  }

  @Test
  void keepsHostileStringsAsData() {
    List<String> hostile = List.of(
        "😀👨‍👩‍👧 家",
        "tab\there\nnew line\r\u0001\u001f",
        "'; DROP TABLE hr_person; --",
        "\" OR 1=1 /* \\ */",
        "‮RTL override",
        "<script>alert(1)</script>");
    List<Map<String, String>> people = new ArrayList<>();
    for (int i = 0; i < hostile.size(); i++) {
      Map<String, String> p = person("H" + i, hostile.get(i));
      p.put("hjdz", hostile.get(i));
      people.add(p);
    }
    land(json(people.toArray(Map[]::new)));

    runner.getFlowFilesForRelationship(LandBronzeRecords.REL_SUCCESS).get(0).assertAttributeEquals(LandBronzeRecords.ATTR_LANDED, "6");
    List<Record> rows = rows(catalog().loadTable(LakehouseTable.bronze(FEED)));
    for (int i = 0; i < hostile.size(); i++) {
      String id = "H" + i;
      Record row = rows.stream().filter(r -> id.equals(r.getField("rkbh"))).findFirst().orElseThrow();
      assertThat(row.getField("xm")).isEqualTo(hostile.get(i));
      assertThat(row.getField("hjdz")).isEqualTo(hostile.get(i));
    }
  }

  @Test
  void addsAColumnWhenTheSourceAddsAField() {
    Map<String, String> extended = person("P001", "张三");
    extended.put("gzdw", "银川市民政局");
    land(json(extended));

    Table bronze = catalog().loadTable(LakehouseTable.bronze(FEED));
    assertThat(bronze.schema().findField("gzdw")).isNotNull();
    assertThat(rows(bronze).get(0).getField("gzdw")).isEqualTo("银川市民政局");
  }

  @Test
  void routesUnreadableContentToFailureWithTheReason() {
    runner.enqueue("[{\"rkbh\": \"P001\", \"xm\": ".getBytes(StandardCharsets.UTF_8));
    runner.run();

    runner.assertAllFlowFilesTransferred(LandBronzeRecords.REL_FAILURE, 1);
    MockFlowFile failed = runner.getFlowFilesForRelationship(LandBronzeRecords.REL_FAILURE).get(0);
    assertThat(failed.getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON)).startsWith("Cannot read the records of FlowFile").contains(FEED);
    assertThat(catalog().tableExists(LakehouseTable.bronze(FEED))).isFalse();
  }

  @Test
  void quarantinesRowWithoutARequiredFieldNamingFieldAndRule() {
    Map<String, String> nameless = person("P010", " ");
    land(json(person("P001", "张三"), nameless));

    MockFlowFile out = runner.getFlowFilesForRelationship(LandBronzeRecords.REL_SUCCESS).get(0);
    out.assertAttributeEquals(LandBronzeRecords.ATTR_LANDED, "1");
    out.assertAttributeEquals(LandBronzeRecords.ATTR_QUARANTINED, "1");
    Record rejected = rows(catalog().loadTable(LakehouseTable.QUARANTINE.identifier())).get(0);
    assertThat(rejected.getField("rule")).isEqualTo(IngestRules.RULE_REQUIRED);
    assertThat(rejected.getField("field")).isEqualTo("xm");
    assertThat(rejected.getField("source_record_id")).isEqualTo("P010");
    assertThat((String) rejected.getField("reason")).contains("xm", IngestRules.RULE_REQUIRED, FEED);
  }

  @Test
  void quarantinesAJsonObjectWhereTheContractWantsOneValueButKeepsUnknownNestedFieldsAsJson() {
    String content = "[" + RawRecord.of(person("P001", "张三")).canonicalJson().replace("}", ",\"extra\":{\"b\":[1,2],\"a\":\"x\"}}")
        + "," + RawRecord.of(person("P002", "李四")).canonicalJson().replace("\"xm\":\"李四\"", "\"xm\":{\"surname\":\"李\"}") + "]";
    land(content);

    MockFlowFile out = runner.getFlowFilesForRelationship(LandBronzeRecords.REL_SUCCESS).get(0);
    out.assertAttributeEquals(LandBronzeRecords.ATTR_LANDED, "1");
    out.assertAttributeEquals(LandBronzeRecords.ATTR_QUARANTINED, "1");
    Record landed = rows(catalog().loadTable(LakehouseTable.bronze(FEED))).get(0);
    assertThat(landed.getField("rkbh")).isEqualTo("P001");
    assertThat(landed.getField("extra")).isEqualTo("{\"a\":\"x\",\"b\":[1,2]}");
    Record rejected = rows(catalog().loadTable(LakehouseTable.QUARANTINE.identifier())).get(0);
    assertThat(rejected.getField("rule")).isEqualTo(IngestRules.RULE_TYPE);
    assertThat(rejected.getField("field")).isEqualTo("xm");
    assertThat((String) rejected.getField("payload")).contains("surname");
  }

  @Test
  void quarantinesTextThatCannotBeStoredFaithfully() {
    Map<String, String> mangled = person("P020", "张\uFFFD三");
    String loneSurrogate = RawRecord.of(person("P021", "王五")).canonicalJson().replace("王五", "王\\ud800五");
    land("[" + RawRecord.of(mangled).canonicalJson() + "," + loneSurrogate + "," + RawRecord.of(person("P001", "张三")).canonicalJson() + "]");

    MockFlowFile out = runner.getFlowFilesForRelationship(LandBronzeRecords.REL_SUCCESS).get(0);
    out.assertAttributeEquals(LandBronzeRecords.ATTR_LANDED, "1");
    out.assertAttributeEquals(LandBronzeRecords.ATTR_QUARANTINED, "2");
    List<Record> rejected = rows(catalog().loadTable(LakehouseTable.QUARANTINE.identifier()));
    assertThat(rejected).extracting(r -> r.getField("rule")).containsOnly(IngestRules.RULE_ENCODING);
    assertThat(rejected).extracting(r -> r.getField("source_record_id")).containsExactlyInAnyOrder("P020", "P021");
    assertThat(rejected).extracting(r -> (String) r.getField("reason"))
        .anySatisfy(reason -> assertThat(reason).contains("U+FFFD"))
        .anySatisfy(reason -> assertThat(reason).contains("unpaired surrogate"));
  }

  @Test
  void logsEveryDeliveryWithItsCountsInOneCommitPerTrigger() {
    Map<String, String> nameless = person("P010", "");
    String first = json(person("P001", "张三"), nameless);
    String second = json(person("P002", "李四"));
    runner.enqueue(first.getBytes(StandardCharsets.UTF_8), Map.of("filename", "hr-2024-05-01.json"));
    runner.enqueue(second.getBytes(StandardCharsets.UTF_8), Map.of("tablename", "hr_person", "maxvalue.updated_at", "2024-05-01 08:00:00"));
    runner.enqueue("[{\"rkbh\": ".getBytes(StandardCharsets.UTF_8));
    runner.run();
    runner.enqueue(first.getBytes(StandardCharsets.UTF_8));
    runner.run();

    Table log = catalog().loadTable(LakehouseTable.INGESTION_LOG.identifier());
    assertThat(snapshotCount(log)).isEqualTo(2);
    List<Record> entries = rows(log);
    assertThat(entries).hasSize(4).allSatisfy(e -> {
      assertThat(e.getField("feed")).isEqualTo(FEED);
      assertThat((long) e.getField("read")).isEqualTo((long) e.getField("landed") + (long) e.getField("quarantined"));
    });
    assertThat(entries).filteredOn(e -> "LANDED".equals(e.getField("status"))).hasSize(2)
        .anySatisfy(e -> {
          assertThat(e.getField("source")).isEqualTo("hr-2024-05-01.json");
          assertThat(e.getField("read")).isEqualTo(2L);
          assertThat(e.getField("quarantined")).isEqualTo(1L);
          assertThat(e.getField("quarantine_snapshot_id")).isNotNull();
        })
        .anySatisfy(e -> {
          assertThat(e.getField("source")).isEqualTo("table hr_person");
          assertThat(e.getField("watermark")).isEqualTo("updated_at=2024-05-01 08:00:00");
          assertThat(e.getField("landed")).isEqualTo(1L);
        });
    Record replayed = entries.stream().filter(e -> "REPLAYED".equals(e.getField("status"))).findFirst().orElseThrow();
    assertThat(replayed.getField("batch_id")).isEqualTo(entries.stream()
        .filter(e -> "hr-2024-05-01.json".equals(e.getField("source"))).findFirst().orElseThrow().getField("batch_id"));
    Record failed = entries.stream().filter(e -> "FAILED".equals(e.getField("status"))).findFirst().orElseThrow();
    assertThat(failed.getField("read")).isEqualTo(0L);
    assertThat((String) failed.getField("failure_reason")).startsWith("Cannot read the records of FlowFile");
  }

  @Test
  void isInvalidForAFeedWithoutAContract() {
    runner.setProperty(LandBronzeRecords.FEED, "no_such_feed");
    runner.assertNotValid();
  }

  private void land(String json) {
    runner.enqueue(json.getBytes(StandardCharsets.UTF_8));
    runner.run();
    runner.assertAllFlowFilesTransferred(LandBronzeRecords.REL_SUCCESS, 1);
  }

  private JdbcCatalog catalog() {
    if (catalog == null) {
      catalog = LakehouseCatalogs.open(lakehouse, null, null);
    }
    return catalog;
  }

  private static List<Record> rows(Table table) {
    table.refresh();
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> it = IcebergGenerics.read(table).build()) {
      it.forEach(r -> rows.add(r.copy()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return rows;
  }

  private static int snapshotCount(Table table) {
    int n = 0;
    for (var ignored : table.snapshots()) {
      n++;
    }
    return n;
  }

  private static Map<String, String> person(String rkbh, String name) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("rkbh", rkbh);
    p.put("hh_no", "H" + rkbh);
    p.put("xm", name);
    p.put("xb", "1");
    p.put("csrq", "19900101");
    p.put("sfzh", "640104199001011234");
    p.put("lxdh", "13800000000");
    p.put("hjdz", "银川市金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室");
    p.put("jwh_dm", "640106001001");
    p.put("yhzgx", "01");
    p.put("mz", "01");
    p.put("updated_at", "2024-05-01 08:00:00");
    return p;
  }

  @SafeVarargs
  private static String json(Map<String, String>... rows) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < rows.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(RawRecord.of(rows[i]).canonicalJson());
    }
    return out.append(']').toString();
  }
}
