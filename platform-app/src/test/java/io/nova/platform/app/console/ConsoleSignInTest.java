package io.nova.platform.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.nova.platform.app.support.Api;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;

/**
 * The development setup's console sign-in (no OIDC issuer configured): the local admin's form login, in a real
 * headless Chromium against the running platform with its real PostgreSQL.
 */
class ConsoleSignInTest extends ConsoleTest {

    @Override
    boolean signsIn() {
        return false;
    }

    @Test
    void the_console_asks_for_the_local_admin_and_marks_the_development_setup() {
        browser.go("/");
        assertThat(browser.url()).endsWith("/login");
        assertThat(browser.text("dev-setup-note")).contains("Development setup");

        ConsoleSession.signInLocally(browser, Api.ADMIN_PASSWORD);

        assertThat(browser.text("dev-setup-banner")).contains("Development setup");
        assertThat(browser.text("signed-in-user")).isEqualTo("admin · platform admin");
        assertThat(browser.title()).isEqualTo("Overview · Nova Platform");
    }

    @Test
    void a_wrong_password_is_refused_with_a_visible_message() {
        browser.go("/login");
        ConsoleSession.submitLogin(browser, "admin", "not-the-password");

        assertThat(browser.url()).contains("/login?error");
        assertThat(browser.css("vaadin-login-form").getAttribute("error")).isNotNull();
        assertThat(browser.exists("#signed-in-user")).isFalse();
    }

    @Test
    void signing_in_replaces_the_session_id_and_signing_out_ends_the_session() {
        browser.go("/login");
        Cookie before = browser.driver().manage().getCookieNamed("JSESSIONID");
        ConsoleSession.signInLocally(browser, Api.ADMIN_PASSWORD);
        Cookie after = browser.driver().manage().getCookieNamed("JSESSIONID");
        assertThat(after).isNotNull();
        assertThat(after.getValue()).isNotEqualTo(before == null ? null : before.getValue());
        assertThat(after.isHttpOnly()).isTrue();

        browser.click("sign-out");
        browser.until(d -> d.getCurrentUrl().endsWith("/login"));
        browser.go("/tenants");
        assertThat(browser.url()).endsWith("/login");
    }

    @Test
    void behind_a_tls_proxy_the_session_cookie_is_secure_and_security_headers_are_set() throws Exception {
        var http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/login"))
                .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").contains("Secure").contains("HttpOnly").contains("SameSite=Lax"));
        assertThat(response.headers().firstValue("Strict-Transport-Security")).as(response.headers().toString()).isPresent();
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("frame-ancestors 'none'");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");

        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.headers().allValues("Set-Cookie")).allSatisfy(cookie -> assertThat(cookie)
                .doesNotContain("Secure"));
    }

    @Test
    void an_unknown_console_page_shows_no_stack_trace() {
        ConsoleSession.signInLocally(browser.go("/login"), Api.ADMIN_PASSWORD);
        browser.go("/no-such-page");
        String page = browser.driver().getPageSource();
        assertThat(page).doesNotContain("Exception").doesNotContain("at io.nova");
    }
}
