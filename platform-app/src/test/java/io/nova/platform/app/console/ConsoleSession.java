package io.nova.platform.app.console;

import nova.testing.browser.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/** Signing in to the console as a user would: the local admin's login form, or the identity provider's. */
final class ConsoleSession {

    private ConsoleSession() {
    }

    static void signInLocally(Browser browser, String password) {
        if (!browser.url().contains("/login")) {
            browser.go("/login");
        }
        submitLogin(browser, "admin", password);
        browser.byId("signed-in-user");
    }

    static void submitLogin(Browser browser, String user, String password) {
        browser.css("#vaadinLoginUsername input").sendKeys(user);
        browser.css("#vaadinLoginPassword input").sendKeys(password);
        WebElement submit = browser.css("vaadin-login-form vaadin-button[slot='submit'], vaadin-login-form "
                + "vaadin-button");
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].click()", submit);
        browser.until(d -> !d.getCurrentUrl().endsWith("/login"));
        browser.settle();
    }

    /** The identity provider's own login form (Spring Authorization Server's default page). */
    static void signInAtProvider(Browser browser, String user, String password) {
        browser.until(d -> !d.findElements(By.id("username")).isEmpty());
        browser.driver().findElement(By.id("username")).sendKeys(user);
        browser.driver().findElement(By.id("password")).sendKeys(password);
        browser.driver().findElement(By.cssSelector("button[type='submit']")).click();
        browser.byId("signed-in-user");
    }
}
