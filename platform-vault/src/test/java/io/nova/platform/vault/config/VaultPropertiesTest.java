package io.nova.platform.vault.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.nova.platform.vault.config.VaultProperties.AppRole;
import io.nova.platform.vault.config.VaultProperties.AuthenticationMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VaultPropertiesTest {

    @Test
    void an_empty_uri_means_vault_is_not_configured() {
        assertThat(VaultProperties.unconfigured().configured()).isFalse();
        assertThat(VaultProperties.withToken(" ", "t").configured()).isFalse();
        assertThat(VaultProperties.withToken("http://vault:8200", "t").configured()).isTrue();
    }

    @Test
    void defaults_are_token_login_short_token_lifetimes_and_the_standard_kubernetes_paths() {
        VaultProperties properties = VaultProperties.unconfigured();

        assertThat(properties.authentication()).isEqualTo(AuthenticationMethod.TOKEN);
        assertThat(properties.oidc().idTokenTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(properties.oidc().accessTokenTtl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(properties.oidc().consoleRedirectUris()).isEmpty();
        assertThat(properties.oidc().issuer()).isNull();
        assertThat(properties.kubernetes().authMount()).isEqualTo("kubernetes");
        assertThat(properties.kubernetes().serviceAccountTokenFile())
                .isEqualTo(Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token"));
    }

    @Test
    void secrets_never_show_in_the_text_form() {
        VaultProperties properties = VaultProperties.withToken("http://vault:8200", "s.super-secret-token")
                .withAuthentication(AuthenticationMethod.APPROLE, new AppRole("role-1", "secret-id-value", null), null);
        VaultProperties withToken = VaultProperties.withToken("http://vault:8200", "s.super-secret-token");

        assertThat(properties.toString()).doesNotContain("secret-id-value").contains("role-1");
        assertThat(withToken.toString()).doesNotContain("s.super-secret-token").contains("(hidden)");
    }

    @Test
    void blank_console_redirect_uris_are_dropped() {
        var oidc = new VaultProperties.Oidc("", List.of(" ", "https://console.example.com/login/oauth2/code/nova"),
                null, null);

        assertThat(oidc.consoleRedirectUris()).containsExactly("https://console.example.com/login/oauth2/code/nova");
        assertThat(oidc.issuer()).isNull();
    }
}
