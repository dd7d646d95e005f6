package org.cdhub.flows.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.cdhub.flows.landing.LakehouseCatalogs;
import org.cdhub.flows.push.VendorCredentials;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tier 3 (end to end) for the vendor push endpoint: the packaged runner runs
 * flows/definitions/vendor_access_pass.json with --listen-idle-ms, and this test pushes to it over
 * loopback as two vendors (and as impostors), then reads bronze and quarantine back.
 */
class PushIngestIT {
  private static final String FEED = "vendor_access_pass";
  private static final String HAISHI_SECRET = "haishi-7c1e-secret";
  private static final String KEYTOP_SECRET = "keytop-19ab-secret";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Shared by the tests so the NARs unpack once. */
  @TempDir static Path work;
  @TempDir Path dir;

  private static String line(String eventId, String personName, String idCardNo) {
    return "{\"eventId\":" + (eventId == null ? "null" : "\"" + eventId + "\"") + ",\"deviceSn\":\"HS-G1-0001\",\"deviceName\":\"3号楼2单元门禁\","
        + "\"estateName\":\"丽景湾小区\",\"personName\":\"" + personName + "\",\"idCardNo\":\"" + idCardNo + "\","
        + "\"passType\":\"FACE\",\"direction\":\"IN\",\"passTime\":\"2026-11-30 07:41:09\",\"similarity\":0.934,\"plateNo\":null}\n";
  }

  @Test
  void landsAuthenticatedPushesOnceAndRefusesTheRestWithTheRightStatus() throws Exception {
    LakehouseConfig lakehouse = LakehouseConfig.embedded(dir.resolve("lake"));
    int port = freePort();
    URI url = URI.create("http://127.0.0.1:" + port + "/push/vendor_access_pass");
    String goodBody = line("AC00000000001", "Zhang San", "640104199001011234")
        + line("AC00000000002", "LI SI", "64010419850505234X")
        + line(null, "Wang Wu", ""); // no eventId: quarantined, not refused
    String otherBody = line("AC00000000003", "zhaoliu", "") + line("AC00000000004", "Sun Qi", "");

    Process runner = start(lakehouse, port, List.of());
    try {
      awaitListening(port, runner);

      HttpResponse<String> first = post(url, basic("haishi", HAISHI_SECRET), goodBody);
      assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
      JsonNode landed = JSON.readTree(first.body());
      assertThat(landed.get("landed").asInt()).isEqualTo(2);
      assertThat(landed.get("quarantined").asInt()).isEqualTo(1);
      assertThat(landed.get("replayed").asBoolean()).isFalse();
      assertThat(landed.get("batch").asText()).startsWith(FEED + "-");

      HttpResponse<String> again = post(url, basic("haishi", HAISHI_SECRET), goodBody);
      assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
      assertThat(JSON.readTree(again.body()).get("replayed").asBoolean()).as("the same push twice adds nothing").isTrue();
      assertThat(JSON.readTree(again.body()).get("batch").asText()).isEqualTo(landed.get("batch").asText());

      String impostorBody = line("AC00000000091", "Impostor", "");
      HttpResponse<String> wrongVendor = post(url, basic("keytop", HAISHI_SECRET), impostorBody);
      assertThat(wrongVendor.statusCode()).isEqualTo(401);
      assertThat(wrongVendor.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
      assertThat(JSON.readTree(wrongVendor.body()).get("error").asText()).contains("wrong secret");
      assertThat(post(url, null, impostorBody).statusCode()).as("no credentials").isEqualTo(401);

      String truncated = line("AC00000000092", "Half", "") + line("AC00000000093", "Half", "");
      truncated += line("AC00000000094", "Half", "").substring(0, 60);
      HttpResponse<String> cut = post(url, basic("haishi", HAISHI_SECRET), truncated);
      assertThat(cut.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(cut.body()).get("error").asText()).startsWith("line 3: truncated");

      StringBuilder big = new StringBuilder();
      for (int i = 0; big.length() <= 4096; i++) {
        big.append(line("AC000000010" + (10 + i), "Big", ""));
      }
      HttpResponse<String> oversize = post(url, basic("haishi", HAISHI_SECRET), big.toString());
      assertThat(oversize.statusCode()).isEqualTo(413);
      assertThat(JSON.readTree(oversize.body()).get("error").asText()).contains("limit of 4096 bytes");

      HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).as("only POST").isEqualTo(405);
      HttpResponse<String> elsewhere = post(URI.create("http://127.0.0.1:" + port + "/push/other_feed"), basic("haishi", HAISHI_SECRET), goodBody);
      assertThat(elsewhere.statusCode()).as("another path").isEqualTo(404);

      HttpResponse<String> second = post(url, basic("keytop", KEYTOP_SECRET), otherBody);
      assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
      assertThat(JSON.readTree(second.body()).get("landed").asInt()).isEqualTo(2);

      assertThat(runner.waitFor(120, TimeUnit.SECONDS)).as("the runner stops once nothing arrived for --listen-idle-ms").isTrue();
    } finally {
      runner.destroyForcibly();
    }
    String stdout = Files.readString(dir.resolve("runner.out"), StandardCharsets.UTF_8);
    String stderr = Files.readString(dir.resolve("runner.err"), StandardCharsets.UTF_8);
    System.out.println(stderr); // progress lines with trigger times, kept in the failsafe report
    assertThat(runner.exitValue()).as(stderr).isZero();
    assertThat(stdout.strip()).as(stderr)
        .matches("INGEST feed=vendor_access_pass read=8 landed=6 quarantined=2 batches=2 duration_ms=\\d+");
    assertThat(stderr).contains("refused a push: 401", "refused a push: 400 line 3: truncated", "refused a push: 413")
        .doesNotContain(HAISHI_SECRET).doesNotContain(KEYTOP_SECRET).doesNotContain("640104199001011234");

    List<Record> bronze = rows(lakehouse, LakehouseTable.bronze(FEED));
    assertThat(bronze).extracting(r -> r.getField("eventId"))
        .containsExactlyInAnyOrder("AC00000000001", "AC00000000002", "AC00000000003", "AC00000000004");
    assertThat(bronze).extracting(r -> r.getField("similarity")).containsOnly("0.934");
    assertThat(bronze).extracting(r -> r.getField("personName")).contains("Zhang San", "LI SI");
    List<Record> quarantine = rows(lakehouse, LakehouseTable.QUARANTINE.identifier());
    assertThat(quarantine).extracting(r -> r.getField("rule")).containsExactly("INGEST-RECORD-ID");
  }

  @Test
  void answers503AndLandsNothingWhenTheLakehouseCannotTakeTheBatch() throws Exception {
    LakehouseConfig lakehouse = LakehouseConfig.embedded(dir.resolve("lake"));
    int port = freePort();
    URI url = URI.create("http://127.0.0.1:" + port + "/push/vendor_access_pass");
    // the catalog opens, but no table file can be written under /dev/null
    Process runner = start(lakehouse, port, List.of("--param", "lakehouse.warehouse=file:/dev/null/warehouse"));
    try {
      awaitListening(port, runner);
      HttpResponse<String> response = post(url, basic("haishi", HAISHI_SECRET), line("AC00000000201", "Zhao Liu", ""));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).contains("60");
      assertThat(JSON.readTree(response.body()).get("error").asText()).contains("retry later");
      assertThat(runner.waitFor(120, TimeUnit.SECONDS)).isTrue();
    } finally {
      runner.destroyForcibly();
    }
    String stderr = Files.readString(dir.resolve("runner.err"), StandardCharsets.UTF_8);
    assertThat(runner.exitValue()).as("a batch that could not be landed fails the run loudly: %s", stderr).isEqualTo(1);
    assertThat(stderr).contains("could not be landed");
    assertThat(Files.readString(dir.resolve("runner.out"), StandardCharsets.UTF_8)).doesNotContain("INGEST");
    try (JdbcCatalog catalog = LakehouseCatalogs.open(lakehouse, null, null)) {
      assertThat(catalog.tableExists(LakehouseTable.bronze(FEED))).as("nothing landed").isFalse();
    }
  }

  private static String basic(String vendor, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((vendor + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> post(URI url, String authorization, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private Process start(LakehouseConfig lakehouse, int port, List<String> moreArgs) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.addAll(lakehouse.asSystemPropertyArgs());
    cmd.add("-jar");
    cmd.add(System.getProperty("hub.flows.runner.jar"));
    cmd.addAll(List.of("--flow", Path.of(System.getProperty("hub.flows.definitions"), FEED + ".json").toString()));
    cmd.addAll(List.of("--work-dir", work.toString()));
    cmd.addAll(List.of("--listen-idle-ms", "6000"));
    cmd.addAll(List.of("--param", "push.port=" + port));
    cmd.addAll(List.of("--param", "push.max.body.size=4096 B"));
    cmd.addAll(List.of("--param", "push.vendor.credentials=haishi=" + VendorCredentials.digestOf(HAISHI_SECRET)
        + ",keytop=" + VendorCredentials.digestOf(KEYTOP_SECRET)));
    cmd.addAll(moreArgs);
    return new ProcessBuilder(cmd).redirectOutput(dir.resolve("runner.out").toFile()).redirectError(dir.resolve("runner.err").toFile()).start();
  }

  /** The endpoint listens from the flow's first trigger on (after the NARs are unpacked). */
  private void awaitListening(int port, Process runner) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
    while (System.nanoTime() < deadline) {
      if (!runner.isAlive()) {
        throw new AssertionError("runner exited " + runner.exitValue() + ": " + Files.readString(dir.resolve("runner.err")));
      }
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (ConnectException e) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("the endpoint never listened: " + Files.readString(dir.resolve("runner.err")));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static List<Record> rows(LakehouseConfig lakehouse, TableIdentifier table) throws IOException {
    try (JdbcCatalog catalog = LakehouseCatalogs.open(lakehouse, null, null)) {
      List<Record> rows = new ArrayList<>();
      try (CloseableIterable<Record> it = IcebergGenerics.read(catalog.loadTable(table)).build()) {
        it.forEach(r -> rows.add(r.copy()));
      }
      return rows;
    }
  }
}
