package io.nova.platform.app.console;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.nova.platform.app.support.Api;
import io.nova.platform.app.support.OidcApiTest;
import nova.testing.browser.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A console sign-in follows the identity provider: a real headless Chromium signs in at a real OIDC provider (Spring
 * Authorization Server), the provider then changes the person's groups, and after the recheck interval (two seconds
 * here, fifteen minutes by default) the console shows what the new groups allow, without a new sign-in; with no role
 * left the session ends.
 */
@TestPropertySource(properties = "nova.security.session.groups-recheck=2s")
class ConsoleSessionRecheckTest extends OidcApiTest {

    private static final String SUFFIX = java.util.UUID.randomUUID().toString().substring(0, 6);
    private Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void new_groups_count_within_the_recheck_interval_and_a_person_without_a_role_is_signed_out() throws Exception {
        String own = "recheck-a-" + SUFFIX;
        String other = "recheck-b-" + SUFFIX;
        String person = "dana-" + SUFFIX;
        IDP.setConsoleRedirectUri(api.baseUrl() + "/login/oauth2/code/nova");
        IDP.registerUser(person, "dana-password", List.of("recheck-a-admins-" + SUFFIX));
        Api admin = api.bearer(IDP.token("admin-bot"));
        assertThat(admin.post("/tenants", json("{'slug': '%s', 'displayName': 'A', 'ownerGroups': ['%s']}"
                .formatted(own, "recheck-a-admins-" + SUFFIX))).status()).isEqualTo(201);
        assertThat(admin.post("/tenants", json("{'slug': '%s', 'displayName': 'B', 'ownerGroups': ['%s']}"
                .formatted(other, "recheck-b-admins-" + SUFFIX))).status()).isEqualTo(201);
        browser = Browser.open(api.baseUrl());
        browser.go("/");
        ConsoleSession.signInAtProvider(browser, person, "dana-password");
        assertThat(tenantsShown()).contains(own).doesNotContain(other);

        IDP.registerUser(person, "dana-password", List.of("recheck-b-admins-" + SUFFIX));
        Thread.sleep(2_500);

        assertThat(tenantsShown()).as("the provider's new groups, same sign-in").contains(other).doesNotContain(own);
        assertThat(browser.url()).startsWith(api.baseUrl());

        IDP.registerUser(person, "dana-password", List.of("nobody-here-" + SUFFIX));
        Thread.sleep(2_500);

        assertThat(tenantsShown()).as("no role left").doesNotContain(own).doesNotContain(other);
    }

    private List<String> tenantsShown() {
        browser.go("/tenants");
        browser.type("tenant-filter", SUFFIX);
        browser.settle();
        return browser.gridCells("tenants-grid");
    }
}
