package org.cdhub.catalog.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.atlas.model.instance.AtlasEntity;
import org.apache.atlas.model.instance.AtlasEntityHeader;
import org.apache.atlas.model.instance.EntityMutationResponse;
import org.apache.atlas.model.instance.EntityMutations.EntityOperation;
import org.apache.atlas.model.typedef.AtlasTypesDef;

/**
 * An in-process stand-in for Atlas's REST v2 endpoints the export uses, answering as Atlas
 * documents them: {@code GET /types/typedef/name/{name}} (404 for an unknown type),
 * {@code POST|PUT /types/typedefs} (409 for creating a type that exists), {@code POST /entity/bulk}
 * (entities matched on qualifiedName; the response's {@code mutatedEntities} and
 * {@code guidAssignments}), basic authentication (401), and errors as
 * {@code {"errorCode", "errorMessage"}}. Request bodies are read with Atlas's own model classes,
 * strictly (see {@link AtlasContract}); an unknown type, a missing required attribute or a
 * reference to an entity that does not exist is refused with 400 or 404, as Atlas does.
 */
final class FakeAtlas implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Stored(String guid, String typeName, Map<String, Object> attributes, Map<String, Object> relationships) {}

  private final HttpServer server;
  private final String authorization;
  final Map<String, JsonNode> types = new LinkedHashMap<>();
  final Map<String, Stored> entities = new LinkedHashMap<>();
  /** Status codes to answer the next requests with, before serving them normally. */
  final Deque<Integer> failNext = new ArrayDeque<>();
  final List<String> requests = new ArrayList<>();

  FakeAtlas(String user, String password) throws IOException {
    authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    for (String builtIn : AtlasContract.BUILT_IN_REQUIRED.keySet()) {
      ObjectNode def = JSON.createObjectNode().put("category", "ENTITY").put("name", builtIn);
      def.putArray("attributeDefs");
      types.put(builtIn, def);
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/atlas/v2/", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath().substring("/api/atlas/v2".length());
    requests.add(method + " " + path);
    byte[] body = exchange.getRequestBody().readAllBytes();
    try {
      if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        answer(exchange, 401, error("ATLAS-401-00-001", "Authentication failed"));
        return;
      }
      if (!failNext.isEmpty()) {
        answer(exchange, failNext.pop(), "<html><body>Service Unavailable</body></html>");
        return;
      }
      if (method.equals("GET") && path.startsWith("/types/typedef/name/")) {
        JsonNode def = types.get(path.substring("/types/typedef/name/".length()));
        answer(exchange, def == null ? 404 : 200, def == null
            ? error("ATLAS-404-00-007", "Given typename " + path.substring(20) + " was invalid") : def.toString());
      } else if (path.equals("/types/typedefs") && (method.equals("POST") || method.equals("PUT"))) {
        typedefs(exchange, method, JSON.readTree(body));
      } else if (method.equals("POST") && path.equals("/entity/bulk")) {
        bulk(exchange, JSON.readTree(body));
      } else {
        answer(exchange, 404, error("ATLAS-404-00-001", "no such resource " + method + " " + path));
      }
    } catch (Exception e) {
      answer(exchange, 400, error("ATLAS-400-00-01A", "invalid request: " + e.getMessage()));
    }
  }

  private void typedefs(HttpExchange exchange, String method, JsonNode body) throws Exception {
    AtlasTypesDef parsed = AtlasContract.typesDef(body);
    List<JsonNode> defs = new ArrayList<>();
    body.path("entityDefs").forEach(defs::add);
    body.path("relationshipDefs").forEach(defs::add);
    for (JsonNode def : defs) {
      String name = def.get("name").asText();
      boolean exists = types.containsKey(name);
      if (method.equals("POST") && exists) {
        answer(exchange, 409, error("ATLAS-409-00-001", "Given type " + name + " already exists"));
        return;
      }
      if (method.equals("PUT") && !exists) {
        answer(exchange, 404, error("ATLAS-404-00-007", "Given typename " + name + " was invalid"));
        return;
      }
      for (JsonNode superType : def.path("superTypes")) {
        if (!types.containsKey(superType.asText())) {
          answer(exchange, 404, error("ATLAS-404-00-007", "Given typename " + superType.asText() + " was invalid"));
          return;
        }
      }
    }
    defs.forEach(d -> types.put(d.get("name").asText(), d));
    answer(exchange, 200, JSON.writeValueAsString(parsed));
  }

  private void bulk(HttpExchange exchange, JsonNode body) throws Exception {
    List<AtlasEntity> request = AtlasContract.entities(body).getEntities();
    AtlasTypesDef known = AtlasContract.typesDef(typesDefOfStore());
    Map<String, AtlasEntity> byGuid = new HashMap<>();
    Map<String, AtlasEntity> byName = new HashMap<>();
    request.forEach(e -> {
      byGuid.put(e.getGuid(), e);
      byName.put((String) e.getAttribute("qualifiedName"), e);
    });
    for (AtlasEntity e : request) {
      if (!types.containsKey(e.getTypeName())) {
        answer(exchange, 404, error("ATLAS-404-00-007", "Given typename " + e.getTypeName() + " was invalid"));
        return;
      }
      for (String required : AtlasContract.required(known, e.getTypeName())) {
        if (e.getAttribute(required) == null) {
          answer(exchange, 400, error("ATLAS-400-00-01E", e.getTypeName() + "." + required + ": mandatory attribute value missing"));
          return;
        }
      }
      List<Object> values = new ArrayList<>(e.getAttributes().values());
      if (e.getRelationshipAttributes() != null) {
        values.addAll(e.getRelationshipAttributes().values());
      }
      for (Map<?, ?> ref : objectIds(values)) {
        boolean found = ref.get("guid") != null ? byGuid.containsKey((String) ref.get("guid"))
            : byName.containsKey(qualifiedName(ref)) || entities.containsKey(qualifiedName(ref));
        if (!found) {
          answer(exchange, 404, error("ATLAS-404-00-00A", "Referenced entity " + ref + " is not found"));
          return;
        }
      }
    }
    EntityMutationResponse response = new EntityMutationResponse();
    Map<String, String> assigned = new LinkedHashMap<>();
    for (AtlasEntity e : request) {
      String qn = (String) e.getAttribute("qualifiedName");
      Stored before = entities.get(qn);
      Map<String, Object> relationships = e.getRelationshipAttributes() == null ? Map.of() : e.getRelationshipAttributes();
      String guid = before == null ? UUID.randomUUID().toString() : before.guid();
      Stored now = new Stored(guid, e.getTypeName(), e.getAttributes(), normalize(relationships));
      assigned.put(e.getGuid(), guid);
      AtlasEntityHeader header = new AtlasEntityHeader(e.getTypeName(), guid, Map.of("qualifiedName", qn));
      if (before == null) {
        response.addEntity(EntityOperation.CREATE, header);
      } else if (!Objects.equals(before.attributes(), now.attributes()) || !Objects.equals(before.relationships(), now.relationships())) {
        response.addEntity(EntityOperation.UPDATE, header);
      }
      entities.put(qn, now);
    }
    response.setGuidAssignments(assigned);
    answer(exchange, 200, JSON.writeValueAsString(response));
  }

  // temporary guids differ between requests: compare references by their target's qualified name
  private static Map<String, Object> normalize(Map<String, Object> relationships) {
    Map<String, Object> out = new HashMap<>();
    relationships.forEach((k, v) -> out.put(k, String.valueOf(objectIds(List.of(v)).size())));
    return out;
  }

  private ObjectNode typesDefOfStore() {
    ObjectNode def = JSON.createObjectNode();
    var entityDefs = def.putArray("entityDefs");
    var relationshipDefs = def.putArray("relationshipDefs");
    types.forEach((name, t) -> {
      if (AtlasContract.BUILT_IN_REQUIRED.containsKey(name)) {
        return;
      }
      (t.path("category").asText().equals("RELATIONSHIP") ? relationshipDefs : entityDefs).add(t);
    });
    return def;
  }

  private static List<Map<?, ?>> objectIds(List<Object> values) {
    List<Map<?, ?>> out = new ArrayList<>();
    for (Object v : values) {
      if (v instanceof Map<?, ?> m && m.containsKey("typeName")) {
        out.add(m);
      } else if (v instanceof List<?> list) {
        out.addAll(objectIds(new ArrayList<>(list)));
      }
    }
    return out;
  }

  private static String qualifiedName(Map<?, ?> objectId) {
    return (String) ((Map<?, ?>) objectId.get("uniqueAttributes")).get("qualifiedName");
  }

  private static String error(String code, String message) {
    return JSON.createObjectNode().put("errorCode", code).put("errorMessage", message).toString();
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
