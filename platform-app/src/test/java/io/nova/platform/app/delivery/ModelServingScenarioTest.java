package io.nova.platform.app.delivery;

import java.nio.file.Files;
import java.nio.file.Path;

import io.nova.platform.app.support.ApiTest;
import org.junit.jupiter.api.Test;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model-serving issue's reference story over REST: four servers with one T4 each serve Qwen2.5-7B-Instruct and
 * Qwen2.5-Coder-14B-Instruct, each spread over the cards with pipeline parallelism, delivered to the default
 * {@code local} cluster's GitOps repository. The plans are printed for docs/model-serving.md.
 */
class ModelServingScenarioTest extends ApiTest {

    private final Path repository = DATA.resolve("gitops");

    @Test
    void four_t4_nodes_serve_qwen_7b_and_a_quantised_coder_14b_as_ray_services_in_the_local_repository()
            throws Exception {
        String pool = unique("t4");
        String team = unique("code");
        String models = "/tenants/%s/model-deployments".formatted(team);
        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': 'local', 'gpuModel': 'T4', 'nodeCount': 4, 'gpusPerNode': 1,
                 'nodeSelector': {'nvidia.com/gpu.product': 'Tesla-T4'}, 'sharing': {'mode': 'EXCLUSIVE'}}"""
                .formatted(pool)));
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Code', 'ownerGroups': ['code-admins']}"
                .formatted(team)));
        api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("{'guaranteed': 4, 'limit': 4}"));
        // KubeRay and KServe are cluster components that tenants use
        api.put("/cluster-modules/local/kuberay-operator", json("{'enabled': true}"));
        api.put("/cluster-modules/local/kserve-controller", json("{'enabled': true, 'enableDependencies': true}"));
        api.put("/tenants/%s/modules/kuberay".formatted(team), json("{'enabled': true}"));

        var qwen = api.post(models, json("""
                {'name': 'qwen', 'model': 'Qwen/Qwen2.5-7B-Instruct', 'precision': 'FP16', 'pool': '%s',
                 'maxContext': 8192, 'concurrentSequences': 4}""".formatted(pool)));
        assertThat(qwen.status()).as(qwen.toString()).isEqualTo(201);
        print("Qwen2.5-7B-Instruct FP16", qwen.body().path("plan"));

        String coderFp16 = json("""
                {'name': 'coder', 'model': 'Qwen/Qwen2.5-Coder-14B-Instruct', 'precision': 'FP16', 'pool': '%s',
                 'maxContext': 8192, 'concurrentSequences': 4}""".formatted(pool));
        var fp16 = api.post(models + "/plan", coderFp16);
        assertThat(fp16.status()).as(fp16.toString()).isEqualTo(422);
        print("Qwen2.5-Coder-14B-Instruct FP16 (refused)", fp16.body());
        assertThat(fp16.body().path("plan").path("pipelineParallelSize").asInt()).isEqualTo(3);
        assertThat(fp16.text("detail")).contains("needs 3 nvidia.com/gpu").contains("use 2, leaving 2");
        assertThat(fp16.body().path("plan").path("alternatives").toString()).contains("INT8");

        var coder = api.post(models, coderFp16.replace("\"FP16\"", "\"INT8\""));
        assertThat(coder.status()).as(coder.toString()).isEqualTo(201);
        print("Qwen2.5-Coder-14B-Instruct INT8", coder.body().path("plan"));
        assertThat(coder.body().path("plan").path("pipelineParallelSize").asInt()).isEqualTo(2);

        var first = api.post("/clusters/local/reconcile", "");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        Path folder = repository.resolve("clusters/local/nova-" + team);
        String qwenYaml = Files.readString(folder.resolve("rayservice-qwen.yaml"));
        assertThat(qwenYaml).contains("apiVersion: ray.io/v1").contains("pipeline_parallel_size: 2")
                .contains("tensor_parallel_size: 1").contains("nvidia.com/gpu.product: Tesla-T4")
                .contains("ml.nova.io/model-deployment: qwen");
        assertThat(Files.readString(folder.resolve("rayservice-coder.yaml"))).contains("max_model_len: 8192");
        // the tenant uses the cluster's KubeRay operator: no release of its own
        assertThat(folder.resolve("helmrelease-kuberay.yaml")).doesNotExist();

        var deployed = api.get(models + "/qwen").body();
        assertThat(deployed.path("phase").asString()).isEqualTo("RECONCILING");
        assertThat(deployed.path("message").asString()).startsWith("Committed as");
        assertThat(deployed.path("observedGeneration").asLong()).isEqualTo(1);

        int commits = GitCommandLine.commitCount(repository);
        assertThat(api.post("/clusters/local/reconcile", "").body().path("changes").size()).isZero();
        assertThat(GitCommandLine.commitCount(repository)).isEqualTo(commits);

        assertThat(api.delete(models + "/coder").status()).isEqualTo(204);
        var third = api.post("/clusters/local/reconcile", "");
        assertThat(third.body().path("changes").size()).isEqualTo(1);
        assertThat(folder.resolve("rayservice-coder.yaml")).doesNotExist();
    }

    private static void print(String title, tools.jackson.databind.JsonNode node) {
        System.out.println("=== " + title + " ===");
        System.out.println(node.toPrettyString());
    }
}
