package org.cdhub.flows.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback vendor API for the tests: each path answers what the test scripted, including the
 * ways real APIs misbehave (error statuses, stalls, bodies cut short, bodies too large).
 */
final class ScriptedApi implements AutoCloseable {
  /** What one path answers. */
  sealed interface Answer permits Body, Status, Stall, Chunked {}

  record Body(String json) implements Answer {}

  record Status(int code, String body) implements Answer {}

  /** Waits before the headers ({@code afterHeaders} false) or after them, mid-body. */
  record Stall(long millis, boolean afterHeaders) implements Answer {}

  /** No Content-Length (chunked): {@code bytes} bytes of JSON-ish text. */
  record Chunked(int bytes) implements Answer {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "scripted-api");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private volatile String token;

  ScriptedApi(String token) throws IOException {
    this.token = token;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/");
  }

  void page(String name, Answer answer) {
    answers.put("/api/" + name, answer);
  }

  void page(String name, String json) {
    page(name, new Body(json));
  }

  void token(String newToken) {
    token = newToken;
  }

  /** Paths requested so far, in order. */
  List<String> requests() {
    return requests;
  }

  List<String> authorizations() {
    return authorizations;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      requests.add(path.startsWith("/api/") ? path.substring("/api/".length()) : path);
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      authorizations.add(auth == null ? "" : auth);
      if (token != null && !("Bearer " + token).equals(auth)) {
        send(ex, 401, "{\"error\":\"unauthorized\"}");
        return;
      }
      Answer answer = answers.get(path);
      switch (answer) {
        case null -> send(ex, 404, "{\"error\":\"no such page\"}");
        case Body b -> send(ex, 200, b.json());
        case Status s -> send(ex, s.code(), s.body());
        case Stall s -> {
          if (s.afterHeaders()) {
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().write("{\"page\":1,".getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
          }
          sleep(s.millis());
        }
        case Chunked c -> {
          ex.sendResponseHeaders(200, 0);
          byte[] block = new byte[8192];
          java.util.Arrays.fill(block, (byte) ' ');
          try {
            for (int sent = 0; sent < c.bytes(); sent += block.length) {
              ex.getResponseBody().write(block);
            }
          } catch (IOException clientGaveUp) {
            // the client cancels once over its limit
          }
        }
      }
    } catch (IOException e) {
      // a client that gave up, or the cut-short answer: nothing to report
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
