package io.nova.platform.k8s.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
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
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.nova.platform.core.apikey.ModelApiKeyService;
import io.nova.platform.core.gpu.GpuSharing;
import io.nova.platform.core.serving.Precision;
import io.nova.platform.core.serving.ServingEngine;

/**
 * The rendered gateway configuration in real nginx with njs (Debian's {@code nginx} and {@code libnginx-mod-http-js};
 * skipped without them). The test changes only what differs from the pod: the module path of Debian's package, the
 * file locations, the port, the resolver the image's entrypoint would fill in, and the upstream's address (a local
 * HTTP server playing the model). The keys directory is laid out as a Secret volume lays it out.
 */
class ModelGatewayNginxTest {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Path NJS = Path.of("/usr/lib/nginx/modules/ngx_http_js_module.so");
    private static final String KEY = "nvk_" + "a".repeat(20) + "valid";
    private static final String OTHER = "nvk_" + "b".repeat(20) + "other";

    @TempDir
    Path dir;
    private HttpServer model;
    private Process nginx;
    private int port;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(NGINX) && Files.exists(NJS), "nginx with njs is not installed "
                + "(apt-get install nginx libnginx-mod-http-js): the gateway's configuration is not run");
        model = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        model.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " authorization="
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"object\":\"list\",\"data\":[{\"id\":\"qwen\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        model.start();

        var state = DesiredStates.direct().pool("l4", "L4", 2, 1, GpuSharing.exclusive()).tenant("chat")
                .model("chat", "qwen", "Qwen/Qwen2.5-7B-Instruct", Precision.BF16, "l4", ServingEngine.KSERVE, 1)
                .gateway("chat", "models-chat.example.com").build();
        var config = new ClusterRenderer(RenderSettings.defaults().withOidc(
                "https://vault.example.com/v1/identity/oidc/provider/nova", "https://vault.vault.svc:8200"))
                .render(state).stream().filter(o -> o.getKind().equals("ConfigMap")
                        && o.getMetadata().getName().equals(ModelGatewayRenderer.NAME))
                .map(ConfigMap.class::cast).findFirst().orElseThrow().getData();

        port = freePort();
        // nginx's workers run as an unprivileged user (as in the pod), so they must be able to read in here
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.createDirectories(dir.resolve("conf.d"));
        Files.createDirectories(dir.resolve("njs"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("njs/auth.js"), config.get("auth.js"));
        Files.writeString(dir.resolve("nginx.conf"), config.get("nginx.conf")
                .replace("/tmp/", dir.resolve("tmp") + "/")
                .replace("/etc/nginx/modules/ngx_http_js_module.so", NJS.toString())
                .replace("/etc/nginx/njs/", dir.resolve("njs") + "/")
                .replace("/etc/nginx/conf.d/", dir.resolve("conf.d") + "/"));
        Files.writeString(dir.resolve("conf.d/gateway.conf"), config.get("gateway.conf.template")
                .replace("${NGINX_LOCAL_RESOLVERS}", "127.0.0.1")
                .replace("listen " + ModelGatewayRenderer.PORT, "listen 127.0.0.1:" + port)
                .replace(ModelGatewayRenderer.KEYS_DIR, keys.toString())
                .replace("qwen-predictor.nova-chat.svc.cluster.local:80", "127.0.0.1:" + model.getAddress().getPort()));
        secretVolume(keys, "ci", ModelApiKeyService.verifier(KEY));

        var check = new ProcessBuilder(NGINX.toString(), "-t", "-p", dir.toString(), "-c",
                dir.resolve("nginx.conf").toString()).redirectErrorStream(true).start();
        String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as("nginx -t: " + checked).isZero();
        nginx = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("nginx.log").toFile())
                .start();
        for (int i = 0; i < 100 && !answers(); i++) {
            Thread.sleep(100);
        }
        assertThat(answers()).as("nginx started: " + Files.readString(dir.resolve("nginx.log"))).isTrue();
    }

    @AfterEach
    void stop() {
        if (nginx != null) {
            nginx.destroy();
        }
        if (model != null) {
            model.stop(0);
        }
    }

    @Test
    void lets_a_valid_key_through_without_passing_it_on_and_refuses_everything_else() throws Exception {
        var allowed = get("/qwen/v1/models", KEY);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).contains("\"id\":\"qwen\"");
        assertThat(seen).containsExactly("GET /openai/v1/models authorization=null");

        var missing = get("/qwen/v1/models", null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).contains("invalid_api_key");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"nova\"");
        assertThat(get("/qwen/v1/models", OTHER).statusCode()).isEqualTo(401);
        assertThat(get("/qwen/v1/models", KEY + "x").statusCode()).isEqualTo(401);
        assertThat(get("/qwen/dashboard", KEY).statusCode()).as("only the OpenAI API is routed").isEqualTo(404);
        assertThat(get("/ray/v1/models", KEY).statusCode()).as("no such deployment").isEqualTo(404);
        assertThat(seen).hasSize(1);
    }

    @Test
    void refuses_a_revoked_key_and_a_rotated_ones_old_value_as_soon_as_the_secret_changes() throws Exception {
        Path keys = dir.resolve("keys");
        secretVolume(keys, "web", ModelApiKeyService.verifier(OTHER));
        assertThat(get("/qwen/v1/models", OTHER).statusCode()).isEqualTo(200);

        secretVolume(keys, "web", null);
        assertThat(get("/qwen/v1/models", OTHER).statusCode()).as("revoked").isEqualTo(401);
        assertThat(get("/qwen/v1/models", KEY).statusCode()).as("the other key stays").isEqualTo(200);

        String rotated = "nvk_" + "c".repeat(20) + "rotated";
        secretVolume(keys, "ci", ModelApiKeyService.verifier(rotated));
        assertThat(get("/qwen/v1/models", KEY).statusCode()).as("the old value of a rotated key").isEqualTo(401);
        assertThat(get("/qwen/v1/models", rotated).statusCode()).isEqualTo(200);
    }

    /**
     * Sets (or with null removes) one key of the Secret the way the kubelet updates a Secret volume: the files
     * are symlinks into a {@code ..data} directory, which is swapped.
     */
    private static void secretVolume(Path keys, String name, String verifier) throws IOException {
        Path data = keys.resolve("..data");
        Path current = Files.isSymbolicLink(data) ? keys.resolve(Files.readSymbolicLink(data)) : null;
        Path next = Files.createDirectory(keys.resolve("..%d".formatted(System.nanoTime())));
        if (current != null) {
            try (var files = Files.list(current)) {
                for (Path file : files.toList()) {
                    Files.copy(file, next.resolve(file.getFileName()));
                }
            }
        }
        Files.deleteIfExists(next.resolve(name));
        if (verifier != null) {
            Files.writeString(next.resolve(name), verifier);
        }
        Path swap = keys.resolve("..data_tmp");
        Files.deleteIfExists(swap);
        Files.createSymbolicLink(swap, next.getFileName());
        Files.move(swap, data, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        try (var files = Files.list(next)) {
            for (Path file : files.toList()) {
                Path link = keys.resolve(file.getFileName());
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, Path.of("..data").resolve(file.getFileName()));
                }
            }
        }
        try (var links = Files.list(keys)) {
            for (Path link : links.toList()) {
                if (!link.getFileName().toString().startsWith("..") && !Files.exists(link)) {
                    Files.delete(link);
                }
            }
        }
    }

    private boolean answers() {
        try {
            return get("/healthz", null).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:%d%s".formatted(port, path)))
                .timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
