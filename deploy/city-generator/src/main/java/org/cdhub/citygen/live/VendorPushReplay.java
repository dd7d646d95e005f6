package org.cdhub.citygen.live;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

/**
 * Plays a compound vendor: POSTs a generated JSON Lines file ({@code vendors/access_pass.jsonl})
 * to the hub's push endpoint in chunks of N lines, with the vendor's own credentials (HTTP Basic),
 * the way the vendor's gateway would. A 5xx answer or a connection that fails is retried with the
 * same chunk (the hub's batch id makes a retry of a chunk that did land add nothing); a 4xx is
 * recorded and the next chunk sent, except 401, which stops the replay (every chunk would fail).
 */
public final class VendorPushReplay {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param endpoint the push URL, e.g. http://127.0.0.1:8185/push/vendor_access_pass
   * @param vendor vendor id (the Basic user name)
   * @param secret the vendor's secret (the Basic password); never printed
   * @param linesPerPush most lines per request
   * @param maxBodyBytes most bytes per request: a chunk is cut earlier to stay under the endpoint's limit
   * @param maxAttempts attempts per chunk on 5xx or connection failure
   * @param retryPause pause before the first retry, doubled after each further one
   */
  public record Options(URI endpoint, String vendor, String secret, int linesPerPush, long maxBodyBytes, int maxAttempts,
      Duration retryPause) {
    public Options {
      requireNonNull(endpoint, "endpoint is null");
      requireNonNull(vendor, "vendor is null");
      requireNonNull(secret, "secret is null");
      requireNonNull(retryPause, "retryPause is null");
      if (linesPerPush < 1 || maxBodyBytes < 1 || maxAttempts < 1) {
        throw new IllegalArgumentException("linesPerPush, maxBodyBytes and maxAttempts must be at least 1");
      }
    }

    @Override
    public String toString() {
      return "Options[endpoint=" + endpoint + ", vendor=" + vendor + ", linesPerPush=" + linesPerPush + "]"; // no secret
    }
  }

  /** A chunk the endpoint refused (4xx), by the file lines it held. */
  public record Refusal(long firstLine, long lastLine, int status, String reason) {}

  /**
   * What the endpoint accepted.
   *
   * @param lines non-blank lines of the file
   * @param pushes chunks sent (each once it got a final answer)
   * @param accepted chunks answered 200
   * @param read records the hub read from accepted chunks (landed + quarantined)
   * @param landed records in bronze
   * @param quarantined records in quarantine
   * @param replayed accepted chunks the hub already held (a retry of a push that had landed)
   * @param retries requests repeated after a 5xx or a connection failure
   * @param refused chunks answered 4xx
   */
  public record Report(long lines, int pushes, int accepted, long read, long landed, long quarantined, int replayed, int retries,
      List<Refusal> refused) {
    public String line() {
      return "PUSH lines=" + lines + " pushes=" + pushes + " accepted=" + accepted + " read=" + read + " landed=" + landed
          + " quarantined=" + quarantined + " replayed=" + replayed + " retries=" + retries + " refused=" + refused.size();
    }
  }

  /** The replay gave up on a chunk: it never got a final answer, or the credentials were refused. */
  public static final class ReplayFailed extends IOException {
    private final Report partial;

    ReplayFailed(String message, Report partial, Throwable cause) {
      super(message, cause);
      this.partial = partial;
    }

    /** What was accepted before the replay gave up. */
    public Report partial() {
      return partial;
    }
  }

  private final Options options;
  private final HttpClient client;

  public VendorPushReplay(Options options) {
    this.options = requireNonNull(options, "options is null");
    // HTTP/1.1 as vendor gateways speak it: the endpoint (HandleHttpRequest) has no HTTP/2, and the JDK's
    // default h2c upgrade attempt on a POST of megabytes failed against it with a bare ConnectException
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** Pushes every line of {@code jsonl}, in order. */
  public Report replay(Path jsonl) throws IOException, InterruptedException {
    Tally tally = new Tally();
    try (BufferedReader in = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      ByteArrayOutputStream chunk = new ByteArrayOutputStream();
      int chunkLines = 0;
      long lineNo = 0;
      long firstLine = 1;
      for (String line; (line = in.readLine()) != null; ) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (chunkLines > 0 && (chunkLines == options.linesPerPush() || chunk.size() + bytes.length > options.maxBodyBytes())) {
          push(chunk.toByteArray(), firstLine, lineNo - 1, tally);
          chunk.reset();
          chunkLines = 0;
        }
        if (chunkLines == 0) {
          firstLine = lineNo;
        }
        chunk.write(bytes);
        chunkLines++;
        tally.lines++;
      }
      if (chunkLines > 0) {
        push(chunk.toByteArray(), firstLine, lineNo, tally);
      }
    }
    return tally.report();
  }

  private void push(byte[] body, long firstLine, long lastLine, Tally tally) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(options.endpoint())
        .timeout(Duration.ofMinutes(2))
        .expectContinue(true) // the body follows once the endpoint asks for it (as curl does for large bodies)
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (options.vendor() + ":" + options.secret()).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-ndjson; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    Duration pause = options.retryPause();
    String lastProblem = "";
    for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
      if (attempt > 1) {
        tally.retries++;
        Thread.sleep(pause.toMillis());
        pause = pause.multipliedBy(2);
      }
      HttpResponse<String> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        lastProblem = "no answer (" + describe(e) + ")";
        continue;
      }
      int status = response.statusCode();
      if (status >= 500) {
        lastProblem = "HTTP " + status;
        continue;
      }
      tally.pushes++;
      if (status / 100 == 2) {
        JsonNode answer = JSON.readTree(response.body());
        tally.accepted++;
        tally.read += answer.path("read").asLong();
        tally.landed += answer.path("landed").asLong();
        tally.quarantined += answer.path("quarantined").asLong();
        tally.replayed += answer.path("replayed").asBoolean() ? 1 : 0;
        return;
      }
      String reason = reason(response.body());
      tally.refused.add(new Refusal(firstLine, lastLine, status, reason));
      if (status == 401) {
        throw new ReplayFailed("the endpoint refused vendor " + options.vendor() + "'s credentials: " + reason, tally.report(), null);
      }
      return;
    }
    throw new ReplayFailed("lines " + firstLine + "-" + lastLine + " got no final answer after " + options.maxAttempts()
        + " attempts: " + lastProblem, tally.report(), null);
  }

  /** The exception and its causes, by class and message: the JDK's ConnectException often has no message of its own. */
  private static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null && sb.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
      sb.append(sb.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName()).append(t.getMessage() == null ? "" : ": " + t.getMessage());
    }
    return sb.toString();
  }

  private static String reason(String body) {
    try {
      return JSON.readTree(body).path("error").asText(body);
    } catch (IOException e) {
      return body.length() > 200 ? body.substring(0, 200) : body;
    }
  }

  private static final class Tally {
    long lines;
    int pushes;
    int accepted;
    long read;
    long landed;
    long quarantined;
    int replayed;
    int retries;
    final List<Refusal> refused = new ArrayList<>();

    Report report() {
      return new Report(lines, pushes, accepted, read, landed, quarantined, replayed, retries, List.copyOf(refused));
    }
  }

  /**
   * {@code --url URL --vendor ID --file FILE [--secret-env VAR] [--lines-per-push N] [--max-body-bytes N] [--max-attempts N]}.
   * The secret comes from an environment variable (default HUB_PUSH_SECRET), never the command line.
   * Prints one {@code PUSH ...} line; exit 0 all accepted, 1 some chunk refused or never answered, 2 usage.
   */
  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.getenv()));
  }

  static int run(String[] args, java.util.Map<String, String> env) throws InterruptedException {
    String url = null;
    String vendor = null;
    String file = null;
    String secretEnv = "HUB_PUSH_SECRET";
    int lines = 500;
    long maxBody = 8L << 20;
    int attempts = 5;
    try {
      for (int i = 0; i < args.length; i++) {
        String v = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--url" -> url = v;
          case "--vendor" -> vendor = v;
          case "--file" -> file = v;
          case "--secret-env" -> secretEnv = v;
          case "--lines-per-push" -> lines = Integer.parseInt(v);
          case "--max-body-bytes" -> maxBody = Long.parseLong(v);
          case "--max-attempts" -> attempts = Integer.parseInt(v);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
        i++;
      }
      if (url == null || vendor == null || file == null) {
        throw new IllegalArgumentException("--url, --vendor and --file are required");
      }
    } catch (RuntimeException e) {
      System.err.println("vendor-push-replay: " + e.getMessage());
      return 2;
    }
    String secret = env.get(secretEnv);
    if (secret == null || secret.isEmpty()) {
      System.err.println("vendor-push-replay: the vendor's secret must be in environment variable " + secretEnv);
      return 2;
    }
    VendorPushReplay replay = new VendorPushReplay(new Options(URI.create(url), vendor, secret, lines, maxBody, attempts,
        Duration.ofMillis(500)));
    try {
      Report report = replay.replay(Path.of(file));
      System.out.println(report.line());
      report.refused().forEach(r -> System.err.println("vendor-push-replay: lines " + r.firstLine() + "-" + r.lastLine()
          + " refused: " + r.status() + " " + r.reason()));
      return report.refused().isEmpty() ? 0 : 1;
    } catch (ReplayFailed e) {
      System.out.println(e.partial().line());
      System.err.println("vendor-push-replay: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      System.err.println("vendor-push-replay: " + e.getMessage());
      return 1;
    }
  }
}
