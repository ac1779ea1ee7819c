package io.nova.platform.vault.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.nova.platform.vault.api.SpringVaultApi;
import io.nova.platform.vault.config.VaultConnection;
import io.nova.platform.vault.config.VaultProperties;
import io.nova.platform.vault.testing.VaultApiTestDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kubeconfigs from KV v2, read with the production Spring Vault code from the Vault API test double. */
class VaultClusterCredentialsTest {

    private static final String KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters: []\n";

    private VaultApiTestDouble vault;
    private VaultConnection connection;

    @BeforeEach
    void start() {
        vault = VaultApiTestDouble.start();
        connection = VaultConnection.open(VaultProperties.withToken(vault.uri().toString(), vault.rootToken()));
        var root = new SpringVaultApi(connection.template(), vault.uri().toString());
        root.write("sys/mounts/nova", Map.of("type", "kv", "options", Map.of("version", "2")));
        root.write("nova/data/clusters/prod", Map.of("data", Map.of("kubeconfig", KUBECONFIG, "token", "t0k3n")));
    }

    @AfterEach
    void stop() {
        connection.close();
        vault.close();
    }

    private VaultClusterCredentials credentials(String token) {
        var reader = VaultConnection.open(VaultProperties.withToken(vault.uri().toString(), token));
        return new VaultClusterCredentials(new SpringVaultApi(reader.template(), vault.uri().toString()));
    }

    @Test
    void reads_the_kubeconfig_field_of_the_referenced_kv_secret() {
        var credentials = credentials(vault.rootToken());
        assertThat(credentials.kubeconfig("nova/clusters/prod#kubeconfig")).isEqualTo(KUBECONFIG);
        assertThat(credentials.kubeconfig("nova/clusters/prod")).as("kubeconfig is the default field")
                .isEqualTo(KUBECONFIG);
        assertThat(vault.requests()).contains("GET /v1/nova/data/clusters/prod");
    }

    @Test
    void a_missing_secret_or_field_is_named_without_any_credential_in_the_message() {
        var credentials = credentials(vault.rootToken());
        assertThatThrownBy(() -> credentials.kubeconfig("nova/clusters/staging#kubeconfig"))
                .hasMessageContaining("nova/clusters/staging#kubeconfig").hasMessageContaining("no secret");
        assertThatThrownBy(() -> credentials.kubeconfig("nova/clusters/prod#admin"))
                .hasMessageContaining("no field 'admin'").hasMessageNotContaining("t0k3n")
                .hasMessageNotContaining("apiVersion");
        assertThatThrownBy(() -> credentials.kubeconfig("prod"))
                .hasMessageContaining("must be <mount>/<path>[#key]");
    }

    @Test
    void a_token_without_read_on_the_path_gets_a_refusal_that_says_so() {
        var credentials = credentials(vault.createToken("default"));
        assertThatThrownBy(() -> credentials.kubeconfig("nova/clusters/prod#kubeconfig"))
                .hasMessageContaining("nova/clusters/prod#kubeconfig").hasMessageNotContaining("apiVersion");
    }
}
