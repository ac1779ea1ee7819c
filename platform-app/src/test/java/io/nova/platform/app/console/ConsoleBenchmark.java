package io.nova.platform.app.console;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.nova.platform.app.support.Api;
import io.nova.platform.app.support.ApiTest;
import nova.testing.browser.Browser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/**
 * How the console behaves with 1,000 tenants, in a real headless Chromium: not part of the test run (tag
 * {@code benchmark}); run with {@code ./mvnw -B verify -pl platform-app -am -Dnova.excluded-groups=none
 * -Dtest=ConsoleBenchmark -Dsurefire.failIfNoSpecifiedTests=false} and copy the printed table into
 * {@code docs/benchmarks.md}. Times are wall clock from the browser's side, median of five.
 */
@Tag("benchmark")
class ConsoleBenchmark extends ApiTest {

    private static final int TENANTS = 1_000;
    private static final int RUNS = 5;

    @Test
    void the_tenant_grid_stays_fast_with_a_thousand_tenants() {
        String prefix = unique("bench");
        long seedStart = System.nanoTime();
        for (int i = 0; i < TENANTS; i++) {
            assertThat(api.post("/tenants", json("{'slug': '%s-%04d', 'displayName': 'Bench %04d'}"
                    .formatted(prefix, i, TENANTS - i))).status()).isEqualTo(201);
        }
        long seedMillis = (System.nanoTime() - seedStart) / 1_000_000;

        try (Browser browser = Browser.open(api.baseUrl())) {
            ConsoleSession.signInLocally(browser.go("/login"), Api.ADMIN_PASSWORD);
            var rows = new ArrayList<String>();
            rows.add("| Seeding %d tenants over REST (in-process client) | %d ms |".formatted(TENANTS, seedMillis));
            rows.add(row("Open *Tenants* until the first rows show", median(() -> {
                browser.go("/");
                long start = System.nanoTime();
                browser.go("/tenants");
                browser.waitForText("#tenants-grid vaadin-grid-cell-content", "-");
                return System.nanoTime() - start;
            })));
            rows.add(row("Filter to one tenant by typing its slug (includes the field's 400 ms typing pause)",
                    median(() -> {
                        browser.go("/tenants");
                        var input = browser.css("#tenant-filter input");
                        long start = System.nanoTime();
                        input.sendKeys(prefix + "-0777");
                        browser.untilScript("""
                                const cells = Array.from(document.querySelectorAll(
                                    '#tenants-grid vaadin-grid-cell-content')).map(c => c.textContent.trim());
                                return cells.includes(arguments[0]) && !cells.includes(arguments[1]);""",
                                prefix + "-0777", prefix + "-0776");
                        return System.nanoTime() - start;
                    })));
            rows.add(row("Scroll from the top to the last of the filtered 1,000", median(() -> {
                browser.go("/tenants");
                browser.type("tenant-filter", prefix);
                browser.waitForText("#tenants-grid vaadin-grid-cell-content", prefix + "-0000");
                long start = System.nanoTime();
                ((JavascriptExecutor) browser.driver()).executeScript(
                        "document.getElementById('tenants-grid').scrollToIndex(" + (TENANTS - 1) + ")");
                browser.waitForText("#tenants-grid vaadin-grid-cell-content", prefix + "-0999");
                return System.nanoTime() - start;
            })));
            rows.add(row("Open the overview", median(() -> {
                browser.go("/tenants");
                long start = System.nanoTime();
                browser.go("/");
                browser.waitForText("#overview-clusters vaadin-grid-cell-content", "local");
                return System.nanoTime() - start;
            })));
            System.out.println("\n| Console, " + TENANTS + " tenants | Median of " + RUNS + " |\n|---|---|\n"
                    + String.join("\n", rows) + "\n");
        }
    }

    private static String row(String what, long nanos) {
        return "| %s | %d ms |".formatted(what, nanos / 1_000_000);
    }

    private static long median(Supplier<Long> run) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            times.add(run.get());
        }
        times.sort(Long::compare);
        return times.get(RUNS / 2);
    }
}
