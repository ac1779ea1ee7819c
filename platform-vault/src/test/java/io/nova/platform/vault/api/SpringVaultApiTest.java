package io.nova.platform.vault.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.nova.platform.vault.config.VaultConnection;
import io.nova.platform.vault.config.VaultProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the API adapter reads Vault's answers, against a server that answers whatever a test sets. */
class SpringVaultApiTest {

    private HttpServer server;
    private VaultConnection connection;
    private SpringVaultApi api;
    private volatile int status;
    private volatile String body;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        String uri = "http://127.0.0.1:" + server.getAddress().getPort();
        connection = VaultConnection.open(VaultProperties.withToken(uri, "platform-token"));
        api = new SpringVaultApi(connection.template(), uri);
    }

    @AfterEach
    void stop() {
        connection.close();
        server.stop(0);
    }

    @Test
    void a_missing_object_or_an_empty_list_is_empty_rather_than_an_error() {
        answer(404, "{\"errors\":[]}");

        assertThat(api.read("identity/oidc/client/x")).isEmpty();
        assertThat(api.list("identity/oidc/client")).isEmpty();
    }

    @Test
    void fields_are_read_from_data_or_from_the_top_level_when_there_is_no_data() {
        answer(200, "{\"request_id\":\"1\",\"data\":{\"policy\":\"p\"}}");
        assertThat(api.read("sys/policies/acl/a")).contains(Map.of("policy", "p"));

        answer(200, "{\"name\":\"a\",\"policy\":\"p\"}");
        assertThat(api.read("sys/policies/acl/a")).contains(Map.of("name", "a", "policy", "p"));
    }

    @Test
    void a_write_that_reaches_no_handler_fails_instead_of_passing_for_done() {
        answer(404, "{\"errors\":[\"no handler for route \\\"nova/data/tenants/a/credentials/x\\\"\"]}");

        assertThatThrownBy(() -> api.write("nova/data/tenants/a/credentials/x", Map.of("data", Map.of("k", "v"))))
                .isInstanceOf(VaultApiException.class);
    }

    @Test
    void a_write_without_an_answer_body_returns_nothing() {
        answer(204, null);

        assertThat(api.write("identity/oidc/scope/groups", Map.of("template", "{}"))).isEmpty();
    }

    @Test
    void errors_are_classified_and_quote_vaults_error_texts() {
        answer(503, "{\"errors\":[\"Vault is sealed\"]}");
        assertThatThrownBy(() -> api.read("identity/oidc/key/nova")).isInstanceOfSatisfying(VaultApiException.class,
                e -> assertThat(e.kind()).isEqualTo(VaultApiException.Kind.SEALED));

        answer(403, "{\"errors\":[\"1 error occurred:\\n\\t* permission denied\\n\\n\"]}");
        assertThatThrownBy(() -> api.delete("sys/policies/acl/nova-tenant-a"))
                .isInstanceOfSatisfying(VaultApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VaultApiException.Kind.FORBIDDEN);
                    assertThat(e.getMessage()).contains("lacks the 'delete' capability on sys/policies/acl/nova-tenant-a");
                });

        answer(400, "{\"errors\":[\"1 error occurred:\\n\\t* assignment \\\"nova-a\\\" does not exist\\n\\n\"]}");
        assertThatThrownBy(() -> api.write("identity/oidc/client/a-mlflow", Map.of("key", "nova")))
                .isInstanceOfSatisfying(VaultApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VaultApiException.Kind.REJECTED);
                    assertThat(e.stopsProvisioning()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("Vault answered 400 to create/update "
                            + "identity/oidc/client/a-mlflow: assignment \"nova-a\" does not exist");
                });
    }

    @Test
    void an_error_that_echoes_a_sent_secret_does_not_repeat_it() {
        answer(400, "{\"errors\":[\"invalid value hvo_secret_abcdef0123 in field client_secret\"]}");

        assertThatThrownBy(() -> api.write("nova/data/tenants/a/oidc/mlflow",
                Map.of("data", Map.of("client_id", "id", "client_secret", "hvo_secret_abcdef0123"))))
                .isInstanceOf(VaultApiException.class)
                .hasMessageNotContaining("hvo_secret_abcdef0123")
                .hasMessageContaining("(hidden)");
    }

    @Test
    void requests_carry_no_body_in_the_text_form_spring_logs() {
        assertThat(new HiddenBody(Map.of("client_secret", "s3cr3t")).toString()).doesNotContain("s3cr3t");
        assertThat(List.of(new HiddenBody(Map.of("a", "b"))).toString()).contains("hidden");
    }

    private void answer(int status, String body) {
        this.status = status;
        this.body = body;
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (exchange.getRequestURI().getPath().endsWith("/auth/token/lookup-self")) {
            byte[] lookup = "{\"data\":{\"ttl\":0,\"renewable\":false,\"policies\":[\"root\"]}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, lookup.length);
            exchange.getResponseBody().write(lookup);
            exchange.close();
            return;
        }
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
