package io.nova.platform.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.nova.platform.app.support.ApiTest;
import io.nova.platform.app.support.VaultTokens;
import io.nova.platform.vault.testing.VaultApiTestDouble;
import nova.testing.browser.Browser;
import nova.testing.identity.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single sign-on with no client configured by hand: the platform provisions its console client {@code nova-console}
 * in StarVault (the {@link VaultApiTestDouble}, with the shipped policy) and logs users in with that client's
 * credentials. The issuer is the test OIDC provider standing in for StarVault's provider, with the same client
 * registered; the browser is a real headless Chromium.
 */
class ConsoleSignOnThroughVaultClientTest extends ApiTest {

    static final TestIdentityProvider IDP = TestIdentityProvider.shared();
    static final VaultApiTestDouble VAULT = VaultApiTestDouble.start();

    @DynamicPropertySource
    static void singleSignOnThroughVault(DynamicPropertyRegistry registry) {
        registry.add("nova.security.oidc.issuer-uri", IDP::issuer);
        registry.add("nova.vault.uri", () -> VAULT.uri().toString());
        registry.add("nova.vault.authentication", () -> "TOKEN");
        registry.add("nova.vault.token", () -> {
            VAULT.enableKubernetesAuth();
            return VaultTokens.withShippedPolicy(VAULT);
        });
        registry.add("nova.vault.oidc.console-redirect-uris", () -> "https://nova.example.com/login/oauth2/code/nova");
    }

    @AfterAll
    static void stopVault() {
        VAULT.close();
    }

    @Test
    void the_console_signs_in_with_the_client_the_platform_keeps_in_vault() throws Exception {
        var redirect = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build().send(
                HttpRequest.newBuilder(URI.create(api.baseUrl() + "/oauth2/authorization/nova")).build(),
                HttpResponse.BodyHandlers.discarding());

        Map<String, Object> client = VAULT.stored("identity/oidc/client/nova-console").orElseThrow();
        String clientId = (String) client.get("client_id");
        assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .startsWith(IDP.issuer()).contains("client_id=" + clientId));

        IDP.registerConsoleClient(clientId, (String) client.get("client_secret"),
                api.baseUrl() + "/login/oauth2/code/nova");
        try (Browser browser = Browser.open(api.baseUrl())) {
            browser.go("/");
            ConsoleSession.signInAtProvider(browser, "bob", "bob-password");
            assertThat(browser.text("signed-in-user")).isEqualTo("bob · platform admin");
        }
    }
}
