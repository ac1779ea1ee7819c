package io.nova.platform.vault.config;

import java.time.Duration;

import io.nova.platform.core.identity.TenantSecrets;
import io.nova.platform.vault.UnconfiguredTenantSecrets;
import io.nova.platform.vault.VaultTenantSecrets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.vault.core.VaultTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class VaultConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(VaultConfiguration.class);

    @Test
    void without_a_uri_there_is_no_vault_template_and_tenant_secrets_say_vault_is_not_configured() {
        runner.withPropertyValues("nova.vault.uri=").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(VaultTemplate.class);
            TenantSecrets secrets = context.getBean(TenantSecrets.class);
            assertThat(secrets).isInstanceOf(UnconfiguredTenantSecrets.class);
            assertThat(secrets.configured()).isFalse();
            HealthIndicator health = context.getBean("vaultHealthIndicator", HealthIndicator.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(health.health().getDetails()).containsEntry("reason", "not configured");
        });
    }

    @Test
    void with_a_uri_and_a_token_the_template_and_the_vault_backed_tenant_secrets_are_built() {
        runner.withPropertyValues("nova.vault.uri=http://127.0.0.1:8200", "nova.vault.token=platform-token",
                "nova.vault.namespace=ml/", "nova.vault.oidc.console-redirect-uris=https://nova.example.com/cb",
                "nova.vault.oidc.id-token-ttl=10m").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(VaultTemplate.class);
            assertThat(context.getBean(TenantSecrets.class)).isInstanceOf(VaultTenantSecrets.class);
            VaultProperties properties = context.getBean(VaultProperties.class);
            assertThat(properties.oidc().consoleRedirectUris()).containsExactly("https://nova.example.com/cb");
            assertThat(properties.oidc().idTokenTtl()).isEqualTo(Duration.ofMinutes(10));
            assertThat(properties.namespace()).isEqualTo("ml/");
        });
    }

    @Test
    void an_incomplete_login_fails_at_start_naming_the_missing_property() {
        runner.withPropertyValues("nova.vault.uri=http://127.0.0.1:8200", "nova.vault.authentication=approle")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("nova.vault.approle.role-id"));
        runner.withPropertyValues("nova.vault.uri=http://127.0.0.1:8200")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("nova.vault.token"));
    }
}
