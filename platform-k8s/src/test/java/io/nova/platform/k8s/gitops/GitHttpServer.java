package io.nova.platform.k8s.gitops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real smart-HTTP Git server for tests: the {@code git http-backend} CGI program of the git installation, behind
 * HTTP Basic authentication with one user and token, on 127.0.0.1 and a free port. It serves the bare repositories
 * under a folder, for fetch and push, exactly as a Git host does over HTTPS (without the TLS).
 */
final class GitHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final Path root;
    private final String expectedAuthorization;
    private final AtomicInteger refused = new AtomicInteger();

    GitHttpServer(Path root, String user, String token) {
        this.root = root;
        this.expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Makes an empty bare repository {@code name} (branch main) under {@code root} that accepts pushes over HTTP. */
    static Path bareRepository(Path root, String name) {
        Path bare = root.resolve(name);
        GitCli.git(root.getParent(), "init", "-q", "--bare", "-b", "main", bare.toString());
        GitCli.git(bare, "config", "http.receivepack", "true");
        return bare;
    }

    /** The URL of a bare repository under the root, e.g. {@code fleet.git}. */
    String url(String repository) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + repository;
    }

    /** How many requests came without (or with wrong) credentials. */
    int refused() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                refused.incrementAndGet();
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            cgi(exchange);
        }
    }

    private void cgi(HttpExchange exchange) throws IOException {
        var builder = new ProcessBuilder("git", "http-backend");
        var env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("GIT_"));
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("REMOTE_USER", "tester");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", exchange.getRequestURI().getPath());
        env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? ""
                : exchange.getRequestURI().getRawQuery());
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        env.put("CONTENT_TYPE", type == null ? "" : type);
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null) {
            env.put("HTTP_CONTENT_ENCODING", encoding);
        }
        Process process = builder.start();
        CompletableFuture<Void> input = CompletableFuture.runAsync(() -> {
            try (InputStream body = exchange.getRequestBody(); OutputStream stdin = process.getOutputStream()) {
                body.transferTo(stdin);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        byte[] output = process.getInputStream().readAllBytes();
        input.join();
        respond(exchange, output);
    }

    /** Splits the CGI output into its headers (Status, Content-Type, …) and the body. */
    private static void respond(HttpExchange exchange, byte[] output) throws IOException {
        int status = 200;
        int at = 0;
        while (at < output.length) {
            int end = indexOf(output, (byte) '\n', at);
            String line = new String(output, at, end - at, StandardCharsets.ISO_8859_1).stripTrailing();
            at = end + 1;
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.substring(0, 3));
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        var body = new ByteArrayOutputStream();
        body.write(output, at, output.length - at);
        exchange.sendResponseHeaders(status, body.size() == 0 ? -1 : body.size());
        if (body.size() > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                body.writeTo(out);
            }
        }
    }

    private static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return bytes.length;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
