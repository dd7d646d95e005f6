package org.cdhub.flows.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecodeVendorPushTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID_NUMBER = "640104199001011234";

  private TestRunner runner;

  @BeforeEach
  void setUp() {
    runner = TestRunners.newTestRunner(DecodeVendorPush.class);
    runner.setProperty(DecodeVendorPush.MAX_BODY_SIZE, "64 KB");
  }

  private MockFlowFile decodeOk(byte[] body) {
    runner.enqueue(body, Map.of(AuthenticateVendorPush.ATTR_VENDOR, "haishi"));
    runner.run();
    runner.assertAllFlowFilesTransferred(DecodeVendorPush.REL_SUCCESS, 1);
    return runner.getFlowFilesForRelationship(DecodeVendorPush.REL_SUCCESS).get(0);
  }

  private JsonNode refused(byte[] body, int status) throws Exception {
    runner.clearTransferState();
    runner.enqueue(body, Map.of(AuthenticateVendorPush.ATTR_VENDOR, "haishi"));
    runner.run();
    runner.assertAllFlowFilesTransferred(DecodeVendorPush.REL_REJECTED, 1);
    MockFlowFile out = runner.getFlowFilesForRelationship(DecodeVendorPush.REL_REJECTED).get(0);
    out.assertAttributeEquals(PushRefusal.ATTR_STATUS, Integer.toString(status));
    JsonNode response = JSON.readTree(out.getContent());
    assertThat(response.get("status").asInt()).isEqualTo(status);
    assertThat(out.getAttribute(PushRefusal.ATTR_REASON)).isEqualTo(response.get("error").asText());
    return response;
  }

  private static List<Map<String, String>> records(MockFlowFile out) throws Exception {
    return JSON.readValue(out.getContent(), new TypeReference<>() {});
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> row(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void decodesJsonLinesKeepingEveryValueAsTheTextDelivered() throws Exception {
    byte[] body = utf8("\uFEFF{\"eventId\":\"AC00000000001\",\"personName\":\"Zhang San\",\"similarity\":0.930,\"plateNo\":null,"
        + "\"estateName\":\"丽景湾小区\",\"passed\":true}\r\n"
        + "\n"
        + "{\"eventId\":\"AC00000000002\",\"extra\":{\"b\":[1,2],\"a\":\"x\"},\"count\":12}\n");
    MockFlowFile out = decodeOk(body);
    out.assertAttributeEquals(DecodeVendorPush.ATTR_RECORD_COUNT, "2");
    Map<String, String> first = row("eventId", "AC00000000001", "personName", "Zhang San", "similarity", "0.930",
        "plateNo", null, "estateName", "丽景湾小区", "passed", "true");
    assertThat(records(out)).containsExactly(first,
        row("eventId", "AC00000000002", "extra", "{\"b\":[1,2],\"a\":\"x\"}", "count", "12"));
  }

  @Test
  void hostileValuesLandVerbatimAsText() throws Exception {
    String injection = "'; DROP TABLE bronze.vendor_access_pass; -- <script>alert(1)</script> ${jndi:ldap://x} #{lakehouse.warehouse}";
    Map<String, String> line = Map.of("eventId", "AC1", "deviceName", injection, "personName", "\u0000\u202Eevil😀");
    MockFlowFile out = decodeOk(JSON.writeValueAsBytes(line));
    assertThat(records(out)).containsExactly(line);
  }

  @Test
  void aTruncatedLastLineRefusesTheWholePushNamingTheLine() throws Exception {
    byte[] body = utf8("{\"eventId\":\"AC1\"}\n{\"eventId\":\"AC2\"}\n{\"eventId\":\"AC3\",\"idCardNo\":\"6401041990");
    JsonNode response = refused(body, 400);
    assertThat(response.get("error").asText()).startsWith("line 3: truncated");
    assertThat(runner.getFlowFilesForRelationship(DecodeVendorPush.REL_SUCCESS)).as("nothing goes on to landing").isEmpty();
  }

  @Test
  void aMalformedLineIsNamedWithoutQuotingWhatWasPushed() throws Exception {
    byte[] body = utf8("{\"eventId\":\"AC1\"}\n{\"eventId\":\"AC2\",\"idCardNo\":" + ID_NUMBER + "X}\n");
    JsonNode response = refused(body, 400);
    assertThat(response.get("error").asText()).startsWith("line 2: malformed JSON at column").doesNotContain(ID_NUMBER);
    assertThat(runner.getLogger().getWarnMessages()).allSatisfy(m -> assertThat(m.getMsg() + java.util.Arrays.toString(m.getArgs()))
        .doesNotContain(ID_NUMBER));
  }

  @Test
  void linesThatAreNotOneJsonObjectAreRefused() throws Exception {
    assertThat(refused(utf8("{\"eventId\":\"AC1\"}\n[{\"eventId\":\"AC2\"}]\n"), 400).get("error").asText())
        .isEqualTo("line 2: not a JSON object (starts with an array)");
    assertThat(refused(utf8("\"just a string\"\n"), 400).get("error").asText()).startsWith("line 1: not a JSON object");
    assertThat(refused(utf8("{\"eventId\":\"AC1\"} {\"eventId\":\"AC2\"}\n"), 400).get("error").asText())
        .startsWith("line 1: more than one JSON value");
    assertThat(refused(utf8("{\"eventId\":\"AC1\",\"eventId\":\"AC9\"}\n"), 400).get("error").asText())
        .startsWith("line 1: a field name appears twice");
    assertThat(refused(utf8("{\"eventId\":\"AC1\",\"_batch_id\":\"forged\"}\n"), 400).get("error").asText())
        .startsWith("line 1: field 2 has a blank name or one starting with '_'");
  }

  @Test
  void aBodyInAnotherEncodingIsRefusedNamingTheLine() throws Exception {
    byte[] gbk = "{\"eventId\":\"AC2\",\"estateName\":\"丽景湾小区\"}\n".getBytes(Charset.forName("GBK"));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(utf8("{\"eventId\":\"AC1\"}\n"));
    body.write(gbk);
    assertThat(refused(body.toByteArray(), 400).get("error").asText()).startsWith("line 2: not UTF-8");
  }

  @Test
  void anEmptyOrBlankBodyIsRefused() throws Exception {
    assertThat(refused(new byte[0], 400).get("error").asText()).startsWith("the body holds no JSON lines");
    runner.clearTransferState();
    assertThat(refused(utf8("\n \r\n\t\n"), 400).get("error").asText()).startsWith("the body holds no JSON lines");
  }

  @Test
  void deeplyNestedValuesAreRefusedNotAStackOverflow() throws Exception {
    String nested = "[".repeat(20_000) + "]".repeat(20_000);
    assertThat(refused(utf8("{\"eventId\":\"AC1\",\"x\":" + nested + "}\n"), 400).get("error").asText()).startsWith("line 1:");
  }

  @Test
  void aBodyOverTheLimitGets413BeforeItIsRead() throws Exception {
    runner.setProperty(DecodeVendorPush.MAX_BODY_SIZE, "100 B");
    String line = "{\"eventId\":\"AC1\",\"deviceName\":\"" + "x".repeat(100 - 34) + "\"}\n";
    assertThat(utf8(line)).hasSize(100);
    decodeOk(utf8(line)); // exactly at the limit
    runner.clearTransferState();
    JsonNode response = refused(utf8(line + " "), 413);
    assertThat(response.get("error").asText()).contains("101 bytes", "limit of 100 bytes");
  }
}
