package org.cdhub.catalog.atlas;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The few Atlas REST v2 calls the export needs, over {@code java.net.http} with basic
 * authentication. A 502, 503 or 504 (Atlas starting, or behind a proxy) and a connection failure
 * are retried with a growing pause; 401, 403 and 400 fail at once with Atlas's own error message.
 */
public final class AtlasClient {
  static final String API = "/api/atlas/v2";

  private final URI base;
  private final String authorization;
  private final String user;
  private final HttpClient http;
  private final int attempts;
  private final Duration firstPause;
  private final ObjectMapper json = new ObjectMapper();
  private int retries;

  /**
   * @param base the Atlas server, e.g. {@code http://atlas:21000}
   * @param attempts how often to try a request that fails with 502/503/504 or on the connection (at least 1)
   * @param firstPause the pause before the first retry; doubled before each later one
   */
  public AtlasClient(URI base, String user, String password, int attempts, Duration firstPause) {
    requireNonNull(base, "base is null");
    requireNonNull(user, "user is null");
    requireNonNull(password, "password is null");
    if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
      throw new IllegalArgumentException("Invalid Atlas URL " + base + ": expected http:// or https://");
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("Invalid attempts " + attempts + ": at least 1");
    }
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.user = user;
    this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.attempts = attempts;
    this.firstPause = requireNonNull(firstPause, "firstPause is null");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** The type definition {@code name} on the server, empty when Atlas answers 404. */
  public Optional<JsonNode> typeDef(String name) {
    Response r = send("GET", "/types/typedef/name/" + URLEncoder.encode(name, StandardCharsets.UTF_8), null, "read type " + name);
    return r.status() == 404 ? Optional.empty() : Optional.of(r.body());
  }

  /** {@code POST /types/typedefs}: creates the definitions. */
  public JsonNode createTypes(JsonNode typesDef, String what) {
    return send("POST", "/types/typedefs", typesDef, "create types " + what).body();
  }

  /** {@code PUT /types/typedefs}: updates existing definitions. */
  public JsonNode updateTypes(JsonNode typesDef, String what) {
    return send("PUT", "/types/typedefs", typesDef, "update types " + what).body();
  }

  /** {@code POST /entity/bulk}: creates or updates the entities, matched on their unique attributes. */
  public JsonNode upsertEntities(AtlasBatch batch) {
    return send("POST", "/entity/bulk", batch.entities(), "upsert entities of batch " + batch.name()).body();
  }

  /** Requests repeated after a 502/503/504 or a connection failure, over this client's life. */
  public int retries() {
    return retries;
  }

  private record Response(int status, JsonNode body) {}

  private Response send(String method, String path, JsonNode body, String what) {
    URI uri = URI.create(base + API + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", authorization)
        .header("Accept", "application/json");
    if (body == null) {
      request.GET();
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }
    Duration pause = firstPause;
    for (int attempt = 1; ; attempt++) {
      String failure;
      try {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status / 100 == 2) {
          return new Response(status, parse(response.body()));
        }
        if (status == 404 && method.equals("GET")) {
          return new Response(404, null);
        }
        if (status == 401 || status == 403) {
          throw new AtlasException("Atlas at " + base + " refused user '" + user + "' (HTTP " + status
              + ") on " + what + ": check --user and the password file");
        }
        if (status != 502 && status != 503 && status != 504) {
          throw new AtlasException("Atlas rejected " + what + " (HTTP " + status + " on " + method + " " + API + path + "): "
              + errorMessage(response.body()));
        }
        failure = "HTTP " + status;
      } catch (IOException e) {
        failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AtlasException("Interrupted while waiting for Atlas on " + what, e);
      }
      if (attempt >= attempts) {
        throw new AtlasException("Atlas at " + base + " did not answer " + what + " after " + attempts + " attempts: " + failure);
      }
      retries++;
      sleep(pause, what);
      pause = pause.multipliedBy(2);
    }
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new AtlasException("Atlas answered with something that is not JSON: "
          + body.substring(0, Math.min(body.length(), 200)), e);
    }
  }

  // Atlas errors are {"errorCode": "ATLAS-400-00-001", "errorMessage": "..."}; proxies send HTML
  private String errorMessage(String body) {
    try {
      JsonNode error = json.readTree(body);
      if (error != null && error.has("errorMessage")) {
        return error.path("errorCode").asText("") + " " + error.get("errorMessage").asText();
      }
    } catch (IOException e) {
      // not JSON: show the start of what came back
    }
    String text = body == null ? "" : body.strip();
    return text.isEmpty() ? "(empty body)" : text.substring(0, Math.min(text.length(), 300));
  }

  private static void sleep(Duration pause, String what) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AtlasException("Interrupted while waiting to retry " + what, e);
    }
  }
}
