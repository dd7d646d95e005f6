package org.cdhub.flows.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.cdhub.flows.landing.IngestRules;
import org.cdhub.flows.landing.LandBronzeRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Component tests of PullJsonPages under nifi-mock against a scripted loopback API. */
class PullJsonPagesTest {
  private static final String TOKEN = "s3cret-token";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScriptedApi api;
  private TestRunner runner;

  @BeforeEach
  void start() throws Exception {
    api = new ScriptedApi(TOKEN);
    runner = TestRunners.newTestRunner(PullJsonPages.class);
    runner.setProperty(PullJsonPages.BASE_URL, api.base().toString());
    runner.setProperty(PullJsonPages.FIRST_PAGE, "page-0001.json");
    runner.setProperty(PullJsonPages.BEARER_TOKEN, TOKEN);
    runner.setProperty(PullJsonPages.READ_TIMEOUT, "2 sec");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  // ---- paging and resume ----

  @Test
  void followsNextThroughEveryPageOneFlowFilePerPage() throws Exception {
    api.page("page-0001.json", page(1, "page-0002.json", item("E1", "甲公司"), item("E2", "乙公司")));
    api.page("page-0002.json", page(2, "page-0003.json", item("E3", "丙公司")));
    api.page("page-0003.json", page(3, null, item("E4", "丁公司"), item("E5", "戊公司")));

    runner.run();

    List<MockFlowFile> pages = runner.getFlowFilesForRelationship(PullJsonPages.REL_SUCCESS);
    assertThat(pages).hasSize(3);
    assertThat(pages).extracting(f -> f.getAttribute(PullJsonPages.ATTR_PAGE_NUMBER)).containsExactly("1", "2", "3");
    assertThat(pages).extracting(f -> f.getAttribute(PullJsonPages.ATTR_RECORD_COUNT)).containsExactly("2", "1", "2");
    assertThat(pages.get(1).getAttribute(PullJsonPages.ATTR_PAGE_URL)).isEqualTo(api.base() + "page-0002.json");
    assertThat(ids(pages.get(0))).containsExactly("E1", "E2");
    assertThat(ids(pages.get(2))).containsExactly("E4", "E5");
    assertThat(records(pages.get(0)).get(0)).containsEntry("entname", "甲公司");
    runner.assertTransferCount(PullJsonPages.REL_FAILURE, 0);
    assertThat(api.requests()).containsExactly("page-0001.json", "page-0002.json", "page-0003.json");
    assertThat(api.authorizations()).containsOnly("Bearer " + TOKEN);
    // at the end of the chain the cursor stays on the last page with what it delivered
    runner.getStateManager().assertStateEquals(PullCursor.KEY_PAGE, api.base() + "page-0003.json", Scope.CLUSTER);
    runner.getStateManager().assertStateEquals(PullCursor.KEY_DELIVERED, "2", Scope.CLUSTER);
  }

  @Test
  void resumesAtTheLastPageAndDeliversOnlyWhatWasAppended() throws Exception {
    api.page("page-0001.json", page(1, "page-0002.json", item("E1", "甲")));
    api.page("page-0002.json", page(2, null, item("E2", "乙")));
    runner.run();
    assertThat(runner.getFlowFilesForRelationship(PullJsonPages.REL_SUCCESS)).hasSize(2);
    runner.clearTransferState();
    api.requests().clear();

    runner.run(); // nothing new: the last page is read again and yields nothing
    runner.assertTransferCount(PullJsonPages.REL_SUCCESS, 0);
    runner.assertTransferCount(PullJsonPages.REL_FAILURE, 0);
    assertThat(api.requests()).containsExactly("page-0002.json");

    // the vendor appends to the last page, then fills it and links a new one
    api.page("page-0002.json", page(2, "page-0003.json", item("E2", "乙"), item("E3", "丙")));
    api.page("page-0003.json", page(3, null, item("E4", "丁")));
    runner.run();
    List<MockFlowFile> pages = runner.getFlowFilesForRelationship(PullJsonPages.REL_SUCCESS);
    assertThat(pages).hasSize(2);
    assertThat(ids(pages.get(0))).containsExactly("E3");
    pages.get(0).assertAttributeEquals(PullJsonPages.ATTR_SKIPPED, "1");
    pages.get(0).assertAttributeEquals(PullJsonPages.ATTR_RECORD_COUNT, "1");
    assertThat(ids(pages.get(1))).containsExactly("E4");
    runner.getStateManager().assertStateEquals(PullCursor.KEY_PAGE, api.base() + "page-0003.json", Scope.CLUSTER);
  }

  @Test
  void deliversALastPageWholeWhenItsDeliveredItemsChanged() throws Exception {
    api.page("page-0001.json", page(1, null, item("E1", "甲"), item("E2", "乙")));
    runner.run();
    runner.clearTransferState();
    api.page("page-0001.json", page(1, null, item("E1", "甲（更名）"), item("E2", "乙"), item("E3", "丙")));

    runner.run();

    List<MockFlowFile> pages = runner.getFlowFilesForRelationship(PullJsonPages.REL_SUCCESS);
    assertThat(pages).hasSize(1);
    assertThat(ids(pages.get(0))).containsExactly("E1", "E2", "E3");
    pages.get(0).assertAttributeEquals(PullJsonPages.ATTR_SKIPPED, "0");
  }

  @Test
  void stopsAtMaxPagesPerRunAndTheNextRunContinues() throws Exception {
    runner.setProperty(PullJsonPages.MAX_PAGES_PER_RUN, "2");
    for (int p = 1; p <= 5; p++) {
      api.page(String.format("page-%04d.json", p), page(p, p < 5 ? String.format("page-%04d.json", p + 1) : null, item("E" + p, "企业" + p)));
    }
    runner.run();
    assertThat(runner.getFlowFilesForRelationship(PullJsonPages.REL_SUCCESS)).hasSize(2);
    runner.getStateManager().assertStateEquals(PullCursor.KEY_PAGE, api.base() + "page-0003.json", Scope.CLUSTER);
    runner.clearTransferState();

    runner.run();
    runner.run();

    List<MockFlowFile> rest = runner.getFlowFilesForRelationship(PullJsonPages.REL_SUCCESS);
    assertThat(rest).flatExtracting(PullJsonPagesTest::ids).containsExactly("E3", "E4", "E5");
  }

  @Test
  void aNewFirstPageStartsOver() throws Exception {
    api.page("page-0001.json", page(1, null, item("E1", "甲")));
    api.page("v2/page-0001.json", page(1, null, item("F1", "新")));
    runner.run();
    runner.clearTransferState();

    runner.setProperty(PullJsonPages.FIRST_PAGE, "v2/page-0001.json");
    runner.run();

    assertThat(runner.getFlowFilesForRelationship(PullJsonPages.REL_SUCCESS)).flatExtracting(PullJsonPagesTest::ids).containsExactly("F1");
  }

  @Test
  void aKeptPageOnAnotherHostIsNotRequestedTheFirstPageIs() throws Exception {
    api.page("page-0001.json", page(1, null, item("E1", "甲")));
    runner.getStateManager().setState(Map.of(PullCursor.KEY_FIRST_PAGE, api.base() + "page-0001.json",
        PullCursor.KEY_PAGE, "http://attacker.example/page-0009.json", PullCursor.KEY_DELIVERED, "0"), Scope.CLUSTER);

    runner.run();

    assertThat(runner.getFlowFilesForRelationship(PullJsonPages.REL_SUCCESS)).flatExtracting(PullJsonPagesTest::ids).containsExactly("E1");
    assertThat(api.requests()).containsExactly("page-0001.json");
  }

  // ---- what goes wrong on the wire ----

  @Test
  void aWrongTokenFailsWith401AndMovesNothing() throws Exception {
    api.page("page-0001.json", page(1, null, item("E1", "甲")));
    api.token("another-token");

    runner.run();

    MockFlowFile failed = onlyFailure();
    assertThat(failed.getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON))
        .contains("page " + api.base() + "page-0001.json", "HTTP 401", "bearer token").doesNotContain(TOKEN);
    failed.assertAttributeEquals(PullJsonPages.ATTR_HTTP_STATUS, "401");
    runner.assertTransferCount(PullJsonPages.REL_SUCCESS, 0);
    assertThat(runner.getStateManager().getState(Scope.CLUSTER).toMap()).isEmpty();
  }

  @Test
  void noTokenConfiguredSendsNoAuthorization() throws Exception {
    runner.removeProperty(PullJsonPages.BEARER_TOKEN);
    api.page("page-0001.json", page(1, null, item("E1", "甲")));

    runner.run();

    assertThat(onlyFailure().getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON)).contains("HTTP 401");
    assertThat(api.authorizations()).containsExactly("");
  }

  @Test
  void aServerErrorMidChainKeepsTheCursorOnThatPageAndTheNextRunGoesOnFromIt() throws Exception {
    api.page("page-0001.json", page(1, "page-0002.json", item("E1", "甲")));
    api.page("page-0002.json", new ScriptedApi.Status(500, "{\"error\":\"db down\"}"));

    runner.run();

    assertThat(runner.getFlowFilesForRelationship(PullJsonPages.REL_SUCCESS)).flatExtracting(PullJsonPagesTest::ids).containsExactly("E1");
    MockFlowFile failed = onlyFailure();
    assertThat(failed.getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON)).contains("page-0002.json", "HTTP 500");
    failed.assertContentEquals("{\"error\":\"db down\"}");
    runner.getStateManager().assertStateEquals(PullCursor.KEY_PAGE, api.base() + "page-0002.json", Scope.CLUSTER);

    runner.clearTransferState();
    api.requests().clear();
    api.page("page-0002.json", page(2, null, item("E2", "乙")));
    runner.run();
    assertThat(api.requests()).containsExactly("page-0002.json");
    assertThat(runner.getFlowFilesForRelationship(PullJsonPages.REL_SUCCESS)).flatExtracting(PullJsonPagesTest::ids).containsExactly("E2");
  }

  @Test
  void aServerThatDoesNotAnswerInTimeFails() throws Exception {
    runner.setProperty(PullJsonPages.READ_TIMEOUT, "300 ms");
    api.page("page-0001.json", new ScriptedApi.Stall(3000, false));

    long t0 = System.nanoTime();
    runner.run();

    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2500);
    assertThat(onlyFailure().getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON)).contains("page-0001.json", "read timeout");
  }

  @Test
  void aBodyThatStallsHalfwayFailsOnTheReadTimeout() throws Exception {
    runner.setProperty(PullJsonPages.READ_TIMEOUT, "300 ms");
    api.page("page-0001.json", new ScriptedApi.Stall(3000, true));

    long t0 = System.nanoTime();
    runner.run();

    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2500);
    assertThat(onlyFailure().getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON)).contains("read timeout", "body bytes had arrived");
  }

  @Test
  void anUnreachableApiFailsWithCannotConnect() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    runner.setProperty(PullJsonPages.BASE_URL, "http://127.0.0.1:" + port + "/api/");

    runner.run();

    assertThat(onlyFailure().getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON)).contains("page-0001.json", "cannot connect");
  }

  @Test
  void aConnectionCutShortFails() throws Exception {
    byte[] body = page(1, null, item("E1", "甲"), item("E2", "乙")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (CutShortServer crashing = new CutShortServer(body, 20)) {
      runner.setProperty(PullJsonPages.BASE_URL, crashing.base().toString());

      long t0 = System.nanoTime();
      runner.run();

      assertThat((System.nanoTime() - t0) / 1_000_000).as("fails at once, not on the read timeout").isLessThan(1500);
      MockFlowFile failed = onlyFailure();
      assertThat(failed.getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON)).contains("page-0001.json", "incomplete response");
      runner.assertTransferCount(PullJsonPages.REL_SUCCESS, 0);
    }
  }

  @Test
  void aTruncatedPageFailsNamingPageAndOffsetAndKeepsTheBytes() throws Exception {
    String whole = page(1, null, item("E1", "甲"), item("E2", "乙"));
    String truncated = whole.substring(0, whole.length() - 12);
    api.page("page-0001.json", truncated);

    runner.run();

    MockFlowFile failed = onlyFailure();
    int bytes = truncated.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    assertThat(failed.getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON))
        .contains("page " + api.base() + "page-0001.json", "truncated", "byte " + bytes);
    failed.assertContentEquals(truncated);
    runner.assertTransferCount(PullJsonPages.REL_SUCCESS, 0);
  }

  @Test
  void malformedJsonFailsNamingTheOffsetWithoutEchoingIdNumbers() throws Exception {
    String body = "{\"page\":1,\"next\":null,\"items\":[{\"pripid\":\"E1\",\"sfzh\":640104195001011234X}]}";
    api.page("page-0001.json", body);

    runner.run();

    String reason = onlyFailure().getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON);
    assertThat(reason).contains("page-0001.json", "malformed JSON", "at byte " + body.indexOf('X'))
        .doesNotContain("640104195001011234");
  }

  @Test
  void aPageWithoutItemsFails() throws Exception {
    api.page("page-0001.json", "{\"page\":1,\"next\":null,\"data\":[]}");

    runner.run();

    assertThat(onlyFailure().getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON)).contains("page-0001.json", "has no items array");
  }

  @Test
  void bodiesThatAreNotPagesFail() throws Exception {
    api.page("page-0001.json", "[{\"pripid\":\"E1\"}]");
    runner.run();
    assertThat(onlyFailure().getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON)).contains("is not a JSON object");
    runner.clearTransferState();

    api.page("page-0001.json", "{\"page\":1,\"next\":7,\"items\":[]}");
    runner.run();
    assertThat(onlyFailure().getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON)).contains("next must be a string or null");
    runner.clearTransferState();

    api.page("page-0001.json", "{\"page\":1,\"next\":null,\"items\":[]} {\"again\":1}");
    runner.run();
    assertThat(onlyFailure().getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON)).contains("content after the page object");
  }

  @Test
  void aBodyOverTheLimitFailsWhetherItsLengthIsDeclaredOrNot() throws Exception {
    runner.setProperty(PullJsonPages.MAX_PAGE_SIZE, "1 KB");
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      big.append(i == 0 ? "" : ",").append(item("E" + i, "一家名字很长很长的企业有限公司" + i));
    }
    api.page("page-0001.json", "{\"page\":1,\"next\":null,\"items\":[" + big + "]}");
    runner.run();
    assertThat(onlyFailure().getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON)).contains("over the limit of 1024 bytes");
    runner.clearTransferState();

    api.page("page-0001.json", new ScriptedApi.Chunked(5_000_000));
    runner.run();
    assertThat(onlyFailure().getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON)).contains("exceeded the limit of 1024 bytes");
    runner.assertTransferCount(PullJsonPages.REL_SUCCESS, 0);
  }

  @Test
  void aNextLinkToAnotherHostIsNotFollowedSoTheTokenStaysHome() throws Exception {
    api.page("page-0001.json", page(1, "http://attacker.example/steal.json", item("E1", "甲")));

    runner.run();

    assertThat(runner.getFlowFilesForRelationship(PullJsonPages.REL_SUCCESS)).hasSize(1);
    assertThat(onlyFailure().getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON))
        .contains("next link http://attacker.example/steal.json leaves the API's origin");
    assertThat(api.requests()).containsExactly("page-0001.json");
  }

  @Test
  void nextLinksThatLoopAreRefused() throws Exception {
    api.page("page-0001.json", page(1, "page-0002.json", item("E1", "甲")));
    api.page("page-0002.json", page(2, "page-0001.json", item("E2", "乙")));

    runner.run();

    assertThat(runner.getFlowFilesForRelationship(PullJsonPages.REL_SUCCESS)).hasSize(2);
    assertThat(onlyFailure().getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON)).contains("loop back");
  }

  // ---- what the items hold ----

  @Test
  void hostileValuesPassThroughExactlyAsText() throws Exception {
    String longAddress = "金凤区".repeat(1700);
    Map<String, Object> hostile = new LinkedHashMap<>();
    hostile.put("pripid", "E1");
    hostile.put("entname", "Robert'); DROP TABLE bronze.mr_enterprise;--");
    hostile.put("dom", longAddress);
    hostile.put("lerep", "张\u0000三\u001b[31m\r\n李四");
    hostile.put("opscope", "🏠 零售 <script>alert(1)</script> ${jndi:ldap://x/a} #{lakehouse.catalog.password}");
    hostile.put("regcap", 1234567.890);
    hostile.put("estdate", null);
    hostile.put("extra", Map.of("nested", List.of(1, 2)));
    String body = "{\"page\":\"1\",\"next\":null,\"items\":[" + JSON.writeValueAsString(hostile) + "]}";
    api.page("page-0001.json", body);

    runner.run();

    MockFlowFile out = runner.getFlowFilesForRelationship(PullJsonPages.REL_SUCCESS).get(0);
    Map<String, String> r = records(out).get(0);
    assertThat(r).containsEntry("entname", "Robert'); DROP TABLE bronze.mr_enterprise;--")
        .containsEntry("dom", longAddress)
        .containsEntry("lerep", "张\u0000三\u001b[31m\r\n李四")
        .containsEntry("opscope", "🏠 零售 <script>alert(1)</script> ${jndi:ldap://x/a} #{lakehouse.catalog.password}")
        .containsEntry("regcap", "1234567.89")
        .containsEntry("estdate", null)
        .containsEntry("extra", "{\"nested\":[1,2]}");
    out.assertAttributeEquals(PullJsonPages.ATTR_REJECTED, "0");
  }

  @Test
  void itemsThatCannotBeRecordsBecomeRejectsThatLandInQuarantine() throws Exception {
    api.page("page-0001.json", "{\"page\":1,\"next\":null,\"items\":["
        + "{\"pripid\":\"E1\"},"
        + "\"just a string\","
        + "{\"pripid\":\"E3\",\"_ingest_rule\":\"FAKE\"},"
        + "{\"pripid\":\"E4\",\"pripid\":\"E4b\"},"
        + "[1,2]]}");

    runner.run();

    MockFlowFile out = runner.getFlowFilesForRelationship(PullJsonPages.REL_SUCCESS).get(0);
    out.assertAttributeEquals(PullJsonPages.ATTR_RECORD_COUNT, "5");
    out.assertAttributeEquals(PullJsonPages.ATTR_REJECTED, "4");
    List<Map<String, String>> rs = records(out);
    assertThat(rs.get(0)).containsEntry("pripid", "E1");
    assertThat(rs.subList(1, 5)).allSatisfy(r -> assertThat(r).containsEntry(IngestRules.REJECT_RULE, JsonPage.RULE_ITEM));
    assertThat(rs.get(1)).containsEntry(IngestRules.REJECT_LINE, "page " + api.base() + "page-0001.json item 2")
        .containsEntry(IngestRules.REJECT_RAW, "just a string");
    assertThat(rs.get(2).get(IngestRules.REJECT_REASON)).contains("reserved field name '_ingest_rule'");
    assertThat(rs.get(3).get(IngestRules.REJECT_REASON)).contains("repeats the field 'pripid'");
    assertThat(rs.get(4)).containsEntry(IngestRules.REJECT_RAW, "[1,2]");
  }

  @Test
  void anEmptyItemsArrayIsNotAFailureAndLandsNothing() throws Exception {
    api.page("page-0001.json", "{\"page\":1,\"next\":null,\"items\":[]}");

    runner.run();

    runner.assertTransferCount(PullJsonPages.REL_SUCCESS, 0);
    runner.assertTransferCount(PullJsonPages.REL_FAILURE, 0);
  }

  @Test
  void aFirstPageOnAnotherHostIsInvalid() {
    runner.setProperty(PullJsonPages.FIRST_PAGE, "http://elsewhere.example/page-0001.json");
    runner.assertNotValid();
    runner.setProperty(PullJsonPages.FIRST_PAGE, "page-0001.json");
    runner.setProperty(PullJsonPages.BASE_URL, "ftp://127.0.0.1/");
    runner.assertNotValid();
  }

  // ---- helpers ----

  private MockFlowFile onlyFailure() {
    List<MockFlowFile> failed = runner.getFlowFilesForRelationship(PullJsonPages.REL_FAILURE);
    assertThat(failed).hasSize(1);
    return failed.get(0);
  }

  private static String item(String id, String name) {
    ObjectNode o = JSON.createObjectNode();
    o.put("pripid", id);
    o.put("entname", name);
    o.put("regcap", 50);
    return o.toString();
  }

  private static String page(int n, String next, String... items) {
    ObjectNode o = JSON.createObjectNode();
    o.put("page", n);
    if (next == null) {
      o.putNull("next");
    } else {
      o.put("next", next);
    }
    ArrayNode a = o.putArray("items");
    for (String i : items) {
      try {
        a.add(JSON.readTree(i));
      } catch (Exception e) {
        throw new IllegalArgumentException(e);
      }
    }
    return o.toString();
  }

  private static List<Map<String, String>> records(MockFlowFile f) throws Exception {
    return JSON.readValue(f.getContent(), new TypeReference<List<Map<String, String>>>() {});
  }

  private static List<String> ids(MockFlowFile f) {
    try {
      List<String> ids = new ArrayList<>();
      records(f).forEach(r -> ids.add(r.get("pripid")));
      return ids;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
