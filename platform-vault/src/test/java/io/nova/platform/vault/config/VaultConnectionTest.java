package io.nova.platform.vault.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.nova.platform.vault.api.SpringVaultApi;
import io.nova.platform.vault.api.VaultApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The template's wiring seen from the wire: headers, and TLS with a CA given as a PEM file. */
class VaultConnectionTest {

    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void every_call_carries_the_token_and_the_configured_namespace() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        String uri = "http://127.0.0.1:" + server.getAddress().getPort();

        try (var connection = VaultConnection.open(VaultProperties.withToken(uri, "platform-token").withNamespace("ml/"))) {
            new SpringVaultApi(connection.template(), uri).read("identity/oidc/key/nova");
        }

        // Spring Vault's session manager looks the token up first (auth/token/lookup-self) to learn its TTL.
        assertThat(requests).extracting(request -> request.get("path")).endsWith("/v1/identity/oidc/key/nova");
        assertThat(requests).allSatisfy(request -> {
            assertThat(request).containsEntry("x-vault-token", "platform-token");
            assertThat(request).containsEntry("x-vault-namespace", "ml/");
        });
    }

    @Test
    void a_vault_with_a_private_ca_is_trusted_through_the_pem_ca_file_and_refused_without_it(@TempDir Path dir)
            throws Exception {
        Path keyStore = dir.resolve("vault.p12");
        Path caPem = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "vault", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "vault", "-keystore", keyStore.toString(), "-storepass", "changeit",
                "-file", caPem.toString());
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(sslContext(keyStore)));
        https.createContext("/", this::answer);
        https.start();
        server = https;
        String uri = "https://127.0.0.1:" + https.getAddress().getPort();

        VaultProperties trusting = VaultProperties.withToken(uri, "platform-token")
                .withSsl(new VaultProperties.Ssl(caPem));
        try (var connection = VaultConnection.open(trusting)) {
            assertThat(new SpringVaultApi(connection.template(), uri).read("identity/oidc/key/nova")).isPresent();
        }
        try (var connection = VaultConnection.open(VaultProperties.withToken(uri, "platform-token"))) {
            assertThatThrownBy(() -> new SpringVaultApi(connection.template(), uri).read("identity/oidc/key/nova"))
                    .isInstanceOfSatisfying(VaultApiException.class, e -> {
                        assertThat(e.kind()).isEqualTo(VaultApiException.Kind.UNREACHABLE);
                        assertThat(e.getMessage()).startsWith("Vault at " + uri + " is unreachable: ");
                    });
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.add(Map.of("path", exchange.getRequestURI().getPath(),
                "x-vault-token", String.valueOf(exchange.getRequestHeaders().getFirst("X-Vault-Token")),
                "x-vault-namespace", String.valueOf(exchange.getRequestHeaders().getFirst("X-Vault-Namespace"))));
        byte[] body = "{\"data\":{\"algorithm\":\"RS256\"}}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static SSLContext sslContext(Path keyStoreFile) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** The JDK's keytool next to the running java: no certificate library needed. */
    private static void keytool(String... arguments) throws Exception {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        var command = new java.util.ArrayList<String>();
        command.add(java.resolveSibling("keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
