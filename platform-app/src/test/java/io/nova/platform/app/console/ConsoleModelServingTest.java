package io.nova.platform.app.console;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;

/**
 * The model deployment form in a real headless Chromium: the plan follows the admin's choices, a model that does
 * not fit says what would, and the one that fits is deployed. Pool, tenant and quota are set up over REST.
 */
class ConsoleModelServingTest extends ConsoleTest {

    @Test
    void the_plan_follows_the_form_and_a_model_that_fits_is_deployed() {
        String pool = unique("t4");
        String team = unique("code");
        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': 'local', 'gpuModel': 'T4', 'nodeCount': 4, 'gpusPerNode': 1,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(pool)));
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Code'}".formatted(team)));
        api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("{'guaranteed': 2, 'limit': 2}"));
        // KubeRay and KServe are cluster components that tenants use
        api.put("/cluster-modules/local/kuberay-operator", json("{'enabled': true}"));
        api.put("/cluster-modules/local/kserve-controller", json("{'enabled': true, 'enableDependencies': true}"));
        api.put("/tenants/%s/modules/kuberay".formatted(team), json("{'enabled': true}"));

        browser.go("/tenants/" + team + "/models");
        browser.select("model-pool", pool).choose("model-model", "Qwen/Qwen2.5-Coder-14B-Instruct")
                .select("model-precision", "FP16");
        // FP16 needs three T4s (pipeline over three nodes); the team may use two.
        browser.until(d -> "false".equals(browser.byId("model-plan").getAttribute("data-feasible")));
        assertThat(browser.text("model-plan")).contains("quota");
        assertThat(browser.text("model-plan-alternatives")).contains("INT8");

        browser.select("model-precision", "INT8");
        browser.until(d -> "true".equals(browser.byId("model-plan").getAttribute("data-feasible")));
        assertThat(browser.text("model-plan-arithmetic")).contains("GiB");
        browser.type("model-name", "coder");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById('model-name').scrollIntoView({block: 'start'})");
        browser.screenshot(SHOTS.resolve("model-serving.png"));
        browser.click("model-deploy");
        browser.notification("Model deployment coder saved");
        browser.waitForText("#model-deployments vaadin-grid-cell-content", "coder");
        assertThat(api.get("/tenants/%s/model-deployments/coder".formatted(team)).status()).isEqualTo(200);
    }

    @Test
    void a_pasted_config_json_gives_the_facts_of_a_model_outside_the_catalog() {
        String pool = unique("l4");
        String team = unique("cfg");
        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': 'local', 'gpuModel': 'L4', 'nodeCount': 1, 'gpusPerNode': 1,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(pool)));
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Config'}".formatted(team)));
        api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("{'guaranteed': 1, 'limit': 1}"));
        api.put("/cluster-modules/local/kserve-controller", json("{'enabled': true, 'enableDependencies': true}"));
        api.put("/tenants/%s/modules/kserve".formatted(team), json("{'enabled': true}"));

        browser.go("/tenants/" + team + "/models");
        browser.select("model-pool", pool).choose("model-model", "Qwen/Qwen2.5-7B-Instruct");
        browser.setTextArea("model-config", """
                {"hidden_size": 3584, "intermediate_size": 18944, "max_position_embeddings": 32768,
                 "model_type": "qwen2", "num_attention_heads": 28, "num_hidden_layers": 28,
                 "num_key_value_heads": 4, "tie_word_embeddings": false, "vocab_size": 152064}""");

        browser.waitForText("#model-config-facts", "7,615,616,512 parameters (architecture), 28 layers");
        browser.until(d -> "true".equals(browser.byId("model-plan").getAttribute("data-feasible")));

        browser.setTextArea("model-config", "{\"hidden_size\": 4096}");
        browser.waitForText("#model-config-facts", "num_hidden_layers");
    }

    @Test
    void models_planned_together_show_each_ones_share_or_what_every_gpu_lacks() {
        String pool = unique("t4s");
        String team = unique("pilot");
        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': 'local', 'gpuModel': 'T4', 'nodeCount': 4, 'gpusPerNode': 1,
                 'sharing': {'mode': 'TIME_SLICING', 'replicas': 64}}""".formatted(pool)));
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Pilot'}".formatted(team)));
        api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("{'guaranteed': 0, 'limit': 256}"));

        browser.go("/tenants/" + team + "/models");
        browser.select("colo-pool", pool).select("colo-precision", "FP16");
        browser.setTextArea("colo-models", "Qwen/Qwen2.5-7B-Instruct\nQwen/Qwen2.5-Coder-14B-Instruct");
        browser.click("colo-plan");
        browser.until(d -> "false".equals(browser.byId("colo-result").getAttribute("data-feasible")));
        assertThat(browser.text("colo-summary")).contains("1.06 GiB short");
        assertThat(browser.text("colo-alternatives")).contains("2,304 tokens");

        browser.type("colo-context", "4096").type("colo-sequences", "2").click("colo-plan");
        browser.until(d -> "true".equals(browser.byId("colo-result").getAttribute("data-feasible")));
        assertThat(browser.text("colo-shares")).contains("qwen2-5-7b-instruct: gpuShare 0.375 (24 of 64")
                .contains("qwen2-5-coder-14b-instruct: gpuShare 0.625 (40 of 64");
    }
}
