package io.nova.platform.app.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Which console client settings the platform starts with, and the message when there is none. */
class ConsoleClientSettingsTest {

    private static final String ISSUER = "https://vault.example.com/v1/identity/oidc/provider/nova";

    private static SecurityProperties withClientId(String clientId) {
        return new SecurityProperties(ISSUER, null, null, null, clientId, null, null, List.of(), null);
    }

    @Test
    void an_issuer_without_a_client_id_or_a_vault_kept_client_is_refused_with_both_ways_named() {
        assertThatThrownBy(() -> new SecurityConfiguration().consoleClientRegistrations(withClientId(null),
                Optional::empty, new MockEnvironment()))
                .hasMessageContaining("NOVA_LOGIN_CLIENT_ID")
                .hasMessageContaining("nova.vault.oidc.console-redirect-uris");
    }

    @Test
    void a_client_id_or_a_console_client_kept_in_vault_is_enough() {
        assertThatCode(() -> new SecurityConfiguration().consoleClientRegistrations(withClientId("nova-console"),
                Optional::empty, new MockEnvironment())).doesNotThrowAnyException();
        var vaultKeepsIt = new MockEnvironment().withProperty("nova.vault.uri", "https://vault.example.com")
                .withProperty("nova.vault.oidc.console-redirect-uris",
                        "https://nova.example.com/login/oauth2/code/nova");
        assertThatCode(() -> new SecurityConfiguration().consoleClientRegistrations(withClientId(null),
                Optional::empty, vaultKeepsIt)).doesNotThrowAnyException();
    }
}
