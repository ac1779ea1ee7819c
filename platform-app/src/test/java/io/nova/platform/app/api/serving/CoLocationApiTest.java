package io.nova.platform.app.api.serving;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.nova.platform.app.support.ApiTest;

/**
 * Models sharing the GPUs of a time-sliced pool over REST (real PostgreSQL, the local Git repository): the pilot of
 * Qwen2.5-7B-Instruct and Qwen2.5-Coder-14B-Instruct in FP16 on four single-T4 nodes.
 */
class CoLocationApiTest extends ApiTest {

    private record Fixture(String team, String pool) {

        String path() {
            return "/tenants/%s/model-deployments".formatted(team);
        }
    }

    /** A tenant with KubeRay on four single-T4 nodes time-sliced 64 ways, and a quota of every slice. */
    private Fixture sharedT4s() {
        String pool = unique("t4s");
        String team = unique("pilot");
        var created = api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': 'local', 'gpuModel': 'T4', 'nodeCount': 4, 'gpusPerNode': 1,
                 'sharing': {'mode': 'TIME_SLICING', 'replicas': 64}}""".formatted(pool)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(api.post("/tenants", json("{'slug': '%s', 'displayName': 'Pilot'}".formatted(team))).status())
                .isEqualTo(201);
        assertThat(api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool),
                json("{'guaranteed': 0, 'limit': 256}")).status()).isEqualTo(201);
        api.put("/cluster-modules/local/kuberay-operator", json("{'enabled': true}"));
        api.put("/tenants/%s/modules/kuberay".formatted(team), json("{'enabled': true}"));
        return new Fixture(team, pool);
    }

    private static String pilot(String pool, int context, int sequences) {
        return json("""
                {'pool': '%s', 'deployments': [
                  {'name': 'chat', 'model': 'Qwen/Qwen2.5-7B-Instruct', 'precision': 'FP16', 'maxContext': %d,
                   'concurrentSequences': %d},
                  {'name': 'coder', 'model': 'Qwen/Qwen2.5-Coder-14B-Instruct', 'precision': 'FP16',
                   'maxContext': %d, 'concurrentSequences': %d}]}""".formatted(pool, context, sequences, context,
                sequences));
    }

    private static String deployment(String name, String model, String pool, double share) {
        return json(("{'name': '%s', 'model': '%s', 'precision': 'FP16', 'pool': '%s', 'maxContext': 4096, "
                + "'concurrentSequences': 2, 'gpuShare': %s}").formatted(name, model, pool, share));
    }

    @Test
    void answers_the_pilot_and_serves_both_models_with_the_shares_it_gave() {
        var f = sharedT4s();
        String before = databaseSnapshot();

        var refused = api.post(f.path() + "/co-location-plan", pilot(f.pool(), 8192, 4));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("https://nova-platform.io/problems/does-not-fit");
        assertThat(refused.errorFields()).containsExactly("deployments");
        var gpus = refused.body().path("plan").path("gpus");
        assertThat(gpus.size()).isEqualTo(4);
        assertThat(gpus.get(0).path("shortfallGiB").asDouble()).isEqualTo(1.06);
        assertThat(refused.body().path("plan").path("alternatives").toString())
                .contains("\"maxContext\"", "\"2304\"");

        var fits = api.post(f.path() + "/co-location-plan", pilot(f.pool(), 4096, 2));
        assertThat(fits.status()).as(fits.toString()).isEqualTo(200);
        assertThat(fits.body().path("feasible").asBoolean()).isTrue();
        assertThat(fits.body().path("deployments").get(0).path("gpuShare").asDouble()).isEqualTo(0.375);
        assertThat(fits.body().path("deployments").get(1).path("gpuShare").asDouble()).isEqualTo(0.625);
        assertThat(fits.body().path("gpus").get(0).path("timeSlices").asInt()).isEqualTo(64);
        assertThat(databaseSnapshot()).as("planning writes nothing").isEqualTo(before);

        var chat = api.post(f.path(), deployment("chat", "Qwen/Qwen2.5-7B-Instruct", f.pool(), 0.375));
        assertThat(chat.status()).as(chat.toString()).isEqualTo(201);
        assertThat(chat.body().path("gpuShare").asDouble()).isEqualTo(0.375);
        assertThat(chat.body().path("plan").path("pipelineParallelSize").asInt()).isEqualTo(4);
        assertThat(chat.body().path("plan").path("layerPartition").toString()).isEqualTo("[6,8,8,6]");
        assertThat(chat.body().path("plan").path("gpusTotal").asInt()).as("time-slices").isEqualTo(96);
        var coder = api.post(f.path(), deployment("coder", "Qwen/Qwen2.5-Coder-14B-Instruct", f.pool(), 0.625));
        assertThat(coder.status()).as(coder.toString()).isEqualTo(201);

        var third = api.post(f.path(), json(("{'name': 'small', 'model': 'Qwen/Qwen2.5-0.5B-Instruct', "
                + "'precision': 'FP16', 'pool': '%s', 'gpuShare': 0.2}").formatted(f.pool())));
        assertThat(third.status()).as(third.toString()).isEqualTo(422);
        assertThat(third.errorFields()).contains("gpuShare");
        assertThat(third.text("detail")).contains("find no room");

        var replanned = api.post(f.path() + "/co-location-plan", pilot(f.pool(), 4096, 2));
        assertThat(replanned.status()).as("the two deployments are re-planned in place of themselves")
                .isEqualTo(200);
    }

    @Test
    void refuses_bad_co_location_requests_naming_the_field_and_changes_nothing() {
        var f = sharedT4s();
        String before = databaseSnapshot();

        assertThat(api.post(f.path() + "/co-location-plan", json("{'pool': '%s', 'deployments': []}"
                .formatted(f.pool()))).errorFields()).containsExactly("deployments");
        assertThat(api.post(f.path() + "/co-location-plan", json("""
                {'pool': '%s', 'deployments': [
                  {'name': 'a', 'model': 'Qwen/Qwen2.5-7B-Instruct', 'gpuShare': 1.5},
                  {'name': 'a', 'model': 'Qwen/Qwen2.5-7B-Instruct'}]}""".formatted(f.pool()))).errorFields())
                .containsExactly("deployments[1].name");
        assertThat(api.post(f.path() + "/co-location-plan", json("""
                {'pool': '%s', 'deployments': [
                  {'name': 'a', 'model': 'Qwen/Qwen2.5-7B-Instruct', 'gpuShare': 1.5},
                  {'name': 'b', 'model': 'acme/unknown-model'}]}""".formatted(f.pool()))).errorFields())
                .containsExactlyInAnyOrder("deployments[0].gpuShare", "deployments[1].facts");
        assertThat(api.post(f.path(), json("{'name': 'x', 'model': 'Qwen/Qwen2.5-7B-Instruct', 'pool': '%s', "
                .formatted(f.pool()) + "'gpuShare': 0}")).errorFields()).containsExactly("gpuShare");
        assertThat(databaseSnapshot()).isEqualTo(before);
    }

    @Test
    void a_share_on_a_pool_of_whole_gpus_is_refused_naming_gpu_share() {
        String pool = unique("l4");
        String team = unique("solo");
        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': 'local', 'gpuModel': 'L4', 'nodeCount': 2, 'gpusPerNode': 1,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(pool)));
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Solo'}".formatted(team)));
        api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("{'guaranteed': 0, 'limit': 2}"));

        var refused = api.post("/tenants/%s/model-deployments/plan".formatted(team), json(
                "{'name': 'x', 'model': 'Qwen/Qwen2.5-7B-Instruct', 'pool': '%s', 'gpuShare': 0.5}".formatted(pool)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorFields()).containsExactly("gpuShare");
        assertThat(refused.text("detail")).contains("its pods get whole GPUs");
    }
}
