package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The open-loop roster load against a stub API on loopback. */
class RosterLoadTest {
  static final String NORTH = "640106001001";
  static final String SOUTH = "640106001002";

  HttpServer stub;
  final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startStub() throws Exception {
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext("/api/v1/communities/", exchange -> {
      String query = exchange.getRequestURI().getRawQuery();
      seen.add(exchange.getRequestURI().getPath() + "?" + query + " key=" + exchange.getRequestHeaders().getFirst("X-API-Key"));
      int status = exchange.getRequestURI().getPath().contains(SOUTH) ? 503 : 200;
      // the first page points at a second one, which is the last
      String body = query.contains("cursor=") ? "{\"page\":{\"hasMore\":false}}"
          : "{\"page\":{\"hasMore\":true,\"nextCursor\":\"cjF8NjQw\"}}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    stub.start();
  }

  @AfterEach
  void stopStub() {
    stub.stop(0);
  }

  @Test
  void sendsEveryScheduledRequestAndFollowsTheCursor() throws Exception {
    RosterLoad.Result result = load(List.of(NORTH), 40, Duration.ofSeconds(2)).run(quiet());

    assertThat(result.sent()).isEqualTo(40);
    assertThat(result.errors()).isZero();
    assertThat(result.latenciesNanos()).hasSize(40).isSorted();
    assertThat(seen).as("20 + 40 warming up, 40 measured").hasSize(100).allSatisfy(r -> assertThat(r).contains("limit=100").endsWith("key=bench-key-0123456789"));
    assertThat(seen).anySatisfy(r -> assertThat(r).contains("cursor=cjF8NjQw"));
    assertThat(result.summaryLine()).matches("rps=40 p50_ms=[0-9.]+ p99_ms=[0-9.]+ errors=0");
  }

  @Test
  void countsNon2xxAnswersAsErrorsButStillMeasuresThem() throws Exception {
    RosterLoad.Result result = load(List.of(NORTH, SOUTH), 20, Duration.ZERO).run(quiet());

    assertThat(result.errors()).isEqualTo(10);
    assertThat(result.errorKinds()).containsExactly(java.util.Map.entry("HTTP 503", 10L));
    assertThat(result.latenciesNanos()).hasSize(20);
  }

  @Test
  void printsOneProgressLinePerScheduledSecond() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    load(List.of(NORTH), 20, Duration.ofSeconds(1)).run(new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
        .satisfiesExactly(
            first -> assertThat(first).startsWith("bench api: second 1 (warm-up) sent=20 answered=20 errors=0 slowest_ms="),
            second -> assertThat(second).startsWith("bench api: second 2 (measured) sent=20 answered=20 errors=0 slowest_ms="));
  }

  @Test
  void waitsForAFirstPageAndSaysWhyWhenNoneComes() throws Exception {
    load(List.of(NORTH), 10, Duration.ZERO).awaitFirstPage(Duration.ofSeconds(5));

    assertThatThrownBy(() -> load(List.of(SOUTH), 10, Duration.ZERO).awaitFirstPage(Duration.ofMillis(300)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cannot start the roster load: no first page from http://127.0.0.1:")
        .hasMessageContaining("last answer: HTTP 503");
  }

  @Test
  void rampsTheWarmUpUpToTheFullRate() {
    RosterLoad.Settings settings = new RosterLoad.Settings(URI.create("http://127.0.0.1:1"), "k", List.of(NORTH), 300,
        Duration.ofSeconds(4), Duration.ofSeconds(2), 100);

    assertThat(settings.perSecond()).containsExactly(75, 150, 225, 300, 300, 300);
  }

  @Test
  void takesNearestRankPercentiles() {
    long[] latencies = new long[100];
    for (int i = 0; i < 100; i++) {
      latencies[i] = (i + 1) * 1_000_000L;
    }
    RosterLoad.Result result = new RosterLoad.Result(300, 100, 0, latencies, 0, java.util.Map.of());

    assertThat(result.percentileMs(50)).isEqualTo(50.0);
    assertThat(result.percentileMs(99)).isEqualTo(99.0);
    assertThat(result.maxMs()).isEqualTo(100.0);
    assertThat(result.summaryLine()).isEqualTo("rps=300 p50_ms=50.0 p99_ms=99.0 errors=0");
  }

  @Test
  void refusesALoadWithoutCommunities() {
    assertThatThrownBy(() -> new RosterLoad.Settings(URI.create("http://127.0.0.1:1"), "k", List.of(), 10, Duration.ZERO,
        Duration.ofSeconds(1), 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot drive roster load: no community to read");
  }

  private RosterLoad load(List<String> communities, int rps, Duration warmUp) {
    URI base = URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
    return new RosterLoad(new RosterLoad.Settings(base, "bench-key-0123456789", communities, rps, warmUp, Duration.ofSeconds(1), 100));
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }
}
