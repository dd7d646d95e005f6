package org.cdhub.citygen.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's side of the push protocol, against a scripted endpoint in this JVM (the real one is tested in FlowRunner's PushIngestIT). */
class VendorPushReplayTest {
  @TempDir Path dir;
  private HttpServer server;
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
  private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

  /** Starts an endpoint answering each request with what {@code answer} returns for its 1-based number: "status body". */
  private URI endpoint(Function<Integer, String> answer) throws IOException {
    AtomicInteger n = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/push/vendor_access_pass", (HttpExchange ex) -> {
      bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
      String[] a = answer.apply(n.incrementAndGet()).split(" ", 2);
      byte[] out = a[1].getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(Integer.parseInt(a[0]), out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/push/vendor_access_pass");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private Path file(int lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= lines; i++) {
      sb.append("{\"eventId\":\"AC").append(i).append("\",\"estateName\":\"丽景湾小区\"}\n");
      if (i == 3) {
        sb.append("\n"); // a blank line is not a record
      }
    }
    Path f = dir.resolve("access_pass.jsonl");
    Files.writeString(f, sb.toString());
    return f;
  }

  private static VendorPushReplay.Options options(URI url, int lines, long maxBody) {
    return new VendorPushReplay.Options(url, "haishi", "s3cret", lines, maxBody, 4, Duration.ofMillis(10));
  }

  @Test
  void pushesTheFileInChunksWithTheVendorsCredentials() throws Exception {
    URI url = endpoint(n -> "200 {\"status\":200,\"read\":2,\"landed\":2,\"quarantined\":0,\"replayed\":false}");
    VendorPushReplay.Report report = new VendorPushReplay(options(url, 2, 1 << 20)).replay(file(5));
    assertThat(bodies).hasSize(3);
    assertThat(bodies.get(0)).isEqualTo("{\"eventId\":\"AC1\",\"estateName\":\"丽景湾小区\"}\n{\"eventId\":\"AC2\",\"estateName\":\"丽景湾小区\"}\n");
    assertThat(bodies.get(2)).isEqualTo("{\"eventId\":\"AC5\",\"estateName\":\"丽景湾小区\"}\n");
    assertThat(authorizations).allMatch(a -> a.equals("Basic " + Base64.getEncoder().encodeToString("haishi:s3cret".getBytes(StandardCharsets.UTF_8))));
    assertThat(report.lines()).isEqualTo(5);
    assertThat(report.pushes()).isEqualTo(3);
    assertThat(report.accepted()).isEqualTo(3);
    assertThat(report.landed()).isEqualTo(6); // what the scripted endpoint claimed, summed
    assertThat(report.refused()).isEmpty();
  }

  @Test
  void aChunkIsCutBeforeTheBodyLimit() throws Exception {
    URI url = endpoint(n -> "200 {\"read\":1,\"landed\":1}");
    int lineBytes = "{\"eventId\":\"AC1\",\"estateName\":\"丽景湾小区\"}\n".getBytes(StandardCharsets.UTF_8).length;
    new VendorPushReplay(options(url, 100, 2L * lineBytes)).replay(file(5));
    assertThat(bodies).hasSize(3);
    assertThat(bodies).allSatisfy(b -> assertThat(b.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2 * lineBytes));
  }

  @Test
  void a5xxIsRetriedWithTheSameChunk() throws Exception {
    URI url = endpoint(n -> n <= 2 ? "503 {\"status\":503,\"error\":\"retry later\"}" : "200 {\"read\":3,\"landed\":3,\"replayed\":true}");
    VendorPushReplay.Report report = new VendorPushReplay(options(url, 10, 1 << 20)).replay(file(3));
    assertThat(bodies).hasSize(3).containsOnly(bodies.get(0));
    assertThat(report.retries()).isEqualTo(2);
    assertThat(report.accepted()).isEqualTo(1);
    assertThat(report.replayed()).isEqualTo(1);
  }

  @Test
  void a400IsRecordedWithItsLinesAndTheReplayGoesOn() throws Exception {
    URI url = endpoint(n -> n == 1 ? "400 {\"status\":400,\"error\":\"line 2: truncated\"}" : "200 {\"read\":2,\"landed\":2}");
    VendorPushReplay.Report report = new VendorPushReplay(options(url, 2, 1 << 20)).replay(file(4));
    assertThat(report.refused()).containsExactly(new VendorPushReplay.Refusal(1, 2, 400, "line 2: truncated"));
    assertThat(report.accepted()).isEqualTo(1);
    assertThat(report.line()).contains("refused=1", "accepted=1");
  }

  @Test
  void a401StopsTheReplay() throws Exception {
    URI url = endpoint(n -> "401 {\"status\":401,\"error\":\"unknown vendor or wrong secret\"}");
    assertThatThrownBy(() -> new VendorPushReplay(options(url, 1, 1 << 20)).replay(file(4)))
        .isInstanceOf(VendorPushReplay.ReplayFailed.class).hasMessageContaining("wrong secret").hasMessageNotContaining("s3cret");
    assertThat(bodies).hasSize(1);
  }

  @Test
  void anEndpointThatNeverAnswersFailsAfterTheAttempts() throws Exception {
    URI url = endpoint(n -> "500 oops");
    server.stop(0);
    assertThatThrownBy(() -> new VendorPushReplay(options(url, 10, 1 << 20)).replay(file(2)))
        .isInstanceOf(VendorPushReplay.ReplayFailed.class).hasMessageContaining("lines 1-2").hasMessageContaining("4 attempts");
  }

  @Test
  void theSecretComesFromTheEnvironmentOnly() throws Exception {
    assertThat(VendorPushReplay.run(new String[] {"--url", "http://127.0.0.1:1/x", "--vendor", "haishi", "--file", "f"},
        java.util.Map.of())).isEqualTo(2);
    assertThat(new VendorPushReplay.Options(URI.create("http://x"), "haishi", "s3cret", 1, 1, 1, Duration.ZERO).toString())
        .doesNotContain("s3cret");
  }
}
