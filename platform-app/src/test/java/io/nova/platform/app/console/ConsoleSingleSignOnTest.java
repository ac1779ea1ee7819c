package io.nova.platform.app.console;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.nova.platform.app.support.Api;
import io.nova.platform.app.support.OidcApiTest;
import nova.testing.browser.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Console single sign-on: a real headless Chromium signs in at a real OIDC provider (Spring Authorization Server on
 * 127.0.0.1, authorization code with PKCE), lands in the console with the roles of its groups, and signs out of both.
 * The platform runs on localhost so that the two sites' cookies stay apart.
 */
class ConsoleSingleSignOnTest extends OidcApiTest {

    private static final String SUFFIX = java.util.UUID.randomUUID().toString().substring(0, 6);
    private static final String OWN = "sso-own-" + SUFFIX;
    private static final String OTHER = "sso-other-" + SUFFIX;
    private static boolean fixtureReady;
    private Browser browser;

    @BeforeEach
    void fixtureAndBrowser() {
        IDP.setConsoleRedirectUri(api.baseUrl() + "/login/oauth2/code/nova");
        IDP.registerUser("carol-" + SUFFIX, "carol-password", List.of("team-a-admins"));
        IDP.registerUser("vera-" + SUFFIX, "vera-password", List.of("platform-viewers"));
        if (!fixtureReady) {
            Api admin = api.bearer(IDP.token("admin-bot"));
            assertThat(admin.post("/tenants", json(("{'slug': '%s', 'displayName': 'Own team', 'ownerGroups': "
                    + "['team-a-admins']}").formatted(OWN))).status()).isEqualTo(201);
            assertThat(admin.post("/tenants", json(("{'slug': '%s', 'displayName': 'Other team', 'ownerGroups': "
                    + "['team-b-admins']}").formatted(OTHER))).status()).isEqualTo(201);
            fixtureReady = true;
        }
        browser = Browser.open(api.baseUrl());
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void a_tenant_admin_signs_in_at_the_provider_and_sees_only_their_own_tenants() {
        browser.go("/");
        assertThat(browser.url()).startsWith(IDP.issuer()).contains("/login");
        ConsoleSession.signInAtProvider(browser, "carol-" + SUFFIX, "carol-password");

        assertThat(browser.url()).startsWith(api.baseUrl());
        assertThat(browser.text("signed-in-user")).isEqualTo("carol-" + SUFFIX + " · tenant admin");
        assertThat(browser.exists("#dev-setup-banner")).isFalse();
        assertThat(browser.text("main-nav")).contains("Tenants").doesNotContain("Plan and apply")
                .doesNotContain("Audit log");

        browser.go("/tenants");
        browser.type("tenant-filter", SUFFIX);
        browser.waitForText("#tenants-grid vaadin-grid-cell-content", OWN);
        assertThat(cells()).contains(OWN).doesNotContain(OTHER);
        assertThat(browser.exists("#new-tenant")).isFalse();

        browser.go("/tenants/" + OTHER);
        assertThat(browser.driver().getPageSource()).contains("You are not an admin or member of tenant '" + OTHER + "'");

        browser.go("/tenants/" + OWN);
        browser.waitForText("#tenant-events vaadin-grid-cell-content", "tenants/" + OWN);
        assertThat(browser.gridCells("tenant-events")).as("a tenant admin sees the history of its own tenant")
                .contains("CREATE", "tenants/" + OWN);
        assertThat(browser.exists("#tenant-edit")).as("but may not edit the tenant").isFalse();

        browser.go("/tenants/" + OWN + "/modules");
        assertThat(browser.css("#module-jupyterhub-enabled").getAttribute("disabled")).isNull();
    }

    @Test
    void a_viewer_gets_read_only_screens() {
        browser.go("/");
        ConsoleSession.signInAtProvider(browser, "vera-" + SUFFIX, "vera-password");
        assertThat(browser.text("signed-in-user")).endsWith("· viewer");

        browser.go("/tenants/" + OWN);
        assertThat(browser.exists("#tenant-edit")).isFalse();
        assertThat(browser.exists("#set-gpu-quota")).isFalse();
        browser.go("/tenants/" + OWN + "/modules");
        assertThat(browser.css("#module-jupyterhub-enabled").getAttribute("disabled")).isNotNull();
        browser.go("/pools");
        assertThat(browser.exists("#new-pool")).isFalse();
    }

    @Test
    void signing_out_ends_the_session_at_the_provider_too() {
        browser.go("/");
        ConsoleSession.signInAtProvider(browser, "bob", "bob-password");
        assertThat(browser.text("signed-in-user")).isEqualTo("bob · platform admin");
        assertThat(browser.text("main-nav")).contains("Plan and apply").contains("Audit log");

        browser.click("sign-out");
        // With the provider's session still alive, the console would sign bob straight back in; it asks instead.
        browser.until(d -> d.getCurrentUrl().startsWith(IDP.issuer()) && d.getCurrentUrl().contains("/login"));
        browser.go("/tenants");
        assertThat(browser.url()).startsWith(IDP.issuer()).contains("/login");
    }

    @Test
    void the_authorization_request_carries_a_pkce_challenge_and_a_nonce() throws Exception {
        var http = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
        var response = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(api.baseUrl() + "/oauth2/authorization/nova")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .startsWith(IDP.issuer() + "/oauth2/authorize?").contains("code_challenge=")
                .contains("code_challenge_method=S256").contains("nonce=").contains("state=")
                .contains("client_id=" + nova.testing.identity.TestIdentityProvider.CONSOLE_CLIENT_ID));
    }

    private List<String> cells() {
        return browser.gridCells("tenants-grid");
    }
}
