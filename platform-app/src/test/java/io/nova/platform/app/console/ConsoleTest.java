package io.nova.platform.app.console;

import java.nio.file.Path;

import io.nova.platform.app.support.Api;
import io.nova.platform.app.support.ApiTest;
import nova.testing.browser.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A console test in the development setup: a fresh headless Chromium per test, signed in as the local admin.
 * Screenshots go to {@code nova.screenshots.dir} ({@code target/screenshots}).
 */
abstract class ConsoleTest extends ApiTest {

    static final Path SHOTS = Path.of(System.getProperty("nova.screenshots.dir", "target/screenshots"));

    protected Browser browser;

    @BeforeEach
    void openSignedInBrowser() {
        browser = Browser.open(api.baseUrl());
        if (signsIn()) {
            ConsoleSession.signInLocally(browser.go("/login"), Api.ADMIN_PASSWORD);
        }
    }

    /** Whether the browser starts signed in; tests of the sign-in itself start signed out. */
    boolean signsIn() {
        return true;
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
