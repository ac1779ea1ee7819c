package io.nova.platform.k8s.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import com.sun.net.httpserver.HttpServer;

/**
 * Just enough of a Kubernetes API for {@code helm template} through helm-java, which (unlike the CLI) dials the API
 * for charts that call {@code lookup} (manusa/helm-java#266): the discovery lists, and 404 for every object, so
 * {@code lookup} finds nothing as on a fresh cluster.
 *
 * <p>helm-java 0.0.21's TemplateCommand takes no kubeconfig, so Helm finds the stub through {@code KUBECONFIG}: the
 * build sets that variable to a file under {@code target/} and this writes it (and deletes it on close). Without the
 * variable (a run from an IDE) the stub listens on Helm's default address, 127.0.0.1:8080, when that is free.
 */
final class StubKubeApi implements AutoCloseable {

    private static final Map<String, String> DISCOVERY = Map.of(
            "/api", """
                    {"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[]}""",
            "/api/v1", """
                    {"kind":"APIResourceList","groupVersion":"v1","resources":[]}""",
            "/apis", """
                    {"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"apiextensions.k8s.io",
                     "versions":[{"groupVersion":"apiextensions.k8s.io/v1","version":"v1"}],
                     "preferredVersion":{"groupVersion":"apiextensions.k8s.io/v1","version":"v1"}}]}""",
            "/apis/apiextensions.k8s.io/v1", """
                    {"kind":"APIResourceList","groupVersion":"apiextensions.k8s.io/v1","resources":[]}""");
    private static final String NOT_FOUND = """
            {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}""";

    private final HttpServer server;
    private final Path kubeconfig;

    private StubKubeApi(HttpServer server, Path kubeconfig) {
        this.server = server;
        this.kubeconfig = kubeconfig;
    }

    /** A running stub Helm will find, or empty (with the reason on stderr) when neither way is open. */
    static Optional<StubKubeApi> start() {
        String variable = System.getenv("KUBECONFIG");
        try {
            if (variable != null && !variable.isBlank() && !variable.contains(java.io.File.pathSeparator)) {
                HttpServer server = serve(0);
                Path file = Path.of(variable);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, """
                        apiVersion: v1
                        kind: Config
                        clusters:
                        - name: stub
                          cluster:
                            server: http://127.0.0.1:%d
                        contexts:
                        - name: stub
                          context:
                            cluster: stub
                            user: stub
                        current-context: stub
                        users:
                        - name: stub
                          user: {}
                        """.formatted(server.getAddress().getPort()));
                return Optional.of(new StubKubeApi(server, file));
            }
            return Optional.of(new StubKubeApi(serve(8080), null));
        } catch (BindException e) {
            System.err.println("StubKubeApi: KUBECONFIG is not set and 127.0.0.1:8080 is taken; charts that call "
                    + "'lookup' cannot be rendered");
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpServer serve(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            String body = DISCOVERY.get(exchange.getRequestURI().getPath());
            byte[] bytes = (body == null ? NOT_FOUND : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Override
    public void close() {
        server.stop(0);
        if (kubeconfig != null) {
            try {
                Files.deleteIfExists(kubeconfig);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
