package nova.testing.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, installed by {@code .ci/run}),
 * with the settings of {@code ../shared/STACK.md}: a fresh profile per browser, no network calls of its own, and
 * Selenium Manager never asked to download anything. Helpers find Vaadin components by id and wait for the server
 * round trip, so tests read as what a user does.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(50);
    /** Fields in Vaadin's LAZY value-change mode send their value this long after the last key. */
    private static final Duration LAZY_VALUE_CHANGE = Duration.ofMillis(500);

    private final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;

    private Browser(ChromeDriver driver, Path profile, String baseUrl) {
        this.driver = driver;
        this.profile = profile;
        this.baseUrl = baseUrl;
    }

    /** Skips the test (with the reason) on a machine without Chromium; CI installs it, so CI never skips. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)");
    }

    public static Browser open(String baseUrl) {
        assumeInstalled();
        try {
            Path profile = Files.createTempDirectory("nova-chromium");
            var options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,800");
            var service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                    .usingAnyFreePort()
                    .build();
            var driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return new Browser(driver, profile, baseUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of the console (or any absolute URL) and waits for Vaadin to finish rendering. */
    public Browser go(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl);
        settle();
        return this;
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public String title() {
        return driver.getTitle();
    }

    /** Waits until the element with this id is present and returns it. */
    public WebElement byId(String id) {
        return until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    public WebElement css(String selector) {
        return until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(selector)));
    }

    public List<WebElement> all(String selector) {
        return driver.findElements(By.cssSelector(selector));
    }

    public boolean exists(String selector) {
        return !driver.findElements(By.cssSelector(selector)).isEmpty();
    }

    /** Types into a Vaadin text field (its slotted input), replacing what was there, and commits with Tab. */
    public Browser type(String fieldId, String text) {
        WebElement input = css("#" + fieldId + " input, #" + fieldId + " textarea");
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        if (!text.isEmpty()) {
            input.sendKeys(text);
        }
        input.sendKeys(Keys.TAB);
        pause(LAZY_VALUE_CHANGE);
        settle();
        return this;
    }

    /** Sets a text area's whole value (typing YAML would be auto-indented by nothing, but is slow). */
    public Browser setTextArea(String fieldId, String text) {
        WebElement area = css("#" + fieldId);
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", area, text);
        settle();
        return this;
    }

    public Browser click(String id) {
        WebElement element = byId(id);
        until(ExpectedConditions.elementToBeClickable(element));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        try {
            element.click();
        } catch (org.openqa.selenium.ElementClickInterceptedException e) {
            // A notification in the corner lies over it, as it would under a user's mouse: a user would still
            // reach the button (the keyboard, or after the notification fades).
            ((JavascriptExecutor) driver).executeScript("arguments[0].click()", element);
        }
        settle();
        return this;
    }

    /** Clicks the first element matching a selector (overlay items, grid cells). */
    public Browser clickCss(String selector) {
        WebElement element = css(selector);
        ((JavascriptExecutor) driver).executeScript("arguments[0].click()", element);
        settle();
        return this;
    }

    /** Picks an item of a Vaadin combo box by typing its label and choosing the matching item. */
    public Browser choose(String comboId, String label) {
        WebElement input = css("#" + comboId + " input");
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(label);
        WebElement item = until(d -> d.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                .filter(e -> e.getText().strip().startsWith(label)).findFirst().orElse(null));
        ((JavascriptExecutor) driver).executeScript("arguments[0].click()", item);
        settle();
        return this;
    }

    /**
     * Picks an item of a Vaadin select by its label: opens it, clicks the visible item (a closed overlay may still
     * hold the items of an earlier opening) and waits until the select shows the label.
     */
    public Browser select(String selectId, String label) {
        for (int attempt = 1; ; attempt++) {
            click(selectId);
            try {
                WebElement item = new WebDriverWait(driver, Duration.ofSeconds(5), POLL).until(d -> d.findElements(
                                By.cssSelector("vaadin-select-item")).stream()
                        .filter(e -> e.isDisplayed() && e.getText().strip().equals(label)).findFirst().orElse(null));
                // A script click: a long list may have the item outside the window, where a real click is refused.
                ((JavascriptExecutor) driver).executeScript("arguments[0].click()", item);
                settle();
                until(d -> css("#" + selectId).getText().contains(label));
                return this;
            } catch (org.openqa.selenium.TimeoutException e) {
                // The overlay of the previous choice was still closing and swallowed the click: open it again.
                if (attempt == 3) {
                    throw new AssertionError("select " + selectId + " offered no item '" + label + "'", e);
                }
                driver.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
                settle();
            }
        }
    }

    /** Checks the radio button of a Vaadin radio group by its label. */
    public Browser radio(String groupId, String label) {
        for (WebElement radio : driver.findElements(By.cssSelector("#" + groupId + " vaadin-radio-button"))) {
            if (radio.getText().strip().equals(label)) {
                ((JavascriptExecutor) driver).executeScript("arguments[0].click()",
                        radio.findElement(By.cssSelector("input")));
                settle();
                return this;
            }
        }
        throw new AssertionError("no radio button '" + label + "' in " + groupId);
    }

    /** Clicks a Vaadin checkbox (its input, as a user's click would). */
    public Browser check(String checkboxId) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].click()", css("#" + checkboxId + " input"));
        settle();
        return this;
    }

    /** The texts of the grid's cells, row by row. */
    public List<String> gridCells(String gridId) {
        return all("#" + gridId + " vaadin-grid-cell-content").stream().map(e -> e.getDomProperty("textContent"))
                .map(String::strip).filter(t -> !t.isBlank()).toList();
    }

    /** The error message a Vaadin field shows, or null. */
    public String fieldError(String fieldId) {
        WebElement field = css("#" + fieldId);
        return field.getDomAttribute("invalid") == null ? null : field.getDomProperty("errorMessage");
    }

    /** Text of an element, including the text of its shadow-free light DOM children. */
    public String text(String id) {
        return byId(id).getText();
    }

    /** Texts of every notification shown at the moment. */
    public List<String> notifications() {
        return driver.findElements(By.cssSelector("vaadin-notification-card")).stream().map(WebElement::getText)
                .toList();
    }

    /** Waits until a notification containing {@code text} shows, and returns all notification texts. */
    public String notification(String text) {
        until(d -> notifications().stream().anyMatch(n -> n.contains(text)));
        return String.join("\n", notifications());
    }

    /** Waits for a condition on the page. */
    public <T> T until(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, WAIT, POLL).until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("waited " + WAIT.toSeconds() + " s in vain on " + driver.getCurrentUrl()
                    + "; the page said:\n" + visibleText(), e);
        }
    }

    private String visibleText() {
        try {
            Object text = ((JavascriptExecutor) driver).executeScript("return document.body.innerText");
            String page = String.valueOf(text);
            return page.length() > 3000 ? page.substring(0, 3000) + "…" : page;
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Waits until a script returns true; for conditions that would take many WebDriver calls to check. */
    public void untilScript(String script, Object... arguments) {
        until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(script, arguments)));
    }

    /** Waits until an element matching the selector has the text (its text content: grids lay cells out oddly). */
    public boolean waitForText(String selector, String text) {
        return until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]))"
                        + ".some(e => (e.textContent || '').includes(arguments[1]))", selector, text)));
    }

    /** Waits until Vaadin has no server round trip in flight. */
    public void settle() {
        new WebDriverWait(driver, WAIT, POLL).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("""
                if (!window.Vaadin || !window.Vaadin.Flow || !window.Vaadin.Flow.clients) { return true; }
                return Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive || !c.isActive());""")));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
        settle();
    }

    /** Saves a PNG of the viewport, for the README and for looking at a failed test. */
    public Path screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp profile is harmless
        }
    }
}
