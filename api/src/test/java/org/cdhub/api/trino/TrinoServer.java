package org.cdhub.api.trino;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.cdhub.model.lakehouse.LakehouseConfig;

/**
 * A real Trino 476 server for integration tests: one node, coordinator, the Iceberg connector on
 * the lakehouse's JDBC catalog, local files. The server comes from {@code ~/.cache/cdhub/trino-server-476}
 * (or {@code -Dhub.trino.server-home}); if it is not there, {@code api/trino/fetch-trino-server.sh}
 * fetches it first. It runs on Temurin 25 ({@code HUB_JAVA25_HOME}, or {@code -Dhub.trino.java-home}),
 * as Trino 476 needs Java 24+. {@link #close()} stops it; a JVM shutdown hook does too, so no
 * server outlives the test run.
 */
final class TrinoServer implements AutoCloseable {
  static final String VERSION = "476";
  /**
   * What fetch-trino-server.sh leaves in a complete server that keeps the Iceberg connector and
   * the HTTP event listener; a cache fetched before the listener was kept lacks it and is fetched again.
   */
  static final String COMPLETE_MARKER = ".cdhub-complete-iceberg-http-event-listener";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final Process process;
  private final int port;
  private final Path log;
  private final Thread stopOnExit;

  private TrinoServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.stopOnExit = new Thread(this::stop, "stop-trino");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /** Starts Trino on a free port with {@code lakehouse} mounted as its catalog, and waits until it answers. */
  static TrinoServer start(Path workDir, LakehouseConfig lakehouse) throws IOException, InterruptedException {
    return start(workDir, lakehouse, null);
  }

  /**
   * As {@link #start(Path, LakehouseConfig)}, with Trino's file-based access control reading
   * {@code accessRules} (re-read every second, so tests see a rewrite take effect); null for none.
   */
  static TrinoServer start(Path workDir, LakehouseConfig lakehouse, Path accessRules)
      throws IOException, InterruptedException {
    return start(workDir, lakehouse, accessRules, null);
  }

  /**
   * Where Trino's HTTP event listener posts each completed query (the API's query audit endpoint),
   * with the shared secret header it sends.
   *
   * @param ingestUri the endpoint, e.g. {@code http://127.0.0.1:8080/api/v1/internal/trino/query-events}
   * @param header the header carrying the secret
   * @param token the secret: no commas (the listener's header list is comma-separated)
   */
  record QueryEvents(URI ingestUri, String header, String token) {
    QueryEvents {
      java.util.Objects.requireNonNull(ingestUri, "ingestUri is null");
      java.util.Objects.requireNonNull(header, "header is null");
      if (token.contains(",")) {
        throw new IllegalArgumentException("Trino cannot send a header value with a comma");
      }
    }
  }

  /**
   * As {@link #start(Path, LakehouseConfig, Path)}, with Trino's HTTP event listener posting every
   * completed query to {@code events} (null for no listener). Events are posted asynchronously,
   * after the client has its answer, and retried a few times while the endpoint is not up yet.
   */
  static TrinoServer start(Path workDir, LakehouseConfig lakehouse, Path accessRules, QueryEvents events)
      throws IOException, InterruptedException {
    Path home = serverHome();
    Path etc = Files.createDirectories(workDir.resolve("etc"));
    Path data = Files.createDirectories(workDir.resolve("data"));
    int port = freePort();
    Files.writeString(etc.resolve("node.properties"), lines(
        "node.environment=cdhub_it",
        "node.id=" + UUID.randomUUID(),
        "node.data-dir=" + data,
        "node.internal-address=127.0.0.1"));
    Files.writeString(etc.resolve("jvm.config"), lines(
        "-server",
        "-Xmx2G",
        "-XX:+UseG1GC",
        "-XX:+ExitOnOutOfMemoryError",
        // a short-lived test server: the C1 compiler alone starts it sooner and is fast enough for a few queries
        "-XX:TieredStopAtLevel=1",
        "-Djdk.attach.allowAttachSelf=true",
        "-Dfile.encoding=UTF-8",
        "-XX:+EnableDynamicAgentLoading"));
    List<String> config = new java.util.ArrayList<>(List.of(
        "coordinator=true",
        "node-scheduler.include-coordinator=true",
        "http-server.http.port=" + port,
        "discovery.uri=http://127.0.0.1:" + port,
        "web-ui.enabled=false"));
    if (events != null) {
      // plugin/http-event-listener (trino-http-event-listener 476): only the completed events are audited
      Path listener = etc.resolve("http-event-listener.properties");
      Files.writeString(listener, lines(
          "event-listener.name=http",
          "http-event-listener.log-completed=true",
          "http-event-listener.connect-ingest-uri=" + events.ingestUri(),
          "http-event-listener.connect-http-headers=" + events.header() + ":" + events.token(),
          // the API may still be starting when Trino posts its first events
          "http-event-listener.connect-retry-count=5",
          "http-event-listener.connect-retry-delay=1s",
          "http-event-listener.connect-max-delay=5s"));
      config.add("event-listener.config-files=" + listener);
    }
    Files.writeString(etc.resolve("config.properties"), lines(config.toArray(String[]::new)));
    Path catalogs = Files.createDirectories(etc.resolve("catalog"));
    // the same catalog name and schema version as the API and Spark, or the tables are invisible here
    Files.writeString(catalogs.resolve(lakehouse.catalogName() + ".properties"), lines(
        "connector.name=iceberg",
        "iceberg.catalog.type=jdbc",
        "iceberg.jdbc-catalog.catalog-name=" + lakehouse.catalogName(),
        "iceberg.jdbc-catalog.driver-class=org.postgresql.Driver",
        "iceberg.jdbc-catalog.connection-url=" + lakehouse.catalogUri(),
        "iceberg.jdbc-catalog.default-warehouse-dir=" + lakehouse.warehouse().replaceFirst("^file:", ""),
        "iceberg.jdbc-catalog.schema-version=V1",
        "fs.native-local.enabled=true",
        "local.location=/"));
    if (accessRules != null) {
      Files.writeString(etc.resolve("access-control.properties"), lines(
          "access-control.name=file",
          "security.config-file=" + accessRules.toAbsolutePath(),
          "security.refresh-period=1s"));
    }
    Path log = workDir.resolve("trino.log");
    ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/launcher").toString(), "run",
        "--etc-dir=" + etc, "--data-dir=" + data)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Path javaHome = javaHome();
    builder.environment().put("JAVA_HOME", javaHome.toString());
    builder.environment().put("PATH", javaHome.resolve("bin") + ":" + System.getenv("PATH"));
    TrinoServer server = new TrinoServer(builder.start(), port, log);
    try {
      server.awaitStarted();
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  String jdbcUrl() {
    return "jdbc:trino://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  private void awaitStarted() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest info = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/info"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Cannot start Trino: it exited with " + process.exitValue() + "; log:\n" + tail());
      }
      try {
        HttpResponse<String> response = http.send(info, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().replace(" ", "").contains("\"starting\":false") && runsQueries()) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("Cannot start Trino: not ready after " + START_TIMEOUT.toSeconds() + " s; log:\n" + tail());
  }

  /**
   * Whether a query runs: the coordinator reports started a moment before it has registered itself
   * as a worker node, and a query sent then fails with NO_NODES_AVAILABLE.
   */
  private boolean runsQueries() {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl(), TrinoConfig.DEFAULT_USER, null);
         java.sql.Statement st = c.createStatement();
         java.sql.ResultSet rs = st.executeQuery("SELECT 1")) {
      return rs.next();
    } catch (java.sql.SQLException notYet) {
      return false;
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** The unpacked server, fetched once into the cache if it is not there yet. */
  static Path serverHome() throws IOException, InterruptedException {
    Path home = Path.of(System.getProperty("hub.trino.server-home",
        System.getProperty("user.home") + "/.cache/cdhub/trino-server-" + VERSION));
    if (Files.exists(home.resolve(COMPLETE_MARKER))) {
      return home;
    }
    Path script = Path.of(System.getProperty("hub.trino.fetch-script", "trino/fetch-trino-server.sh"));
    Process fetch = new ProcessBuilder(script.toAbsolutePath().toString(), home.toString()).inheritIO().start();
    if (!fetch.waitFor(10, TimeUnit.MINUTES) || fetch.exitValue() != 0) {
      fetch.destroyForcibly();
      throw new IllegalStateException("Cannot fetch Trino server " + VERSION + " with " + script + " into " + home);
    }
    return home;
  }

  /** Temurin 25 (Trino 476 needs Java 24+). */
  static Path javaHome() {
    for (String candidate : new String[] {System.getProperty("hub.trino.java-home"), System.getenv("HUB_JAVA25_HOME"),
        "/usr/lib/jvm/temurin-25-jdk-amd64"}) {
      if (candidate != null && Files.isExecutable(Path.of(candidate, "bin", "java"))) {
        return Path.of(candidate);
      }
    }
    if (Runtime.version().feature() >= 24) {
      return Path.of(System.getProperty("java.home"));
    }
    throw new IllegalStateException("Cannot start Trino " + VERSION + ": it needs Java 24+; set HUB_JAVA25_HOME");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  /** Stops the server and whatever it started, waiting until they are gone. */
  private void stop() {
    List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception slow) {
        p.destroyForcibly();
      }
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }
}
