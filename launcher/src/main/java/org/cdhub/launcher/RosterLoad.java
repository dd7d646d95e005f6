package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load of masked roster pages: request i is sent at {@code start + i / rps},
 * whether or not earlier ones have been answered, and its latency counts from that scheduled
 * time, so a stalled server shows up as latency rather than as fewer requests (no coordinated
 * omission). Requests cycle through the client's communities and follow each walk's cursor.
 */
final class RosterLoad {
  /** Waiting longer than this for the last answers counts them as errors. */
  static final Duration DRAIN = Duration.ofSeconds(10);
  private static final String CURSOR_FIELD = "\"nextCursor\":\"";

  /**
   * @param baseUrl the API, e.g. {@code http://127.0.0.1:8080}
   * @param apiKey the client's key
   * @param communities communities the client may read, cycled through
   * @param rps requests per second
   * @param warmUp leading time whose requests are sent but not measured
   * @param measured time whose requests are measured
   * @param limit page size
   */
  record Settings(URI baseUrl, String apiKey, List<String> communities, int rps, Duration warmUp, Duration measured, int limit) {
    Settings {
      requireNonNull(baseUrl, "baseUrl is null");
      requireNonNull(apiKey, "apiKey is null");
      communities = List.copyOf(requireNonNull(communities, "communities is null"));
      requireNonNull(warmUp, "warmUp is null");
      requireNonNull(measured, "measured is null");
      if (communities.isEmpty()) {
        throw new IllegalArgumentException("Cannot drive roster load: no community to read");
      }
      if (rps < 1 || limit < 1 || measured.toSeconds() < 1 || warmUp.isNegative()) {
        throw new IllegalArgumentException("Cannot drive roster load: rps, limit and measured seconds must be positive and "
            + "warm-up not negative, were rps=" + rps + " limit=" + limit + " measured=" + measured + " warmUp=" + warmUp);
      }
    }

    /**
     * Requests sent in each second of the schedule. The warm-up ramps up to the full rate (second
     * k of W sends {@code rps * k / W}): a cold JVM hit at full rate at once builds a backlog that an
     * open load then carries into the measured seconds.
     */
    int[] perSecond() {
      int warmUpSeconds = (int) warmUp.toSeconds();
      int measuredSeconds = (int) measured.toSeconds();
      int[] counts = new int[warmUpSeconds + measuredSeconds];
      for (int k = 0; k < warmUpSeconds; k++) {
        counts[k] = Math.max(1, (int) ((long) rps * (k + 1) / warmUpSeconds));
      }
      Arrays.fill(counts, warmUpSeconds, counts.length, rps);
      return counts;
    }
  }

  /**
   * What the measured requests gave.
   *
   * @param rps the rate asked for
   * @param sent measured requests sent
   * @param errors measured requests answered non-2xx, failed, or not answered within {@link #DRAIN}
   * @param latenciesNanos sorted latencies of the measured requests answered (errors included), from the scheduled send time
   * @param lateSendsNanos how far behind schedule the worst send left (the load generator's own lag)
   */
  record Result(int rps, long sent, long errors, long[] latenciesNanos, long lateSendsNanos, Map<String, Long> errorKinds) {
    Result {
      errorKinds = Map.copyOf(errorKinds);
    }

    /** Nearest-rank percentile, in milliseconds; NaN when nothing was answered. */
    double percentileMs(double percentile) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(percentile / 100.0 * latenciesNanos.length);
      return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length, rank) - 1)] / 1e6;
    }

    double maxMs() {
      return latenciesNanos.length == 0 ? Double.NaN : latenciesNanos[latenciesNanos.length - 1] / 1e6;
    }

    /** The benchmark's machine-readable line. */
    String summaryLine() {
      return String.format(Locale.ROOT, "rps=%d p50_ms=%.1f p99_ms=%.1f errors=%d", rps, percentileMs(50), percentileMs(99), errors);
    }
  }

  private static final int PENDING = 0;
  private static final int OK = 1;
  private static final int FAILED = 2;

  private final Settings settings;

  RosterLoad(Settings settings) {
    this.settings = requireNonNull(settings, "settings is null");
  }

  /**
   * Asks for the first community's first page until it is answered 2xx: the API builds its
   * serving projection after it reports healthy, and that start-up is not what is measured.
   *
   * @throws IllegalStateException with the last status or error if no page came within {@code timeout}
   */
  void awaitFirstPage(Duration timeout) throws InterruptedException {
    try (Client client = new Client()) {
      long deadline = System.nanoTime() + timeout.toNanos();
      String last = "no answer";
      while (System.nanoTime() < deadline) {
        try {
          HttpResponse<String> r = client.http.send(page(settings.communities().get(0), null), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() / 100 == 2) {
            return;
          }
          last = "HTTP " + r.statusCode() + " " + r.body();
        } catch (java.io.IOException e) {
          last = e.toString();
        }
        Thread.sleep(200);
      }
      throw new IllegalStateException("Cannot start the roster load: no first page from " + settings.baseUrl() + " within "
          + timeout.toSeconds() + " s; last answer: " + last);
    }
  }

  /** The HTTP client and the few threads its answers complete on, closed after a run. */
  private static final class Client implements AutoCloseable {
    // a small fixed pool: the default one grows a thread per stalled answer and then competes with the API for the cores
    final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "bench-api-client");
      t.setDaemon(true);
      return t;
    });
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
        .executor(threads).build();

    @Override
    public void close() {
      threads.shutdownNow();
    }
  }

  /** Sends every request on schedule, waits for the answers and prints one progress line a second on {@code progress}. */
  Result run(PrintStream progress) throws InterruptedException {
    requireNonNull(progress, "progress is null");
    try (Client client = new Client()) {
      return run(client.http, progress);
    }
  }

  private Result run(HttpClient http, PrintStream progress) throws InterruptedException {
    int[] perSecond = settings.perSecond();
    int warmUpSeconds = (int) settings.warmUp().toSeconds();
    // index of each second's first request, and the send time of every request (nanoseconds from the start)
    int[] secondStart = new int[perSecond.length + 1];
    for (int k = 0; k < perSecond.length; k++) {
      secondStart[k + 1] = secondStart[k] + perSecond[k];
    }
    int total = secondStart[perSecond.length];
    long warmUp = secondStart[warmUpSeconds];
    long[] offsets = new long[total];
    for (int k = 0; k < perSecond.length; k++) {
      for (int j = 0; j < perSecond[k]; j++) {
        offsets[secondStart[k] + j] = k * 1_000_000_000L + j * (1_000_000_000L / perSecond[k]);
      }
    }
    List<String> communities = settings.communities();
    AtomicReferenceArray<String> cursors = new AtomicReferenceArray<>(communities.size());
    // -1: not answered yet; otherwise the latency in nanoseconds
    AtomicLongArray latencies = new AtomicLongArray(total);
    for (int i = 0; i < total; i++) {
      latencies.set(i, -1);
    }
    AtomicIntegerArray outcomes = new AtomicIntegerArray(total); // PENDING until answered
    // what went wrong, by HTTP status or exception type, over the measured requests
    ConcurrentHashMap<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
    CountDownLatch answered = new CountDownLatch(total);
    long lateSends = 0;
    long start = System.nanoTime() + 50_000_000L;
    int reported = 0;
    for (int i = 0; i < total; i++) {
      long scheduled = start + offsets[i];
      long wait;
      while ((wait = scheduled - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      lateSends = Math.max(lateSends, -wait);
      int request = i;
      int community = i % communities.size();
      http.sendAsync(page(communities.get(community), cursors.get(community)), HttpResponse.BodyHandlers.ofString())
          .whenComplete((response, error) -> {
            latencies.set(request, System.nanoTime() - scheduled);
            boolean ok = error == null && response.statusCode() / 100 == 2;
            if (!ok && request >= warmUp) {
              String kind = error != null ? rootCause(error).getClass().getSimpleName() : "HTTP " + response.statusCode();
              errorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
            }
            // a failed page starts its community's walk again
            cursors.set(community, ok ? nextCursor(response.body()) : null);
            outcomes.set(request, ok ? OK : FAILED);
            answered.countDown();
          });
      // a second is reported once the next one is sent: its answers have had a second to come back
      if (reported + 2 < secondStart.length && i + 1 == secondStart[reported + 2]) {
        report(progress, reported, secondStart, warmUpSeconds, latencies, outcomes);
        reported++;
      }
    }
    boolean all = answered.await(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
    while (reported < perSecond.length) {
      report(progress, reported, secondStart, warmUpSeconds, latencies, outcomes);
      reported++;
    }
    long[] measuredLatencies = new long[total - (int) warmUp];
    int n = 0;
    long unanswered = 0;
    long failed = 0;
    for (int i = (int) warmUp; i < total; i++) {
      // outcome first: an answer landing now is either fully counted or counted as unanswered
      int outcome = outcomes.get(i);
      if (outcome == PENDING) {
        unanswered++;
      } else {
        failed += outcome == FAILED ? 1 : 0;
        measuredLatencies[n++] = latencies.get(i);
      }
    }
    if (!all) {
      progress.printf(Locale.ROOT, "%d requests not answered within %d s of the last send: counted as errors%n", unanswered,
          DRAIN.toSeconds());
    }
    long[] sorted = Arrays.copyOf(measuredLatencies, n);
    Arrays.sort(sorted);
    Map<String, Long> kinds = new TreeMap<>();
    errorKinds.forEach((kind, count) -> kinds.put(kind, count.sum()));
    if (unanswered > 0) {
      kinds.put("unanswered", unanswered);
    }
    return new Result(settings.rps(), total - warmUp, failed + unanswered, sorted, lateSends, kinds);
  }

  private static Throwable rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private HttpRequest page(String community, String cursor) {
    String query = "?limit=" + settings.limit() + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(settings.baseUrl().resolve("/api/v1/communities/" + community + "/persons" + query))
        .header("X-API-Key", settings.apiKey())
        .timeout(DRAIN)
        .GET()
        .build();
  }

  /** page.nextCursor of a roster page, null on the last page; the token is URL-safe Base64, never escaped in JSON. */
  static String nextCursor(String body) {
    int at = body.indexOf(CURSOR_FIELD);
    if (at < 0) {
      return null;
    }
    int from = at + CURSOR_FIELD.length();
    int to = body.indexOf('"', from);
    return to < 0 ? null : body.substring(from, to);
  }

  /** One line for second {@code second} of the schedule: how much of it is answered, and its slowest answer. */
  private static void report(PrintStream progress, int second, int[] secondStart, int warmUpSeconds, AtomicLongArray latencies,
      AtomicIntegerArray outcomes) {
    int from = secondStart[second];
    int to = secondStart[second + 1];
    int answered = 0;
    int errors = 0;
    long slowest = 0;
    for (int i = from; i < to; i++) {
      int outcome = outcomes.get(i);
      if (outcome != PENDING) {
        answered++;
        errors += outcome == FAILED ? 1 : 0;
        slowest = Math.max(slowest, latencies.get(i));
      }
    }
    progress.printf(Locale.ROOT, "bench api: second %d (%s) sent=%d answered=%d errors=%d slowest_ms=%.1f%n",
        second + 1, second < warmUpSeconds ? "warm-up" : "measured", to - from, answered, errors, slowest / 1e6);
  }
}
