package org.cdhub.citygen.live;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for the vendors' paged JSON APIs: serves the page files a generated city
 * wrote ({@code market/mr_enterprise/page-0001.json}, {@code vendors/device/page-0001.json}, ...)
 * over HTTP to whoever presents the bearer token, as the embedded profile's pull flows expect.
 * Pages are read from disk on every request, so a test (or a regenerated city) can change them
 * while it runs. Nothing else under the directory is served: not the ground truth, not the
 * departments' databases, not the manifest.
 */
public final class VendorApiServer implements AutoCloseable {
  /** Only page files, one or more lower-case directory segments deep: no "..", no dot files. */
  private static final Pattern PAGE_PATH = Pattern.compile("/(?:[a-z0-9_]+/)+page-\\d{4,6}\\.json");

  private final Path root;
  private final byte[] expectedAuthorization;
  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong pagesServed = new AtomicLong();

  private VendorApiServer(Path root, String token, HttpServer server, ExecutorService executor) {
    this.root = root;
    this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.server = server;
    this.executor = executor;
  }

  /** Serves the pages under {@code sourcesDir} on 127.0.0.1 on a free port. */
  public static VendorApiServer start(Path sourcesDir, String token) {
    return start(sourcesDir, token, 0);
  }

  /** Serves the pages under {@code sourcesDir} on 127.0.0.1:{@code port} (0: a free port). */
  public static VendorApiServer start(Path sourcesDir, String token, int port) {
    requireNonNull(sourcesDir, "sourcesDir is null");
    if (token == null || token.isBlank() || !token.strip().equals(token) || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException("The vendor API needs a bearer token of visible ASCII characters");
    }
    Path root;
    try {
      root = sourcesDir.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serve " + sourcesDir + ": no such directory", e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "vendor-api");
      t.setDaemon(true);
      return t;
    });
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      VendorApiServer api = new VendorApiServer(root, token, server, executor);
      server.setExecutor(executor);
      server.createContext("/", api::handle);
      server.start();
      return api;
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, e);
    }
  }

  /** The API's base URL, {@code http://127.0.0.1:<port>/}; a feed's first page is its contract's location below it. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port() + "/");
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Pages answered with 200 so far. */
  public long pagesServed() {
    return pagesServed.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "{\"error\":\"method not allowed\"}");
        return;
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization == null
          || !MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8), expectedAuthorization)) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"vendor-api\"");
        send(exchange, 401, "{\"error\":\"missing or wrong bearer token\"}");
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      Path file = path == null || !PAGE_PATH.matcher(path).matches() ? null : root.resolve(path.substring(1)).normalize();
      byte[] page;
      try {
        if (file == null || !file.toRealPath().startsWith(root)) {
          throw new NoSuchFileException(path);
        }
        page = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        send(exchange, 404, "{\"error\":\"no such page\"}");
        return;
      }
      pagesServed.incrementAndGet();
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, page.length == 0 ? -1 : page.length);
      exchange.getResponseBody().write(page);
    }
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  /** Stops listening at once and frees the port. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
