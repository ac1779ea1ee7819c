package io.nova.platform.app.console;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.nova.platform.app.support.VaultTokens;
import io.nova.platform.core.apikey.ModelApiKeyService;
import io.nova.platform.vault.testing.VaultApiTestDouble;

/**
 * API keys on the served-models page in a real headless Chromium: a new key is shown once and only its hash reaches
 * StarVault (the {@link VaultApiTestDouble}, which follows the Vault HTTP API); rotating shows the new one; revoking
 * removes the hash.
 */
class ConsoleApiKeysTest extends ConsoleTest {

    static final VaultApiTestDouble VAULT = VaultApiTestDouble.start();

    @DynamicPropertySource
    static void vault(DynamicPropertyRegistry registry) {
        VaultTokens.register(registry, VAULT);
    }

    @AfterAll
    static void stopVault() {
        VAULT.close();
    }

    @Test
    void a_key_is_shown_once_rotated_and_revoked_in_the_console() {
        String team = unique("keys");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Keys'}".formatted(team)));
        String stored = "nova/data/tenants/%s/credentials/nova-model-api-keys".formatted(team);

        browser.go("/tenants/" + team + "/models");
        browser.type("api-key-name", "Bad Name").click("api-key-create");
        assertThat(browser.fieldError("api-key-name")).isNotBlank();

        browser.type("api-key-name", "ci").click("api-key-create");
        browser.until(d -> !browser.byId("api-key-value").getAttribute("value").isBlank());
        String key = browser.byId("api-key-value").getAttribute("value");
        assertThat(key).startsWith("nvk_");
        assertThat(VAULT.stored(stored).orElseThrow()).isEqualTo(Map.of("ci", ModelApiKeyService.verifier(key)));
        browser.click("api-key-done");
        browser.waitForText("#api-key-grid vaadin-grid-cell-content", key.substring(0, 10));
        assertThat(browser.driver().getPageSource()).as("shown once").doesNotContain(key);

        browser.click("api-key-rotate-ci");
        browser.clickCss("vaadin-confirm-dialog vaadin-button[slot='confirm-button']");
        browser.until(d -> browser.exists("#api-key-value")
                && !key.equals(browser.byId("api-key-value").getAttribute("value")));
        String rotated = browser.byId("api-key-value").getAttribute("value");
        assertThat(VAULT.stored(stored).orElseThrow()).isEqualTo(Map.of("ci", ModelApiKeyService.verifier(rotated)));
        browser.click("api-key-done");

        browser.click("api-key-revoke-ci");
        browser.clickCss("vaadin-confirm-dialog vaadin-button[slot='confirm-button']");
        browser.notification("API key ci revoked");
        assertThat(VAULT.stored(stored).orElse(Map.of())).isEmpty();
    }
}
