package io.nova.platform.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the REST API, so tests see exactly what automation sees. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The local admin's password in every test context (nova.security.oidc.local-admin-password). */
    public static final String ADMIN_PASSWORD = "test-admin-password";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;
    private final String authorization;

    /** A client that signs in as the development setup's local admin. */
    public Api(String base) {
        this(base, "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private Api(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** {@code http://localhost:<port>}: where the console and the API run. */
    public String baseUrl() {
        return base;
    }

    /** The same server with another Authorization header value (null: none). */
    public Api as(String authorization) {
        return new Api(base, authorization);
    }

    public Api bearer(String token) {
        return as("Bearer " + token);
    }

    public Api anonymous() {
        return as(null);
    }

    public record Response(int status, HttpResponse<String> raw, JsonNode body) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String etag() {
            return header("ETag");
        }

        public String text(String field) {
            JsonNode node = body.get(field);
            return node == null || node.isNull() ? null : node.asString();
        }

        /** The {@code field} values of a problem's {@code errors[]}. */
        public List<String> errorFields() {
            var fields = new ArrayList<String>();
            body.path("errors").forEach(e -> fields.add(e.path("field").asString()));
            return fields;
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response post(String path, String json) {
        return send(withJson(uri(path), json).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return put(path, json, null);
    }

    public Response put(String path, String json, String ifMatch) {
        var builder = withJson(uri(path), json).PUT(HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            builder.header("If-Match", ifMatch);
        }
        return send(builder);
    }

    public Response delete(String path) {
        return delete(path, null);
    }

    public Response delete(String path, String ifMatch) {
        var builder = HttpRequest.newBuilder(uri(path)).DELETE();
        if (ifMatch != null) {
            builder.header("If-Match", ifMatch);
        }
        return send(builder);
    }

    public Response send(HttpRequest.Builder builder) {
        try {
            if (authorization != null) {
                builder.setHeader("Authorization", authorization);
            }
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode json = body == null || body.isBlank() ? JSON.nullNode() : parse(body);
            return new Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create(base + (path.startsWith("/api") || path.startsWith("/v3") || path.startsWith("/actuator")
                || path.startsWith("/swagger") ? path : "/api/v1" + path));
    }

    private static HttpRequest.Builder withJson(URI uri, String json) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json");
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return JSON.getNodeFactory().stringNode(body);
        }
    }

    /** JSON text from single quotes, so that test bodies stay readable: {@code json("{'a': 1}")}. */
    public static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
