package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** The return-data API running as a child process, with a demo client key scoped to some communities. */
public final class ApiServer implements AutoCloseable {
  private final Process process;
  private final int port;
  private final String demoKey;

  private ApiServer(Process process, int port, String demoKey) {
    this.process = process;
    this.port = port;
    this.demoKey = demoKey;
  }

  /** Starts the API and waits until its health endpoint answers. */
  public static ApiServer start(StepCommands commands, HubPipeline pipeline, java.nio.file.Path dataDir, int port,
      List<String> demoCommunities, Duration timeout) {
    return start(commands, pipeline, dataDir, port, demoCommunities, timeout, List.of());
  }

  /** As above, with more {@code --key=value} settings of the API (e.g. the demo client's rate limit). */
  public static ApiServer start(StepCommands commands, HubPipeline pipeline, java.nio.file.Path dataDir, int port,
      List<String> demoCommunities, Duration timeout, List<String> settings) {
    requireNonNull(demoCommunities, "demoCommunities is null");
    String key = newKey();
    List<String> args = new java.util.ArrayList<>(List.of(
        "--hub.api.demo-key=" + key,
        "--hub.api.demo-communities=" + String.join(",", demoCommunities)));
    args.addAll(settings);
    Process p = commands.api(dataDir, pipeline.lakehouse(), port, args).startInherited();
    ApiServer server = new ApiServer(p, port, key);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "api-shutdown"));
    server.awaitHealthy(timeout);
    return server;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public String demoKey() {
    return demoKey;
  }

  public int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  private void awaitHealthy(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The API process exited with code " + process.exitValue() + " before it was ready");
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      sleep(300);
    }
    close();
    throw new IllegalStateException("The API did not become healthy on " + baseUrl() + " within " + timeout.toSeconds() + " s");
  }

  private static String newKey() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return "demo-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
