package io.nova.platform.app;

import io.nova.platform.app.support.ApiTest;
import org.junit.jupiter.api.Test;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The admin's first hour, over REST: a cluster, a MIG pool, a team with a GPU quota, MLflow with MinIO. */
class FoundationScenarioTest extends ApiTest {

    @Test
    void an_admin_sets_up_a_team_with_a_mig_quota_and_mlflow() {
        String cluster = unique("gpu-cluster");
        String pool = unique("h100");
        String team = unique("team");

        assertThat(api.post("/clusters", json("""
                {'name': '%s', 'deliveryMode': 'GITOPS', 'credentialsRef': 'kv/clusters/gpu#kubeconfig',
                 'gitops': {'url': 'https://git.example.com/fleet.git'}}""".formatted(cluster))).status())
                .isEqualTo(201);

        var created = api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': '%s', 'gpuModel': 'H100-80GB', 'nodeCount': 4, 'gpusPerNode': 8,
                 'nodeSelector': {'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3'},
                 'sharing': {'mode': 'MIG', 'migStrategy': 'mixed', 'migLayout': 'all-1g.10gb'}}"""
                .formatted(pool, cluster)));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("capacity").path("nvidia.com/mig-1g.10gb").asLong()).isEqualTo(7 * 32);

        assertThat(api.post("/tenants", json("""
                {'slug': '%s', 'displayName': 'Vision team', 'ownerGroups': ['vision-admins'], 'cluster': '%s',
                 'quota': {'cpu': '64', 'memory': '256Gi', 'storage': '2Ti'}}""".formatted(team, cluster)))
                .status()).isEqualTo(201);
        var quota = api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("{'guaranteed': 14, 'limit': 28}"));
        assertThat(quota.status()).isEqualTo(201);
        assertThat(quota.body().path("resources").has("nvidia.com/mig-1g.10gb")).isTrue();

        var mlflow = api.put("/tenants/%s/modules/mlflow".formatted(team),
                json("{'enabled': true, 'enableDependencies': true}"));
        assertThat(mlflow.status()).isEqualTo(201);
        var modules = api.get("/tenants/%s/modules".formatted(team)).body().path("items");
        var keys = new java.util.ArrayList<String>();
        modules.forEach(m -> keys.add(m.path("module").asString() + ":" + m.path("enabled").asBoolean()));
        assertThat(keys).containsExactly("minio:true", "mlflow:true");
    }
}
