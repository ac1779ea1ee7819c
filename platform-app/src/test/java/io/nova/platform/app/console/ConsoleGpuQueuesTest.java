package io.nova.platform.app.console;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The GPU queue pictures in a real headless Chromium, on the default local cluster (GitOps to a local repository, no
 * API server to read): the admin sees the pools' capacity and guarantees and is told where the live numbers are; a
 * tenant's page says the same for its queue, and a model plan says whether it fits the guarantee.
 */
class ConsoleGpuQueuesTest extends ConsoleTest {

    @Test
    void an_admin_sees_the_pools_guarantees_and_why_the_live_numbers_are_missing() {
        String pool = unique("t4");
        String team = unique("queue");
        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': 'local', 'gpuModel': 'T4', 'nodeCount': 4, 'gpusPerNode': 1,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(pool)));
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Queue'}".formatted(team)));
        api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("{'guaranteed': 1, 'limit': 4}"));
        api.put("/cluster-modules/local/kueue", json("{'enabled': true}"));

        browser.go("/gpu-queues");
        browser.choose("queue-cluster", "local");
        browser.waitForText("#queue-message", "no access to cluster 'local'");
        assertThat(browser.gridCells("queue-pools")).contains(pool, "nvidia.com/gpu", "4");
        browser.screenshot(SHOTS.resolve("gpu-queues.png"));

        browser.go("/tenants/" + team);
        browser.click("tenant-queue-read");
        browser.waitForText("#tenant-queue-status", "kubectl get clusterqueues");

        api.put("/cluster-modules/local/kuberay-operator", json("{'enabled': true}"));
        api.put("/tenants/%s/modules/kuberay".formatted(team), json("{'enabled': true}"));
        browser.go("/tenants/" + team + "/models");
        browser.select("model-pool", pool).choose("model-model", "Qwen/Qwen2.5-7B-Instruct")
                .select("model-precision", "FP16");
        browser.waitForText("#model-plan-quota-fit", "borrowed GPUs");
    }
}
