package io.nova.platform.app.api.serving;

import io.nova.platform.app.support.ApiTest;
import org.junit.jupiter.api.Test;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

class ModelDeploymentApiTest extends ApiTest {

    /** A tenant with KubeRay and KServe on a fresh pool of four single-T4 nodes and a quota of {@code limit} T4s. */
    private record Fixture(String team, String pool) {

        String path() {
            return "/tenants/%s/model-deployments".formatted(team);
        }

        String body(String name, String model, String precision) {
            return json("{'name': '%s', 'model': '%s', 'precision': '%s', 'pool': '%s'}".formatted(name, model,
                    precision, pool));
        }
    }

    private Fixture fourT4s(int limit) {
        String pool = unique("t4");
        String team = unique("llm");
        assertThat(api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': 'local', 'gpuModel': 'T4', 'nodeCount': 4, 'gpusPerNode': 1,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(pool))).status()).isEqualTo(201);
        assertThat(api.post("/tenants", json("{'slug': '%s', 'displayName': 'LLM'}".formatted(team))).status())
                .isEqualTo(201);
        assertThat(api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool),
                json("{'guaranteed': 0, 'limit': %d}".formatted(limit))).status()).isEqualTo(201);
        // KubeRay and KServe are cluster components that tenants use
        api.put("/cluster-modules/local/kuberay-operator", json("{'enabled': true}"));
        api.put("/cluster-modules/local/kserve-controller", json("{'enabled': true, 'enableDependencies': true}"));
        api.put("/tenants/%s/modules/kuberay".formatted(team), json("{'enabled': true}"));
        api.put("/tenants/%s/modules/kserve".formatted(team), json("{'enabled': true}"));
        return new Fixture(team, pool);
    }

    @Test
    void a_deployment_is_planned_created_read_updated_with_if_match_and_deleted() {
        var f = fourT4s(4);
        String before = databaseSnapshot();
        var plan = api.post(f.path() + "/plan", f.body("qwen", "Qwen/Qwen2.5-7B-Instruct", "FP16"));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        assertThat(plan.body().path("feasible").asBoolean()).isTrue();
        assertThat(plan.body().path("tensorParallelSize").asInt()).isEqualTo(1);
        assertThat(plan.body().path("pipelineParallelSize").asInt()).isEqualTo(2);
        assertThat(plan.text("engine")).isEqualTo("VLLM_KUBERAY");
        assertThat(plan.body().path("memory").path("needPerGpuGiB").asDouble()).isEqualTo(9.47);
        assertThat(databaseSnapshot()).as("planning writes nothing").isEqualTo(before);

        var created = api.post(f.path(), f.body("qwen", "Qwen/Qwen2.5-7B-Instruct", "FP16"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith(f.path() + "/qwen");
        assertThat(created.etag()).isEqualTo("\"0\"");
        assertThat(created.body().path("factsFromCatalog").asBoolean()).isTrue();
        assertThat(created.body().path("facts").path("layers").asInt()).isEqualTo(28);
        assertThat(created.text("phase")).isEqualTo("PENDING");
        assertThat(created.text("endpointUrl"))
                .isEqualTo("http://qwen-serve-svc.nova-%s.svc.cluster.local:8000/v1".formatted(f.team()));
        assertThat(created.body().path("plan").path("gpusTotal").asInt()).isEqualTo(2);

        var read = api.get(f.path() + "/qwen");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.etag()).isEqualTo(created.etag());
        var list = api.get(f.path() + "?size=1");
        assertThat(list.body().path("total").asInt()).isEqualTo(1);
        assertThat(list.body().path("items").get(0).path("name").asString()).isEqualTo("qwen");

        String twoReplicas = json("{'model': 'Qwen/Qwen2.5-7B-Instruct', 'precision': 'FP16', 'pool': '%s', "
                .formatted(f.pool()) + "'replicas': 2}");
        assertThat(api.put(f.path() + "/qwen", twoReplicas, "\"7\"").status()).isEqualTo(412);
        var updated = api.put(f.path() + "/qwen", twoReplicas, created.etag());
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.body().path("plan").path("gpusTotal").asInt()).isEqualTo(4);
        assertThat(updated.body().path("generation").asLong()).isEqualTo(2);
        assertThat(api.put(f.path() + "/qwen", json("{'name': 'other', 'model': 'Qwen/Qwen2.5-7B-Instruct', "
                + "'pool': '%s'}".formatted(f.pool()))).errorFields()).contains("name");

        assertThat(api.get("/audit?target=tenants/%s/model-deployments/qwen".formatted(f.team())).body()
                .path("total").asInt()).isEqualTo(2);
        assertThat(api.delete(f.path() + "/qwen", created.etag()).status()).isEqualTo(412);
        assertThat(api.delete(f.path() + "/qwen", updated.etag()).status()).isEqualTo(204);
        assertThat(api.get(f.path() + "/qwen").status()).isEqualTo(404);
    }

    @Test
    void a_deployment_beyond_the_quota_is_refused_with_its_arithmetic_and_what_would_fit() {
        var f = fourT4s(2);
        var refused = api.post(f.path(), f.body("coder", "Qwen/Qwen2.5-Coder-14B-Instruct", "FP16"));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("https://nova-platform.io/problems/does-not-fit");
        assertThat(refused.errorFields()).containsExactly("pool");
        assertThat(refused.text("detail")).contains("needs 3 nvidia.com/gpu").contains("allows 2");
        var plan = refused.body().path("plan");
        assertThat(plan.path("pipelineParallelSize").asInt()).isEqualTo(3);
        assertThat(plan.path("alternatives").toString()).contains("\"INT8\"");
        assertThat(plan.path("arithmetic").toString()).contains("KV cache");
        assertThat(api.get(f.path()).body().path("total").asInt()).isZero();
    }

    @Test
    void other_deployments_of_the_tenant_count_against_the_quota() {
        var f = fourT4s(4);
        assertThat(api.post(f.path(), f.body("qwen", "Qwen/Qwen2.5-7B-Instruct", "FP16")).status()).isEqualTo(201);
        assertThat(api.post(f.path(), f.body("coder", "Qwen/Qwen2.5-Coder-14B-Instruct", "INT8")).status())
                .isEqualTo(201);

        var third = api.post(f.path(), f.body("small", "Qwen/Qwen2.5-0.5B-Instruct", "FP16"));
        assertThat(third.status()).as(third.toString()).isEqualTo(422);
        assertThat(third.text("detail")).contains("other model deployments use 4");
    }

    @Test
    void a_deployment_needs_the_serving_module_of_its_engine() {
        var f = fourT4s(4);
        api.put("/tenants/%s/modules/kuberay".formatted(f.team()), json("{'enabled': false}"));
        String ray = json(("{'name': 'qwen', 'model': 'Qwen/Qwen2.5-7B-Instruct', 'precision': 'FP16', 'pool': '%s', "
                + "'engine': 'VLLM_KUBERAY'}").formatted(f.pool()));

        var plan = api.post(f.path() + "/plan", ray);
        assertThat(plan.body().path("warnings").toString()).contains("kuberay module");
        var refused = api.post(f.path(), ray);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("conflicts").toString()).contains("modules/kuberay");

        var kserve = api.post(f.path(), json("{'name': 'qwen', 'model': 'Qwen/Qwen2.5-7B-Instruct', "
                + "'precision': 'FP16', 'pool': '%s', 'engine': 'KSERVE'}".formatted(f.pool())));
        assertThat(kserve.status()).as(kserve.toString()).isEqualTo(201);
        assertThat(kserve.body().path("plan").path("warnings").toString()).contains("pvc://");
    }

    @Test
    void without_an_engine_the_plan_takes_the_one_whose_module_the_tenant_has_and_says_why() {
        var f = fourT4s(4);
        api.put("/tenants/%s/modules/kuberay".formatted(f.team()), json("{'enabled': false}"));

        var plan = api.post(f.path() + "/plan", f.body("qwen", "Qwen/Qwen2.5-7B-Instruct", "FP16")).body();

        assertThat(plan.path("pipelineParallelSize").asInt()).as("over two T4 nodes").isEqualTo(2);
        assertThat(plan.path("engine").asString()).isEqualTo("KSERVE_LLM");
        assertThat(plan.path("arithmetic").toString())
                .contains("engine: KSERVE_LLM instead of VLLM_KUBERAY: tenant '%s' has the kserve module, not kuberay"
                        .formatted(f.team()));
        assertThat(plan.path("warnings").toString()).doesNotContain("module");
        var created = api.post(f.path(), f.body("qwen", "Qwen/Qwen2.5-7B-Instruct", "FP16"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().path("plan").path("engine").asString()).isEqualTo("KSERVE_LLM");
    }

    @Test
    void a_tenant_with_only_the_vllm_module_gets_plain_vllm_on_a_leader_worker_set() {
        var f = fourT4s(4);
        api.put("/cluster-modules/local/lws", json("{'enabled': true}"));
        assertThat(api.put("/tenants/%s/modules/vllm".formatted(f.team()), json("{'enabled': true}")).status())
                .isIn(200, 201);
        api.put("/tenants/%s/modules/kuberay".formatted(f.team()), json("{'enabled': false}"));
        api.put("/tenants/%s/modules/kserve".formatted(f.team()), json("{'enabled': false}"));

        var created = api.post(f.path(), f.body("qwen", "Qwen/Qwen2.5-7B-Instruct", "FP16"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().path("plan").path("engine").asString()).isEqualTo("VLLM_LWS");
        assertThat(created.body().path("endpointUrl").asString())
                .isEqualTo("http://qwen-openai.nova-%s.svc.cluster.local:8000/v1".formatted(f.team()));
        assertThat(created.body().path("plan").path("arithmetic").toString()).contains("has the vllm module");
    }

    @Test
    void a_model_outside_the_catalog_is_planned_from_explicit_facts() {
        var f = fourT4s(4);
        var created = api.post(f.path(), json("""
                {'name': 'own', 'model': 'pvc://models/qwen-7b', 'precision': 'FP16', 'pool': '%s',
                 'facts': {'parameters': 7615616512, 'layers': 28, 'attentionHeads': 28, 'kvHeads': 4,
                           'headDim': 128, 'maxContext': 32768}, 'maxContext': 4096}""".formatted(f.pool())));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().path("factsFromCatalog").asBoolean()).isFalse();
        assertThat(created.body().path("maxContext").asInt()).isEqualTo(4096);
    }
}
