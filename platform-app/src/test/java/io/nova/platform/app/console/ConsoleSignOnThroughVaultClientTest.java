package io.nova.platform.app.console;

import static io.nova.platform.app.support.Api.json;
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

        registerConsoleClient();
        try (Browser browser = Browser.open(api.baseUrl())) {
            browser.go("/");
            ConsoleSession.signInAtProvider(browser, "bob", "bob-password");
            assertThat(browser.text("signed-in-user")).isEqualTo("bob · platform admin");
        }
    }

    @Test
    void a_tools_generated_credential_is_listed_without_values_and_rotated_from_the_console() {
        String team = unique("keys");
        var admin = api.bearer(IDP.token("admin-bot"));
        var created = admin.post("/tenants", json(
                "{'slug': '%s', 'displayName': 'Keys team', 'ownerGroups': ['keys-admins']}".formatted(team)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var enabled = admin.put("/tenants/%s/modules/minio".formatted(team), json("{'enabled': true}"));
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(201);
        var reconciled = admin.post("/clusters/local/reconcile", "");
        assertThat(reconciled.status()).as(reconciled.toString()).isEqualTo(200);
        String path = "nova/data/tenants/%s/credentials/minio-root-credentials".formatted(team);
        String before = VAULT.stored(path).orElseThrow().get("rootPassword").toString();

        registerConsoleClient();
        try (Browser browser = Browser.open(api.baseUrl())) {
            browser.go("/");
            ConsoleSession.signInAtProvider(browser, "bob", "bob-password");
            browser.go("/tenants/%s/modules".formatted(team)).click("module-minio-credentials");
            assertThat(browser.waitForText("#credentials-minio", "minio-root-credentials")).isTrue();
            assertThat(browser.text("credentials-minio")).contains("rootUser", "rootPassword",
                    "nova/tenants/%s/credentials/minio-root-credentials".formatted(team)).doesNotContain(before);
            browser.click("rotate-minio-root-credentials");
            browser.clickCss("vaadin-confirm-dialog vaadin-button[slot='confirm-button']");
            assertThat(browser.notification("minio-root-credentials rotated")).isNotNull();
        }
        assertThat(VAULT.stored(path).orElseThrow().get("rootPassword")).isNotEqualTo(before);
    }

    private void registerConsoleClient() {
        Map<String, Object> client = VAULT.stored("identity/oidc/client/nova-console").orElseThrow();
        IDP.registerConsoleClient((String) client.get("client_id"), (String) client.get("client_secret"),
                api.baseUrl() + "/login/oauth2/code/nova");
    }
}
