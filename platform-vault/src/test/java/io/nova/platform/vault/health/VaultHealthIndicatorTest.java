package io.nova.platform.vault.health;

import io.nova.platform.vault.config.VaultConnection;
import io.nova.platform.vault.config.VaultProperties;
import io.nova.platform.vault.testing.VaultApiTestDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class VaultHealthIndicatorTest {

    private VaultApiTestDouble vault;
    private VaultConnection connection;

    @BeforeEach
    void start() {
        vault = VaultApiTestDouble.start();
    }

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.close();
        }
        vault.close();
    }

    @Test
    void a_reachable_unsealed_vault_that_accepts_the_token_is_up_with_its_version() {
        Health health = indicator(vault.createToken()).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("configured", true).containsEntry("sealed", false)
                .containsKey("version");
        assertThat(health.getDetails().get("version")).isNotEqualTo("unknown");
    }

    @Test
    void a_sealed_vault_is_down_because_it_is_sealed() {
        VaultHealthIndicator indicator = indicator(vault.rootToken());
        vault.seal();

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("reason", "sealed");
    }

    @Test
    void a_vault_that_is_down_is_reported_unreachable() {
        VaultHealthIndicator indicator = indicator(vault.rootToken());
        vault.stop();

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("reason", "unreachable");
        assertThat((String) health.getDetails().get("message")).startsWith("Vault at " + vault.uri()
                + " is unreachable: ");
    }

    @Test
    void a_refused_token_is_reported_forbidden_without_showing_the_token() {
        Health health = indicator("s.not-a-valid-token").health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("reason", "forbidden");
        assertThat(health.getDetails().toString()).doesNotContain("s.not-a-valid-token");
    }

    @Test
    void without_a_vault_the_health_is_unknown_and_says_not_configured() {
        Health health = VaultHealthIndicator.notConfigured().health();

        assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(health.getDetails()).containsEntry("configured", false).containsEntry("reason", "not configured");
    }

    private VaultHealthIndicator indicator(String token) {
        connection = VaultConnection.open(VaultProperties.withToken(vault.uri().toString(), token));
        return new VaultHealthIndicator(connection.template(), vault.uri().toString());
    }
}
