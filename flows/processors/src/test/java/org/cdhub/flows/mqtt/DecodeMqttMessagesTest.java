package org.cdhub.flows.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.cdhub.flows.landing.IngestRules;
import org.cdhub.flows.landing.LakehouseCatalogs;
import org.cdhub.flows.landing.LandBronzeRecords;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeMqttMessagesTest {
  private static final String ALARM = "vendor_iot_alarm"; // contract: record_id msgId, max_record_bytes 8192
  private static final String TOPIC = "xywl/E0012/SMOKE/SD0000123/alarm";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  @Test
  void aBatchOfMessagesBecomesOneRecordPerMessageWithTheTopicAndThePayloadsKeysAsText() throws Exception {
    TestRunner runner = runner();
    message(runner, TOPIC, "{\"msgId\":\"XY00000000001\",\"devSn\":\"SD0000123\",\"alarmLevel\":3,\"value\":2.50,"
        + "\"ts\":1764547200000,\"estateName\":\"丽景湾\",\"location\":null,\"ok\":true}");
    message(runner, "xywl/E0012/GAS/GD0000007/alarm", "{\"msgId\":\"XY00000000002\",\"devSn\":\"GD0000007\",\"extra\":{\"a\":[1,2]}}");
    runner.run();

    MockFlowFile batch = onlySuccess(runner);
    Map<String, String> first = new LinkedHashMap<>();
    first.put("topic", TOPIC);
    first.put("msgId", "XY00000000001");
    first.put("devSn", "SD0000123");
    first.put("alarmLevel", "3");
    first.put("value", "2.50"); // the literal as delivered, not 2.5
    first.put("ts", "1764547200000");
    first.put("estateName", "丽景湾");
    first.put("location", null);
    first.put("ok", "true");
    assertThat(records(batch)).containsExactly(first, Map.of("topic", "xywl/E0012/GAS/GD0000007/alarm",
        "msgId", "XY00000000002", "devSn", "GD0000007", "extra", "{\"a\":[1,2]}"));
    batch.assertAttributeEquals(DecodeMqttMessages.ATTR_RECORD_COUNT, "2");
    batch.assertAttributeEquals(DecodeMqttMessages.ATTR_REJECTED, "0");
    batch.assertAttributeEquals(DecodeMqttMessages.ATTR_BROKER, "tcp://broker.test:1883");
    assertThat(runner.getQueueSize().getObjectCount()).as("the message FlowFiles are consumed").isZero();
  }

  @Test
  void oneTriggerDecodesEveryQueuedMessageInBatchesCutAtMaxMessagesInArrivalOrder() throws Exception {
    TestRunner runner = runner();
    runner.setProperty(DecodeMqttMessages.MAX_MESSAGES, "2");
    for (int i = 1; i <= 5; i++) {
      message(runner, TOPIC, "{\"msgId\":\"XY" + i + "\"}");
    }
    runner.run(1);
    List<MockFlowFile> batches = runner.getFlowFilesForRelationship(DecodeMqttMessages.REL_SUCCESS);
    assertThat(batches).extracting(b -> b.getAttribute(DecodeMqttMessages.ATTR_RECORD_COUNT)).containsExactly("2", "2", "1");
    List<String> ids = new ArrayList<>();
    for (MockFlowFile b : batches) {
      records(b).forEach(r -> ids.add(r.get("msgId")));
    }
    assertThat(ids).containsExactly("XY1", "XY2", "XY3", "XY4", "XY5");
  }

  @Test
  void hostilePayloadsBecomeRejectsNamingMessageTopicAndRuleAndNothingIsLost() throws Exception {
    TestRunner runner = runner();
    byte[] twentyMegabytes = new byte[20 * 1024 * 1024];
    Arrays.fill(twentyMegabytes, (byte) 'a');
    twentyMegabytes[0] = '{';
    message(runner, TOPIC, "{\"msgId\":\"XY1\",\"devSn\":\"SD1\"}");                             // 1 fine
    message(runner, TOPIC, "smoke detected!");                                                 // 2 not JSON
    message(runner, TOPIC, "{\"msgId\":\"XY3\",\"devSn\":");                                   // 3 truncated
    runner.enqueue(twentyMegabytes, attributes(TOPIC));                                         // 4 20 MB
    message(runner, TOPIC, "[{\"msgId\":\"XY5\"}]");                                            // 5 array
    message(runner, TOPIC, "\"XY6\"");                                                          // 6 string
    runner.enqueue("{\"msgId\":\"XY7\"}".getBytes(StandardCharsets.UTF_8), Map.of());            // 7 no topic
    runner.enqueue("{\"msgId\":\"XY8\",\"estateName\":\"丽景湾小区\"}".getBytes(Charset.forName("GBK")), attributes(TOPIC)); // 8 GBK
    message(runner, TOPIC, "{\"msgId\":\"XY9\",\"_ingest_rule\":\"FAKE\"}");                    // 9 poses as a reject
    message(runner, TOPIC, "{\"msgId\":\"XY10\",\"topic\":\"xywl/other/alarm\"}");              // 10 spoofs the topic
    message(runner, TOPIC, "{\"msgId\":\"XY11\",\"msgId\":\"XY11b\"}");                         // 11 duplicate key
    message(runner, TOPIC, "{\"msgId\":\"XY12\"} {\"msgId\":\"XY13\"}");                        // 12 two objects
    message(runner, TOPIC, "");                                                                 // 13 empty
    runner.run();

    MockFlowFile batch = onlySuccess(runner);
    batch.assertAttributeEquals(DecodeMqttMessages.ATTR_RECORD_COUNT, "13");
    batch.assertAttributeEquals(DecodeMqttMessages.ATTR_REJECTED, "12");
    List<Map<String, String>> records = records(batch);
    assertThat(records.get(0)).containsEntry("msgId", "XY1").containsEntry("topic", TOPIC);
    Map<Integer, String> rules = new HashMap<>();
    for (Map<String, String> r : records.subList(1, records.size())) {
      rules.put(Integer.parseInt(r.get(IngestRules.REJECT_LINE)), r.get(IngestRules.REJECT_RULE));
      assertThat(r.get(IngestRules.REJECT_REASON)).contains("feed vendor_iot_alarm", "message " + r.get(IngestRules.REJECT_LINE) + " of 13",
          "rule " + r.get(IngestRules.REJECT_RULE));
      assertThat(r.get(IngestRules.REJECT_RAW).length()).isLessThanOrEqualTo(MqttMessageRecord.MAX_RAW_CHARS);
    }
    assertThat(rules).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry(2, MqttMessageRecord.RULE_JSON), Map.entry(3, MqttMessageRecord.RULE_JSON),
        Map.entry(4, IngestRules.RULE_RECORD_SIZE), Map.entry(5, MqttMessageRecord.RULE_OBJECT),
        Map.entry(6, MqttMessageRecord.RULE_OBJECT), Map.entry(7, MqttMessageRecord.RULE_TOPIC),
        Map.entry(8, MqttMessageRecord.RULE_JSON), Map.entry(9, MqttMessageRecord.RULE_KEY),
        Map.entry(10, MqttMessageRecord.RULE_KEY), Map.entry(11, MqttMessageRecord.RULE_JSON),
        Map.entry(12, MqttMessageRecord.RULE_JSON), Map.entry(13, MqttMessageRecord.RULE_JSON)));
    assertThat(reason(records, 2)).contains("topic " + TOPIC, "not well-formed JSON").doesNotContain("smoke detected");
    assertThat(reason(records, 3)).contains("ends early (truncated)");
    assertThat(reason(records, 4)).contains("20971520 bytes", "max_record_bytes allows 8192");
    assertThat(reason(records, 5)).contains("a JSON array, not an object");
    assertThat(reason(records, 7)).contains("no MQTT topic");
    assertThat(reason(records, 8)).contains("not well-formed UTF-8");
    assertThat(raw(records, 8)).as("bytes that are not UTF-8 are kept exactly")
        .isEqualTo("base64:" + java.util.Base64.getEncoder().encodeToString("{\"msgId\":\"XY8\",\"estateName\":\"丽景湾小区\"}".getBytes(Charset.forName("GBK"))));
    assertThat(reason(records, 9)).contains("'_ingest_rule' is reserved");
    assertThat(reason(records, 10)).contains("'topic' is the topic field's name");
    assertThat(reason(records, 11)).contains("duplicate key", "msgId");
    assertThat(reason(records, 12)).contains("content follows");
    assertThat(raw(records, 2)).isEqualTo("smoke detected!");
  }

  @Test
  void injectionStringsAndControlCharactersInValuesAreKeptVerbatim() throws Exception {
    TestRunner runner = runner();
    message(runner, TOPIC, "{\"msgId\":\"XY1'; DROP TABLE bronze.vendor_iot_alarm; --\",\"location\":\"<script>alert(1)</script>\","
        + "\"estateName\":\"a\\u0000b\\nc\\\"d\"}");
    runner.run();
    Map<String, String> r = records(onlySuccess(runner)).get(0);
    assertThat(r).containsEntry("msgId", "XY1'; DROP TABLE bronze.vendor_iot_alarm; --")
        .containsEntry("location", "<script>alert(1)</script>").containsEntry("estateName", "a\u0000b\nc\"d");
  }

  @Test
  void theBatchLandsValidMessagesInBronzeAndRejectsInQuarantineWithTheirRule() throws Exception {
    TestRunner runner = runner();
    message(runner, TOPIC, "{\"msgId\":\"XY1\",\"devSn\":\"SD1\",\"ts\":1764547200000}");
    message(runner, TOPIC, "{\"msgId\":\"XY2\",\"devSn\":");
    message(runner, TOPIC, "{\"devSn\":\"SD3\"}"); // no msgId: LandBronzeRecords' own INGEST-RECORD-ID
    runner.run();
    MockFlowFile batch = onlySuccess(runner);

    LakehouseConfig lakehouse = LakehouseConfig.embedded(dataDir);
    TestRunner land = TestRunners.newTestRunner(LandBronzeRecords.class);
    JsonTreeReader reader = new JsonTreeReader();
    land.addControllerService("reader", reader);
    land.enableControllerService(reader);
    land.setProperty(LandBronzeRecords.RECORD_READER, "reader");
    land.setProperty(LandBronzeRecords.FEED, ALARM);
    land.setProperty(LandBronzeRecords.CATALOG_URI, lakehouse.catalogUri());
    land.setProperty(LandBronzeRecords.WAREHOUSE, lakehouse.warehouse());
    land.enqueue(batch.getContentStream().readAllBytes());
    land.run();
    land.assertAllFlowFilesTransferred(LandBronzeRecords.REL_SUCCESS, 1);
    MockFlowFile landed = land.getFlowFilesForRelationship(LandBronzeRecords.REL_SUCCESS).get(0);
    landed.assertAttributeEquals(LandBronzeRecords.ATTR_READ, "3");
    landed.assertAttributeEquals(LandBronzeRecords.ATTR_LANDED, "1");
    landed.assertAttributeEquals(LandBronzeRecords.ATTR_QUARANTINED, "2");
    try (JdbcCatalog catalog = LakehouseCatalogs.open(lakehouse, null, null)) {
      List<Record> bronze = rows(catalog, LakehouseTable.bronze(ALARM).toString());
      assertThat(bronze).hasSize(1);
      assertThat(bronze.get(0).getField("topic")).isEqualTo(TOPIC);
      assertThat(bronze.get(0).getField("ts")).isEqualTo("1764547200000");
      assertThat(bronze.get(0).getField("_source_record_id")).isEqualTo("XY1");
      List<Record> quarantine = rows(catalog, "silver.quarantine");
      assertThat(quarantine).extracting(r -> r.getField("rule"))
          .containsExactlyInAnyOrder(MqttMessageRecord.RULE_JSON, IngestRules.RULE_RECORD_ID);
      assertThat(quarantine).extracting(r -> (String) r.getField("payload")).anyMatch(p -> p.contains("{\\\"msgId\\\":\\\"XY2\\\",\\\"devSn\\\":"));
    }
  }

  private static TestRunner runner() {
    TestRunner runner = TestRunners.newTestRunner(DecodeMqttMessages.class);
    runner.setProperty(DecodeMqttMessages.FEED, ALARM);
    return runner;
  }

  private static Map<String, String> attributes(String topic) {
    return Map.of(DecodeMqttMessages.ATTR_TOPIC, topic, DecodeMqttMessages.ATTR_BROKER, "tcp://broker.test:1883",
        "mqtt.qos", "1", "mqtt.isDuplicate", "false", "mqtt.isRetained", "false");
  }

  private static void message(TestRunner runner, String topic, String payload) {
    runner.enqueue(payload.getBytes(StandardCharsets.UTF_8), attributes(topic));
  }

  private static MockFlowFile onlySuccess(TestRunner runner) {
    runner.assertAllFlowFilesTransferred(DecodeMqttMessages.REL_SUCCESS, 1);
    return runner.getFlowFilesForRelationship(DecodeMqttMessages.REL_SUCCESS).get(0);
  }

  private static List<Map<String, String>> records(MockFlowFile out) throws Exception {
    return JSON.readValue(out.getContentStream().readAllBytes(), new TypeReference<List<Map<String, String>>>() {});
  }

  private static String reason(List<Map<String, String>> records, int line) {
    return reject(records, line).get(IngestRules.REJECT_REASON);
  }

  private static String raw(List<Map<String, String>> records, int line) {
    return reject(records, line).get(IngestRules.REJECT_RAW);
  }

  private static Map<String, String> reject(List<Map<String, String>> records, int line) {
    return records.stream().filter(r -> Integer.toString(line).equals(r.get(IngestRules.REJECT_LINE))).findFirst().orElseThrow();
  }

  private static List<Record> rows(JdbcCatalog catalog, String table) throws Exception {
    List<Record> out = new ArrayList<>();
    try (CloseableIterable<Record> it = IcebergGenerics.read(catalog.loadTable(TableIdentifier.parse(table))).build()) {
      it.forEach(out::add);
    }
    return out;
  }
}
