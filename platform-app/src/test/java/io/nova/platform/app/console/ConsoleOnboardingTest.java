package io.nova.platform.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

/**
 * What a new admin does on the first day, in the console only: a real headless Chromium against the running
 * platform with its real PostgreSQL and its real local GitOps repository. Screenshots of the main views land in
 * {@code nova.screenshots.dir} ({@code target/screenshots}; the README's come from {@code docs/images}).
 */
class ConsoleOnboardingTest extends ConsoleTest {

    @Test
    void an_admin_onboards_a_team_with_a_mig_pool_a_gpu_quota_and_three_modules_then_plans_and_applies() {
        String team = unique("team");
        String pool = unique("h100");

        // A tenant, with the slug rules checked while typing.
        browser.go("/tenants").click("new-tenant");
        browser.type("tenant-slug", "Team_A");
        assertThat(browser.fieldError("tenant-slug")).contains("lower-case");
        browser.type("tenant-slug", team).type("tenant-display-name", "Team " + team)
                .type("tenant-owner-groups", "team-a-admins").type("tenant-cpu", "64").type("tenant-memory", "256Gi");
        assertThat(browser.fieldError("tenant-slug")).isNull();
        browser.click("tenant-save");
        browser.until(d -> d.getCurrentUrl().endsWith("/tenants/" + team));
        assertThat(browser.title()).isEqualTo("Team " + team + " · Tenants · Nova Platform");

        // A MIG pool: the preview counts what the layout offers, and says why a layout does not fit.
        browser.go("/pools/new");
        browser.type("pool-name", pool).choose("pool-gpu-model", "NVIDIA H100 80GB").type("pool-gpus-per-node", "8")
                .radio("pool-sharing-mode", "MIG").select("pool-mig-layout", "all-1g.10gb");
        browser.until(d -> "true".equals(browser.byId("pool-preview").getAttribute("data-fits")));
        assertThat(browser.css("#pool-preview [data-resource='nvidia.com/mig-1g.10gb']").getText()).startsWith("56");
        browser.screenshot(SHOTS.resolve("gpu-pool-editor.png"));

        browser.select("pool-mig-layout", "Custom devices…").type("pool-mig-devices", "7g.80gb=2");
        browser.until(d -> "false".equals(browser.byId("pool-preview").getAttribute("data-fits")));
        assertThat(browser.text("pool-preview")).contains("does not fit").contains("7g.80gb");
        assertThat(browser.fieldError("pool-mig-devices")).isNotBlank();

        browser.select("pool-mig-layout", "all-1g.10gb");
        browser.until(d -> "true".equals(browser.byId("pool-preview").getAttribute("data-fits")));
        browser.click("pool-save");
        browser.notification("GPU pool " + pool + " saved");

        // A GPU quota on that pool for the team.
        browser.go("/tenants/" + team).click("set-gpu-quota");
        browser.choose("quota-pool", pool).type("quota-guaranteed", "14").type("quota-limit", "28").click("quota-save");
        browser.waitForText("#tenant-quotas vaadin-grid-cell-content", "14 guaranteed, limit 28");

        // Three tools; MLflow needs MinIO, and the console offers to switch both on.
        browser.click("tenant-modules-link");
        browser.check("module-mlflow-enabled");
        browser.until(d -> d.getPageSource().contains("MLflow needs MinIO — enable both?"));
        browser.clickCss("vaadin-confirm-dialog vaadin-button[slot='confirm-button']");
        browser.until(d -> browser.css("#module-minio-phase").getAttribute("data-phase").equals("PENDING"));
        assertThat(browser.css("#module-mlflow-phase").getAttribute("data-phase")).isEqualTo("PENDING");
        browser.check("module-jupyterhub-enabled");
        browser.until(d -> browser.css("#module-jupyterhub-phase").getAttribute("data-phase").equals("PENDING"));
        assertThat(browser.text("module-jupyterhub-login")).isEqualTo("Login: single sign-on through StarVault");
        browser.screenshot(SHOTS.resolve("modules.png"));

        // Values are checked before they are saved, with the line of a syntax error.
        browser.click("module-jupyterhub-values");
        browser.setTextArea("values-editor", "singleuser:\n  image: [unclosed\n");
        browser.click("values-save");
        assertThat(browser.fieldError("values-editor")).startsWith("Line ");
        browser.setTextArea("values-editor", "singleuser:\n  defaultUrl: /lab\nsingelUser:\n  image: x\n");
        browser.click("values-save");
        assertThat(browser.fieldError("values-editor")).startsWith("Line 3: 'singelUser' is not a value")
                .contains("did you mean 'singleuser'?");
        browser.clickCss("vaadin-dialog vaadin-button:not([theme~='primary'])");

        // The cluster's own components are switched the same way.
        browser.go("/clusters/local/components");
        if ("DISABLED".equals(browser.css("#module-kube-prometheus-stack-phase").getAttribute("data-phase"))) {
            browser.check("module-kube-prometheus-stack-enabled");
            browser.until(d -> "PENDING".equals(browser.css("#module-kube-prometheus-stack-phase")
                    .getAttribute("data-phase")));
        }
        assertThat(browser.css("#module-kube-prometheus-stack-enabled").getDomProperty("checked")).isEqualTo("true");
        assertThat(browser.text("module-kube-prometheus-stack-login"))
                .startsWith("Login: single sign-on through StarVault.").contains("platform admins are Grafana Admins")
                .contains("Secret kube-prometheus-stack-grafana");

        // Plan, then apply: the team's namespace is created in the GitOps repository.
        browser.go("/clusters?cluster=local").click("plan");
        assertThat(browser.text("plan-summary")).containsPattern("\\d+ to create");
        assertThat(browser.text("plan-result")).contains("CREATE").contains(team);
        browser.screenshot(SHOTS.resolve("plan.png"));
        browser.click("apply");
        browser.until(d -> !d.findElements(org.openqa.selenium.By.id("apply-summary")).isEmpty());
        assertThat(browser.text("apply-summary")).startsWith("Applied");
        assertThat(gitopsFileMentioning(team)).isTrue();

        // The audit log names the admin for each change.
        browser.go("/audit").type("audit-target", "tenants/" + team);
        browser.waitForText("#audit-grid vaadin-grid-cell-content", "tenants/" + team);
        assertThat(browser.gridCells("audit-grid")).contains("admin", "CREATE", "tenants/" + team);
        browser.screenshot(SHOTS.resolve("audit.png"));

        browser.go("/");
        // the grid shows the clusters a page at a time, sorted by name: other tests' clusters may come before "local"
        browser.waitForText("#overview-clusters vaadin-grid-cell-content", "GITOPS");
        assertThat(browser.text("overview-services")).contains("Single sign-on: not configured");
        browser.screenshot(SHOTS.resolve("overview.png"));
        browser.go("/tenants");
        browser.screenshot(SHOTS.resolve("tenants.png"));
    }

    @Test
    void the_tenant_grid_filters_sorts_and_opens_a_tenant_from_the_keyboard() {
        String marker = unique("grid");
        api.post("/tenants", io.nova.platform.app.support.Api.json(
                "{'slug': '%s-a', 'displayName': 'Beta'}".formatted(marker)));
        api.post("/tenants", io.nova.platform.app.support.Api.json(
                "{'slug': '%s-b', 'displayName': 'Alpha'}".formatted(marker)));

        browser.go("/tenants").type("tenant-filter", marker);
        browser.waitForText("#tenants-grid vaadin-grid-cell-content", marker + "-b");
        assertThat(browser.gridCells("tenants-grid")).containsSubsequence(marker + "-a", marker + "-b");

        var nameSorter = browser.all("#tenants-grid vaadin-grid-sorter").stream()
                .filter(sorter -> sorter.getText().strip().equals("Name")).findFirst().orElseThrow();
        nameSorter.click();
        browser.settle();
        browser.until(d -> browser.gridCells("tenants-grid").indexOf(marker + "-b")
                < browser.gridCells("tenants-grid").indexOf(marker + "-a"));

        var link = browser.css("#tenants-grid a[href$='/tenants/" + marker + "-a'], #tenants-grid a[href$='tenants/"
                + marker + "-a']");
        link.sendKeys(org.openqa.selenium.Keys.ENTER);
        browser.until(d -> d.getCurrentUrl().endsWith("/tenants/" + marker + "-a"));
        assertThat(browser.title()).startsWith("Beta");
    }

    @Test
    void an_edit_of_a_pool_someone_else_changed_meanwhile_is_refused_not_overwritten() {
        String pool = unique("l4");
        api.post("/gpu-pools", io.nova.platform.app.support.Api.json("""
                {'name': '%s', 'cluster': 'local', 'gpuModel': 'L4', 'nodeCount': 1, 'gpusPerNode': 4,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(pool)));
        browser.go("/pools/" + pool);
        browser.type("pool-gpus-per-node", "8");

        var meanwhile = api.get("/gpu-pools/" + pool);
        api.put("/gpu-pools/" + pool, io.nova.platform.app.support.Api.json("""
                {'gpuModel': 'L4', 'nodeCount': 2, 'gpusPerNode': 4, 'sharing': {'mode': 'EXCLUSIVE'}}"""),
                meanwhile.header("ETag"));

        browser.click("pool-save");
        assertThat(browser.notification("changed by someone else")).contains(pool);
        assertThat(api.get("/gpu-pools/" + pool).body().path("nodeCount").asInt()).as("the other change stays")
                .isEqualTo(2);
        assertThat(api.get("/gpu-pools/" + pool).body().path("gpusPerNode").asInt()).isEqualTo(4);
    }

    @Test
    void a_narrow_window_still_reaches_every_view() {
        browser.resize(420, 800);
        browser.go("/");
        assertThat(browser.exists("vaadin-drawer-toggle")).isTrue();
        browser.go("/tenants");
        assertThat(browser.exists("#tenants-grid")).isTrue();
        browser.go("/pools/new");
        assertThat(browser.exists("#pool-preview")).isTrue();
    }

    private static boolean gitopsFileMentioning(String text) {
        try (var files = Files.walk(DATA.resolve("gitops"))) {
            return files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/.git/"))
                    .anyMatch(f -> {
                        try {
                            return Files.readString(f).contains(text);
                        } catch (java.io.IOException e) {
                            return false;
                        }
                    });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
