package io.nova.platform.app.api.gpu;

import io.nova.platform.app.support.ApiTest;
import org.junit.jupiter.api.Test;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

class GpuPoolApiTest extends ApiTest {

    private String pool(String name, String model, int nodes, int gpus, String sharing) {
        return json("""
                {'name': '%s', 'cluster': 'local', 'gpuModel': '%s', 'nodeCount': %d, 'gpusPerNode': %d,
                 'nodeSelector': {'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3'}, 'sharing': %s}"""
                .formatted(name, model, nodes, gpus, sharing));
    }

    @Test
    void a_mig_pool_with_a_named_layout_offers_seven_slices_per_gpu_in_mixed_strategy() {
        String name = unique("h100");
        var created = api.post("/gpu-pools", pool(name, "H100-80GB", 2, 8,
                "{'mode': 'MIG', 'migLayout': 'all-1g.10gb'}"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().path("sharing").path("migStrategy").asString()).isEqualTo("mixed");
        assertThat(created.body().path("sharing").path("migDevices").path("1g.10gb").asInt()).isEqualTo(7);
        assertThat(created.body().path("capacity").properties()).hasSize(1);
        assertThat(created.body().path("capacity").path("nvidia.com/mig-1g.10gb").asLong()).isEqualTo(7 * 16);
    }

    @Test
    void the_balanced_layout_offers_one_resource_per_profile() {
        var created = api.post("/gpu-pools", pool(unique("a100"), "A100-40GB", 1, 4,
                "{'mode': 'MIG', 'migStrategy': 'mixed', 'migLayout': 'all-balanced'}"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().path("capacity").path("nvidia.com/mig-1g.5gb").asLong()).isEqualTo(8);
        assertThat(created.body().path("capacity").path("nvidia.com/mig-2g.10gb").asLong()).isEqualTo(4);
        assertThat(created.body().path("capacity").path("nvidia.com/mig-3g.20gb").asLong()).isEqualTo(4);
    }

    @Test
    void time_slicing_multiplies_gpus_by_replicas_and_can_rename_the_resource() {
        var plain = api.post("/gpu-pools", pool(unique("t4"), "T4", 3, 2,
                "{'mode': 'TIME_SLICING', 'replicas': 4}"));
        assertThat(plain.body().path("capacity").path("nvidia.com/gpu").asLong()).isEqualTo(24);
        var renamed = api.post("/gpu-pools", pool(unique("t4"), "T4", 1, 1,
                "{'mode': 'TIME_SLICING', 'replicas': 2, 'renameByDefault': true}"));
        assertThat(renamed.body().path("capacity").path("nvidia.com/gpu.shared").asLong()).isEqualTo(2);
    }

    @Test
    void rejects_mig_layout_on_gpu_without_mig_and_names_the_gpus_that_have_it() {
        var response = api.post("/gpu-pools", pool(unique("t4"), "T4", 1, 1,
                "{'mode': 'MIG', 'migLayout': 'all-1g.10gb'}"));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().path("errors").toString()).contains("sharing").contains("A100-80GB");
    }

    @Test
    void rejects_a_layout_of_another_gpu_and_lists_the_valid_ones() {
        var response = api.post("/gpu-pools", pool(unique("a30"), "A30", 1, 1,
                "{'mode': 'MIG', 'migLayout': 'all-1g.10gb'}"));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorFields()).containsExactly("sharing.migLayout");
        assertThat(response.body().path("errors").toString()).contains("all-1g.6gb");
    }

    @Test
    void rejects_a_custom_layout_that_does_not_fit_and_says_what_would() {
        var response = api.post("/gpu-pools", pool(unique("h100"), "H100-80GB", 1, 8,
                "{'mode': 'MIG', 'migDevices': {'3g.40gb': 3}}"));
        assertThat(response.status()).isEqualTo(422);
        String errors = response.body().path("errors").toString();
        assertThat(errors).contains("9 compute slices").contains("3g.40gb × 2 fits");
    }

    @Test
    void accepts_a_custom_layout_that_fits() {
        var response = api.post("/gpu-pools", pool(unique("h100"), "H100-80GB", 1, 8,
                "{'mode': 'MIG', 'migDevices': {'3g.40gb': 1, '2g.20gb': 1, '1g.10gb': 2}}"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.body().path("capacity").path("nvidia.com/mig-1g.10gb").asLong()).isEqualTo(16);
        assertThat(response.body().path("capacity").path("nvidia.com/mig-3g.40gb").asLong()).isEqualTo(8);
    }

    @Test
    void shrinking_a_pool_below_what_tenants_are_guaranteed_is_refused_with_the_numbers() {
        String name = unique("l4");
        api.post("/gpu-pools", pool(name, "L4", 4, 2, "{'mode': 'EXCLUSIVE'}"));
        String tenant = unique("team");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'T'}".formatted(tenant)));
        assertThat(api.put("/tenants/%s/gpu-quotas/%s".formatted(tenant, name), json("{'guaranteed': 6}")).status())
                .isEqualTo(201);
        var refused = api.put("/gpu-pools/" + name, pool(name, "L4", 2, 2, "{'mode': 'EXCLUSIVE'}"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).contains("guaranteed 6").contains("would offer 4");
        assertThat(api.get("/gpu-pools/" + name).body().path("nodeCount").asInt()).isEqualTo(4);

        var deleteRefused = api.delete("/gpu-pools/" + name);
        assertThat(deleteRefused.status()).isEqualTo(409);
        assertThat(deleteRefused.body().path("conflicts").toString())
                .contains("tenants/%s/gpu-quotas/%s".formatted(tenant, name));
    }

    @Test
    void read_only_capacity_sent_back_in_a_put_is_ignored() {
        String name = unique("l4");
        var created = api.post("/gpu-pools", pool(name, "L4", 1, 4, "{'mode': 'EXCLUSIVE'}"));
        var roundTrip = api.put("/gpu-pools/" + name, created.raw().body(), created.etag());
        assertThat(roundTrip.status()).as(roundTrip.toString()).isEqualTo(200);
        assertThat(roundTrip.etag()).isEqualTo(created.etag());
    }

    @Test
    void the_gpu_model_catalog_lists_the_contract_ids() {
        var models = api.get("/gpu-models?size=200");
        var ids = new java.util.ArrayList<String>();
        models.body().path("items").forEach(m -> ids.add(m.path("id").asString()));
        assertThat(ids).contains("T4", "L4", "A10", "V100", "A30", "A100-40GB", "A100-80GB", "H100-80GB",
                "H100-NVL", "H200-141GB", "B200");
        var h100 = api.get("/gpu-models/H100-80GB");
        assertThat(h100.body().path("migCapable").asBoolean()).isTrue();
        assertThat(h100.body().path("migLayouts").toString()).contains("all-1g.10gb");
        assertThat(api.get("/gpu-models/X999").status()).isEqualTo(404);
    }

    @Test
    void changing_the_sharing_so_a_quotas_resource_disappears_is_refused() {
        String name = unique("t4");
        api.post("/gpu-pools", pool(name, "T4", 1, 2, "{'mode': 'EXCLUSIVE'}"));
        String tenant = unique("team");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'T'}".formatted(tenant)));
        api.put("/tenants/%s/gpu-quotas/%s".formatted(tenant, name), json("{'guaranteed': 0, 'limit': 2}"));
        var refused = api.put("/gpu-pools/" + name, pool(name, "T4", 1, 2,
                "{'mode': 'TIME_SLICING', 'replicas': 4, 'renameByDefault': true}"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).contains("nvidia.com/gpu: tenants have quotas for it");
        assertThat(api.get("/gpu-pools/" + name).body().path("sharing").path("mode").asString()).isEqualTo("EXCLUSIVE");
    }

    @Test
    void a_preview_shows_what_a_pool_would_offer_or_why_not_and_saves_nothing() {
        String name = unique("preview");
        long pools = api.get("/gpu-pools?size=1").body().path("total").asLong();

        var fits = api.post("/gpu-pools/preview", pool(name, "H100-80GB", 2, 8,
                "{'mode': 'MIG', 'migLayout': 'all-1g.10gb'}"));
        assertThat(fits.status()).isEqualTo(200);
        assertThat(fits.body().path("capacity").path("nvidia.com/mig-1g.10gb").asLong()).isEqualTo(112);
        assertThat(fits.body().path("problems").size()).isZero();

        var refused = api.post("/gpu-pools/preview", pool(name, "H100-80GB", 1, 8,
                "{'mode': 'MIG', 'migDevices': {'7g.80gb': 2}}"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body().path("capacity").size()).isZero();
        assertThat(refused.body().path("problems").get(0).path("field").asString()).startsWith("sharing.migDevices");

        assertThat(api.get("/gpu-pools/" + name).status()).isEqualTo(404);
        assertThat(api.get("/gpu-pools?size=1").body().path("total").asLong()).isEqualTo(pools);
    }
}
