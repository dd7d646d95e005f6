package org.cdhub.flows.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-JVM stand-in for NiFi 2.3.0's REST API, limited to the endpoints the deployer calls and shaped like NiFi's
 * resources define them (nifi-web-api AccessResource, FlowResource, ParameterContextResource, ProcessGroupResource;
 * entities of nifi-client-dto): revision objects with optimistic locking (409 on a stale version), bearer tokens
 * (401 without one), async update/replace requests that complete on the first poll, the multipart upload form.
 * It records every request.
 */
final class FakeNifi implements AutoCloseable {
    static final String ROOT_ID = "root-0000";
    static final String TOKEN = "fake-jwt-token";
    static final ObjectMapper JSON = new ObjectMapper();

    record Recorded(String method, String path, String contentType, String authorization, byte[] body) {
        String text() { return new String(body, StandardCharsets.UTF_8); }
        JsonNode json() {
            try { return JSON.readTree(body); } catch (IOException e) { throw new IllegalStateException(e); }
        }
    }

    static final class Context {
        final String id = UUID.randomUUID().toString();
        final String name;
        long version = 1;
        final Map<String, ObjectNode> parameters = new LinkedHashMap<>();
        Context(String name) { this.name = name; }
    }

    static final class Group {
        final String id = UUID.randomUUID().toString();
        final String name;
        long version = 1;
        byte[] flow;
        String state = "STOPPED";
        String servicesState = "DISABLED";
        Group(String name) { this.name = name; }
    }

    final List<Recorded> requests = new CopyOnWriteArrayList<>();
    final Map<String, Context> contexts = new LinkedHashMap<>();
    final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Boolean> asyncRequests = new LinkedHashMap<>();
    private final Map<String, String[]> failures = new LinkedHashMap<>();
    private final HttpServer server;

    FakeNifi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/nifi-api/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next request whose method and path match answers with this status and plain-text message (as NiFi's mappers do). */
    synchronized void failNext(String method, String pathRegex, int status, String message) {
        failures.put(method + " " + pathRegex, new String[] {Integer.toString(status), message});
    }

    List<Recorded> requests(String method, String pathRegex) {
        return requests.stream().filter(r -> r.method.equals(method) && r.path.matches(pathRegex)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(new Recorded(method, path, exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        try {
            for (var failure : new ArrayList<>(failures.entrySet())) {
                String[] key = failure.getKey().split(" ", 2);
                if (key[0].equals(method) && path.matches(key[1])) {
                    failures.remove(failure.getKey());
                    respond(exchange, Integer.parseInt(failure.getValue()[0]), "text/plain", failure.getValue()[1]);
                    return;
                }
            }
            if (method.equals("POST") && path.equals("/nifi-api/access/token")) {
                Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
                if ("admin".equals(form.get("username")) && "admin-password-123".equals(form.get("password"))) {
                    respond(exchange, 201, "text/plain", TOKEN);
                } else {
                    respond(exchange, 400, "text/plain", "The supplied username and password are not valid.");
                }
                return;
            }
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "text/plain", "Unable to validate the access token.");
                return;
            }
            route(exchange, method, path, body);
        } catch (RuntimeException e) {
            respond(exchange, 400, "text/plain", String.valueOf(e.getMessage()));
        }
    }

    private void route(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        Matcher m;
        if (method.equals("GET") && path.equals("/nifi-api/flow/process-groups/root")) {
            ObjectNode out = JSON.createObjectNode();
            out.putObject("processGroupFlow").put("id", ROOT_ID);
            json(exchange, 200, out);
        } else if (method.equals("GET") && path.equals("/nifi-api/flow/parameter-contexts")) {
            ObjectNode out = JSON.createObjectNode();
            ArrayNode list = out.putArray("parameterContexts");
            contexts.values().forEach(c -> list.add(contextEntity(c)));
            json(exchange, 200, out);
        } else if (method.equals("POST") && path.equals("/nifi-api/parameter-contexts")) {
            JsonNode entity = JSON.readTree(body);
            if (entity.path("revision").path("version").asLong(-1) != 0) {
                throw new IllegalArgumentException("A revision of 0 must be specified when creating a new Parameter Context.");
            }
            String name = entity.path("component").path("name").asText();
            if (contexts.values().stream().anyMatch(c -> c.name.equals(name))) {
                respond(exchange, 409, "text/plain", "A Parameter Context already exists with the name " + name);
                return;
            }
            Context c = new Context(name);
            apply(c, entity.path("component").path("parameters"));
            contexts.put(c.id, c);
            json(exchange, 201, contextEntity(c));
        } else if (method.equals("POST") && (m = match("/nifi-api/parameter-contexts/([^/]+)/update-requests", path)) != null) {
            Context c = contexts.get(m.group(1));
            JsonNode entity = JSON.readTree(body);
            if (c == null) {
                respond(exchange, 404, "text/plain", "Unable to find parameter context with id '" + m.group(1) + "'.");
                return;
            }
            if (entity.path("revision").path("version").asLong(-1) != c.version) {
                respond(exchange, 409, "text/plain", "Error: [" + entity.path("revision").path("version").asLong()
                        + ", " + entity.path("revision").path("clientId").asText() + ", " + c.id
                        + "] is not the most up-to-date revision. This component appears to have been modified");
                return;
            }
            apply(c, entity.path("component").path("parameters"));
            c.version++;
            json(exchange, 200, asyncRequest("parameterContextRevision", c.version, "/nifi-api/parameter-contexts/" + c.id + "/update-requests/"));
        } else if ((m = match("/nifi-api/parameter-contexts/[^/]+/update-requests/([^/]+)", path)) != null) {
            pollOrDelete(exchange, method, m.group(1), "parameterContextRevision");
        } else if (method.equals("GET") && (m = match("/nifi-api/process-groups/([^/]+)/process-groups", path)) != null) {
            ObjectNode out = JSON.createObjectNode();
            ArrayNode list = out.putArray("processGroups");
            if (m.group(1).equals(ROOT_ID)) {
                groups.values().forEach(g -> list.add(groupEntity(g)));
            }
            json(exchange, 200, out);
        } else if (method.equals("POST") && (m = match("/nifi-api/process-groups/([^/]+)/process-groups/upload", path)) != null) {
            Map<String, byte[]> parts = multipart(exchange.getRequestHeaders().getFirst("Content-Type"), body);
            for (String required : List.of("groupName", "positionX", "positionY", "clientId", "file")) {
                if (!parts.containsKey(required)) {
                    throw new IllegalArgumentException("Form part " + required + " is required");
                }
            }
            Double.parseDouble(new String(parts.get("positionX"), StandardCharsets.UTF_8));
            JSON.readTree(parts.get("file"));   // NiFi deserializes the file into a RegisteredFlowSnapshot
            Group g = new Group(new String(parts.get("groupName"), StandardCharsets.UTF_8));
            g.flow = parts.get("file");
            groups.put(g.id, g);
            json(exchange, 201, groupEntity(g));
        } else if (method.equals("POST") && (m = match("/nifi-api/process-groups/([^/]+)/replace-requests", path)) != null) {
            Group g = groups.get(m.group(1));
            JsonNode entity = JSON.readTree(body);
            if (entity.path("processGroupRevision").path("version").asLong(-1) != g.version) {
                respond(exchange, 409, "text/plain", "Error: [" + entity.path("processGroupRevision").path("version").asLong()
                        + "] is not the most up-to-date revision. This component appears to have been modified");
                return;
            }
            if (!entity.path("versionedFlowSnapshot").isObject()) {
                throw new IllegalArgumentException("Versioned Flow Snapshot must be supplied");
            }
            g.flow = JSON.writeValueAsBytes(entity.path("versionedFlowSnapshot"));
            g.version++;
            json(exchange, 200, asyncRequest("processGroupRevision", g.version, "/nifi-api/process-groups/replace-requests/"));
        } else if ((m = match("/nifi-api/process-groups/replace-requests/([^/]+)", path)) != null) {
            pollOrDelete(exchange, method, m.group(1), "processGroupRevision");
        } else if (method.equals("PUT") && (m = match("/nifi-api/flow/process-groups/([^/]+)/controller-services", path)) != null) {
            JsonNode entity = JSON.readTree(body);
            groups.get(m.group(1)).servicesState = entity.path("state").asText();
            json(exchange, 200, entity);
        } else if (method.equals("PUT") && (m = match("/nifi-api/flow/process-groups/([^/]+)", path)) != null) {
            JsonNode entity = JSON.readTree(body);
            if (!m.group(1).equals(entity.path("id").asText())) {
                throw new IllegalArgumentException("The process group id (" + entity.path("id").asText()
                        + ") in the request body does not equal the process group id of the requested resource (" + m.group(1) + ").");
            }
            groups.get(m.group(1)).state = entity.path("state").asText();
            json(exchange, 200, entity);
        } else {
            respond(exchange, 404, "text/plain", "Unknown endpoint " + method + " " + path);
        }
    }

    private ObjectNode asyncRequest(String revisionField, long version, String uriPrefix) {
        String id = UUID.randomUUID().toString();
        asyncRequests.put(id, false);
        ObjectNode out = JSON.createObjectNode();
        out.putObject(revisionField).put("version", version);
        out.putObject("request").put("requestId", id).put("uri", uriPrefix + id).put("complete", false)
                .put("percentCompleted", 10).put("state", "Stopping affected components").putNull("failureReason");
        return out;
    }

    private void pollOrDelete(HttpExchange exchange, String method, String id, String revisionField) throws IOException {
        if (!asyncRequests.containsKey(id)) {
            respond(exchange, 404, "text/plain", "Could not find request with ID " + id);
            return;
        }
        if (method.equals("DELETE")) {
            asyncRequests.remove(id);
        }
        ObjectNode out = JSON.createObjectNode();
        out.putObject(revisionField);
        out.putObject("request").put("requestId", id).put("complete", true).put("percentCompleted", 100)
                .put("state", "Complete").putNull("failureReason");
        json(exchange, 200, out);
    }

    private static void apply(Context c, JsonNode parameters) {
        for (JsonNode p : parameters) {
            ObjectNode dto = ((ObjectNode) p.path("parameter")).deepCopy();
            c.parameters.put(dto.path("name").asText(), dto);
        }
    }

    private static ObjectNode contextEntity(Context c) {
        ObjectNode out = JSON.createObjectNode().put("id", c.id);
        out.putObject("revision").put("version", c.version);
        ObjectNode component = out.putObject("component").put("id", c.id).put("name", c.name);
        ArrayNode list = component.putArray("parameters");
        c.parameters.values().forEach(p -> {
            ObjectNode dto = p.deepCopy();
            if (dto.path("sensitive").asBoolean() && dto.hasNonNull("value")) {
                dto.put("value", "********");   // NiFi never returns sensitive values
            }
            ObjectNode entity = list.addObject().put("canWrite", true);
            entity.set("parameter", dto);
        });
        return out;
    }

    private static ObjectNode groupEntity(Group g) {
        ObjectNode out = JSON.createObjectNode().put("id", g.id);
        out.putObject("revision").put("version", g.version);
        out.putObject("component").put("id", g.id).put("name", g.name).put("parentGroupId", ROOT_ID);
        return out;
    }

    private static Matcher match(String regex, String path) {
        Matcher m = Pattern.compile(regex).matcher(path);
        return m.matches() ? m : null;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    /** Minimal multipart/form-data parser: part name -> raw bytes (latin-1 keeps the bytes intact). */
    static Map<String, byte[]> multipart(String contentType, byte[] body) {
        if (contentType == null || !contentType.startsWith("multipart/form-data; boundary=")) {
            throw new IllegalArgumentException("Expected multipart/form-data, got " + contentType);
        }
        String boundary = "--" + contentType.substring("multipart/form-data; boundary=".length());
        String text = new String(body, StandardCharsets.ISO_8859_1);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        for (String chunk : text.split(Pattern.quote(boundary))) {
            if (chunk.isEmpty() || chunk.startsWith("--")) {
                continue;
            }
            int headerEnd = chunk.indexOf("\r\n\r\n");
            String headers = chunk.substring(0, headerEnd);
            String content = chunk.substring(headerEnd + 4, chunk.length() - 2);   // part ends with CRLF before the boundary
            Matcher name = Pattern.compile("name=\"([^\"]+)\"").matcher(headers);
            if (!name.find()) {
                throw new IllegalArgumentException("part without a name: " + headers);
            }
            parts.put(name.group(1), content.getBytes(StandardCharsets.ISO_8859_1));
        }
        return parts;
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        respond(exchange, status, "application/json", JSON.writeValueAsString(body));
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
