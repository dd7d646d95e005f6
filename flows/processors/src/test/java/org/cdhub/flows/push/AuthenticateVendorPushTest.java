package org.cdhub.flows.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockProcessContext;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticateVendorPushTest {
  private static final String HAISHI_SECRET = "hx-4242-secret";
  private static final String OTHER_SECRET = "other-vendor-secret";
  private static final byte[] BODY = "{\"eventId\":\"AC00000000001\"}\n".getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestRunner runner;

  @BeforeEach
  void setUp() throws Exception {
    runner = TestRunners.newTestRunner(AuthenticateVendorPush.class);
    runner.setProperty(AuthenticateVendorPush.VENDOR_CREDENTIALS,
        "haishi=" + VendorCredentials.digestOf(HAISHI_SECRET) + "\nother=" + VendorCredentials.digestOf(OTHER_SECRET));
  }

  private MockFlowFile push(Map<String, String> headers, org.apache.nifi.processor.Relationship expected) {
    Map<String, String> attributes = new HashMap<>(headers);
    attributes.put("http.remote.addr", "127.0.0.1");
    attributes.put("http.context.identifier", "ctx-1");
    runner.enqueue(BODY, attributes);
    runner.run();
    runner.assertAllFlowFilesTransferred(expected, 1);
    return runner.getFlowFilesForRelationship(expected).get(0);
  }

  @Test
  void aVendorWithItsOwnSecretIsAuthenticatedAndTheHeaderIsRemoved() throws Exception {
    MockFlowFile out = push(Map.of("http.headers.Authorization", VendorCredentialsTest.basic("haishi", HAISHI_SECRET)),
        AuthenticateVendorPush.REL_AUTHENTICATED);
    out.assertAttributeEquals(AuthenticateVendorPush.ATTR_VENDOR, "haishi");
    out.assertContentEquals(BODY);
    assertThat(out.getAttributes().keySet()).noneMatch(k -> k.equalsIgnoreCase("http.headers.authorization"));
    assertThat(out.getAttributes().values()).noneMatch(v -> v.contains(HAISHI_SECRET) || v.contains("Basic "));
    out.assertAttributeEquals("http.context.identifier", "ctx-1");
  }

  @Test
  void theHeaderAttributeIsFoundInAnyLetterCase() throws Exception {
    MockFlowFile out = push(Map.of("http.headers.authorization", VendorCredentialsTest.basic("other", OTHER_SECRET)),
        AuthenticateVendorPush.REL_AUTHENTICATED);
    out.assertAttributeEquals(AuthenticateVendorPush.ATTR_VENDOR, "other");
    assertThat(out.getAttributes()).doesNotContainKey("http.headers.authorization");
  }

  @Test
  void anotherVendorsSecretGets401WithTheBodyReplaced() throws Exception {
    MockFlowFile out = push(Map.of("http.headers.Authorization", VendorCredentialsTest.basic("haishi", OTHER_SECRET)),
        AuthenticateVendorPush.REL_UNAUTHORIZED);
    out.assertAttributeEquals(PushRefusal.ATTR_STATUS, "401");
    out.assertAttributeNotExists(AuthenticateVendorPush.ATTR_VENDOR);
    JsonNode body = JSON.readTree(out.getContent());
    assertThat(body.get("status").asInt()).isEqualTo(401);
    assertThat(body.get("error").asText()).contains("wrong secret");
    assertThat(out.getContent()).doesNotContain("AC00000000001");
    assertThat(out.getAttributes().keySet()).noneMatch(k -> k.equalsIgnoreCase("http.headers.authorization"));
  }

  @Test
  void noCredentialsGets401SayingSo() throws Exception {
    MockFlowFile out = push(Map.of(), AuthenticateVendorPush.REL_UNAUTHORIZED);
    out.assertAttributeEquals(PushRefusal.ATTR_STATUS, "401");
    assertThat(JSON.readTree(out.getContent()).get("error").asText()).startsWith("no credentials");
  }

  @Test
  void twoAuthorizationHeadersInDifferentCaseAreRefused() throws Exception {
    MockFlowFile out = push(Map.of(
        "http.headers.Authorization", VendorCredentialsTest.basic("haishi", "wrong"),
        "http.headers.AUTHORIZATION", VendorCredentialsTest.basic("haishi", HAISHI_SECRET)), AuthenticateVendorPush.REL_UNAUTHORIZED);
    assertThat(out.getAttributes().keySet()).noneMatch(k -> k.equalsIgnoreCase("http.headers.authorization"));
  }

  @Test
  void hostileHeadersAreRefusedAndNeverLogged() throws Exception {
    String injection = "Basic ' OR '1'='1 --<script>alert(1)</script>";
    push(Map.of("http.headers.Authorization", injection), AuthenticateVendorPush.REL_UNAUTHORIZED);
    runner.clearTransferState();
    push(Map.of("http.headers.Authorization", VendorCredentialsTest.basic("haishi", HAISHI_SECRET + "x")),
        AuthenticateVendorPush.REL_UNAUTHORIZED);
    List<LogMessage> all = new ArrayList<>(runner.getLogger().getWarnMessages());
    all.addAll(runner.getLogger().getErrorMessages());
    all.addAll(runner.getLogger().getInfoMessages());
    all.addAll(runner.getLogger().getDebugMessages());
    for (LogMessage m : all) {
      String text = m.getMsg() + " " + java.util.Arrays.toString(m.getArgs());
      assertThat(text).doesNotContain(HAISHI_SECRET).doesNotContain("OR '1'").doesNotContain("<script>")
          .doesNotContain(VendorCredentialsTest.basic("haishi", HAISHI_SECRET + "x").substring(6));
    }
    assertThat(runner.getLogger().getWarnMessages()).hasSize(2);
  }

  @Test
  void aPlainSecretInTheConfigurationIsInvalidAndNotEchoed() throws Exception {
    runner.setProperty(AuthenticateVendorPush.VENDOR_CREDENTIALS, "haishi=" + HAISHI_SECRET);
    runner.assertNotValid();
    Collection<ValidationResult> results = ((MockProcessContext) runner.getProcessContext()).validate();
    assertThat(results).isNotEmpty().allSatisfy(r -> assertThat(r.getExplanation() + r.getInput()).doesNotContain(HAISHI_SECRET));
  }

  @Test
  void theCredentialsPropertyIsSensitive() throws Exception {
    assertThat(AuthenticateVendorPush.VENDOR_CREDENTIALS.isSensitive()).isTrue();
  }
}
