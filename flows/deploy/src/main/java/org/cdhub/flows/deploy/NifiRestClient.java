package org.cdhub.flows.deploy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Thin HTTP layer over NiFi's REST API (/nifi-api): bearer auth, JSON in and out, the multipart upload.
 * Every call names its deploy step so a failure says which step, which status and what NiFi said.
 * Error messages pass through {@link #redact} so a secret NiFi might echo never reaches a log.
 */
public final class NifiRestClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final Collection<String> secrets;
    private volatile String bearerToken;

    public NifiRestClient(URI baseUrl, HttpClient http, Duration timeout, Collection<String> secrets) {
        String base = requireNonNull(baseUrl, "baseUrl is null").toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.http = requireNonNull(http, "http is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.secrets = List.copyOf(requireNonNull(secrets, "secrets is null"));
    }

    public void useToken(String token) {
        this.bearerToken = requireNonNull(token, "token is null");
    }

    /**
     * Follows AccessResource#createAccessToken (POST /nifi-api/access/token, form username/password,
     * 201 with the JWT as text/plain). NiFi only issues tokens over HTTPS.
     */
    public String login(String username, String password) {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest request = builder("/nifi-api/access/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        String token = send("authenticate as " + username, request).strip();
        useToken(token);
        return token;
    }

    public JsonNode get(String step, String path) {
        return parse(step, send(step, authorized(builder(path)).header("Accept", "application/json").GET().build()));
    }

    public JsonNode post(String step, String path, JsonNode body) {
        return json(step, "POST", path, body);
    }

    public JsonNode put(String step, String path, JsonNode body) {
        return json(step, "PUT", path, body);
    }

    public JsonNode delete(String step, String path) {
        return parse(step, send(step, authorized(builder(path)).header("Accept", "application/json").DELETE().build()));
    }

    /** multipart/form-data: text fields in order, then the file part named "file". */
    public JsonNode upload(String step, String path, Map<String, String> fields, String fileName, byte[] file) {
        String boundary = "----hub-deploy-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> ordered = new LinkedHashMap<>(fields);
        ordered.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/json\r\n\r\n");
        body.writeBytes(file);
        write(body, "\r\n--" + boundary + "--\r\n");
        HttpRequest request = authorized(builder(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return parse(step, send(step, request));
    }

    String redact(String text) {
        String out = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                out = out.replace(secret, "********");
            }
        }
        return out;
    }

    private JsonNode json(String step, String method, String path, JsonNode body) {
        HttpRequest request = authorized(builder(path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return parse(step, send(step, request));
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        String token = bearerToken;
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private String send(String step, HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new NifiDeployException(step, 0, redact(request.method() + " " + request.uri() + ": " + e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NifiDeployException(step, 0, "interrupted", e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            String message = response.body() == null || response.body().isBlank() ? "(empty response)" : response.body().strip();
            throw new NifiDeployException(step, status, redact(request.method() + " " + request.uri().getPath() + ": " + message));
        }
        return response.body();
    }

    private JsonNode parse(String step, String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new NifiDeployException(step, 0, "response is not JSON: " + e.getMessage(), e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
