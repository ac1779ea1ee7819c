package io.nova.platform.app.api.tenant;

import io.nova.platform.app.support.ApiTest;
import org.junit.jupiter.api.Test;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

class GpuQuotaApiTest extends ApiTest {

    private String tenant() {
        String slug = unique("team");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Team'}".formatted(slug)));
        return slug;
    }

    private String pool(String model, int gpus, String sharing) {
        String name = unique("pool");
        var r = api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': 'local', 'gpuModel': '%s', 'nodeCount': 1, 'gpusPerNode': %d,
                 'sharing': %s}""".formatted(name, model, gpus, sharing)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return name;
    }

    @Test
    void a_single_resource_pool_takes_guaranteed_and_limit_and_limit_defaults_to_guaranteed() {
        String pool = pool("L4", 8, "{'mode': 'EXCLUSIVE'}");
        String team = tenant();
        var created = api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("{'guaranteed': 2}"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().path("guaranteed").asLong()).isEqualTo(2);
        assertThat(created.body().path("limit").asLong()).isEqualTo(2);
        assertThat(created.body().path("resources").path("nvidia.com/gpu").path("limit").asLong()).isEqualTo(2);

        var updated = api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool),
                json("{'guaranteed': 2, 'limit': 12}"), created.etag());
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().path("limit").asLong()).isEqualTo(12);
        assertThat(api.get("/tenants/%s/gpu-quotas".formatted(team)).body().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void a_mixed_mig_pool_takes_quotas_per_resource_name() {
        String pool = pool("A100-80GB", 2, "{'mode': 'MIG', 'migLayout': 'all-balanced'}");
        String team = tenant();
        var response = api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("""
                {'resources': {'nvidia.com/mig-1g.10gb': {'guaranteed': 2, 'limit': 4},
                               'nvidia.com/mig-3g.40gb': {'guaranteed': 1}}}"""));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.body().has("guaranteed")).isFalse();
        assertThat(response.body().path("resources").path("nvidia.com/mig-3g.40gb").path("limit").asLong())
                .isEqualTo(1);

        var singleForm = api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("{'guaranteed': 1}"));
        assertThat(singleForm.status()).isEqualTo(422);
        assertThat(singleForm.text("detail")).contains("nvidia.com/mig-2g.20gb");
    }

    @Test
    void guarantees_never_exceed_the_pool_and_the_refusal_gives_the_numbers() {
        String pool = pool("H100-80GB", 8, "{'mode': 'MIG', 'migLayout': 'all-1g.10gb'}");
        String first = tenant();
        String second = tenant();
        assertThat(api.put("/tenants/%s/gpu-quotas/%s".formatted(first, pool), json("{'guaranteed': 50}")).status())
                .isEqualTo(201);
        var refused = api.put("/tenants/%s/gpu-quotas/%s".formatted(second, pool),
                json("{'guaranteed': 10, 'limit': 56}"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).contains("offers 56").contains("guaranteed 50").contains("at most 6");
        assertThat(api.get("/tenants/%s/gpu-quotas/%s".formatted(second, pool)).status()).isEqualTo(404);

        var limitsMayOvercommit = api.put("/tenants/%s/gpu-quotas/%s".formatted(second, pool),
                json("{'guaranteed': 6, 'limit': 56}"));
        assertThat(limitsMayOvercommit.status()).isEqualTo(201);
    }

    @Test
    void a_quota_on_a_pool_of_another_cluster_is_rejected() {
        String cluster = unique("other");
        api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'DIRECT'}".formatted(cluster)));
        String pool = unique("pool");
        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': '%s', 'gpuModel': 'L4', 'nodeCount': 1, 'gpusPerNode': 1,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(pool, cluster)));
        var response = api.put("/tenants/%s/gpu-quotas/%s".formatted(tenant(), pool), json("{'guaranteed': 1}"));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorFields()).containsExactly("pool");
    }

    @Test
    void deleting_a_quota_frees_its_guarantee() {
        String pool = pool("L4", 2, "{'mode': 'EXCLUSIVE'}");
        String first = tenant();
        api.put("/tenants/%s/gpu-quotas/%s".formatted(first, pool), json("{'guaranteed': 2}"));
        assertThat(api.put("/tenants/%s/gpu-quotas/%s".formatted(tenant(), pool), json("{'guaranteed': 1}")).status())
                .isEqualTo(409);
        assertThat(api.delete("/tenants/%s/gpu-quotas/%s".formatted(first, pool)).status()).isEqualTo(204);
        assertThat(api.put("/tenants/%s/gpu-quotas/%s".formatted(tenant(), pool), json("{'guaranteed': 1}")).status())
                .isEqualTo(201);
    }
}
