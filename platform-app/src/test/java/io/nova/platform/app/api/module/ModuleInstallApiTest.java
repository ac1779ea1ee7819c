package io.nova.platform.app.api.module;

import io.nova.platform.app.support.ApiTest;
import org.junit.jupiter.api.Test;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

class ModuleInstallApiTest extends ApiTest {

    private String tenant() {
        String slug = unique("team");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Team'}".formatted(slug)));
        return slug;
    }

    @Test
    void the_catalog_ships_the_tenant_and_cluster_modules_with_real_chart_sources() {
        var modules = api.get("/modules?size=200").body().path("items");
        var keys = new java.util.ArrayList<String>();
        modules.forEach(m -> keys.add(m.path("key").asString()));
        assertThat(keys).contains("jupyterhub", "mlflow", "airflow", "minio", "kserve", "kuberay", "code-server",
                "gpu-operator", "node-feature-discovery", "kube-prometheus-stack", "neuvector");
        var mlflow = api.get("/modules/mlflow").body();
        assertThat(mlflow.path("scope").asString()).isEqualTo("TENANT");
        assertThat(mlflow.path("dependencies").toString()).contains("minio");
        assertThat(api.get("/modules/gpu-operator").body().path("chart").path("url").asString())
                .isEqualTo("https://helm.ngc.nvidia.com/nvidia");
    }

    @Test
    void enabling_mlflow_without_minio_is_refused_with_a_hint() {
        String team = tenant();
        var refused = api.put("/tenants/%s/modules/mlflow".formatted(team), json("{'enabled': true}"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).contains("MinIO").contains("enableDependencies");
        assertThat(api.get("/tenants/%s/modules".formatted(team)).body().path("total").asInt()).isZero();
    }

    @Test
    void a_tenant_uses_kuberay_only_while_its_cluster_runs_the_operator_which_stays_while_tenants_use_it() {
        String cluster = unique("rays");
        assertThat(api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'DIRECT'}".formatted(cluster))).status())
                .isEqualTo(201);
        String team = unique("team");
        assertThat(api.post("/tenants", json("{'slug': '%s', 'displayName': 'Team', 'cluster': '%s'}"
                .formatted(team, cluster))).status()).isEqualTo(201);

        var refused = api.put("/tenants/%s/modules/kuberay".formatted(team), json("{'enabled': true}"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.toString()).contains("kuberay-operator");
        assertThat(api.get("/tenants/%s/modules/kuberay".formatted(team)).status()).isEqualTo(404);

        assertThat(api.put("/cluster-modules/%s/kuberay-operator".formatted(cluster), json("{'enabled': true}"))
                .status()).isEqualTo(201);
        var used = api.put("/tenants/%s/modules/kuberay".formatted(team), json("{'enabled': true}"));
        assertThat(used.status()).as(used.toString()).isEqualTo(201);

        var stillUsed = api.put("/cluster-modules/%s/kuberay-operator".formatted(cluster), json("{'enabled': false}"));
        assertThat(stillUsed.status()).as(stillUsed.toString()).isEqualTo(409);
        assertThat(stillUsed.toString()).contains(team);
        assertThat(api.delete("/cluster-modules/%s/kuberay-operator".formatted(cluster)).status()).isEqualTo(409);
        assertThat(api.get("/cluster-modules/%s/kuberay-operator".formatted(cluster)).body().path("enabled")
                .asBoolean()).isTrue();
    }

    @Test
    void enable_dependencies_switches_minio_on_with_mlflow() {
        String team = tenant();
        var mlflow = api.put("/tenants/%s/modules/mlflow".formatted(team),
                json("{'enabled': true, 'enableDependencies': true}"));
        assertThat(mlflow.status()).as(mlflow.toString()).isEqualTo(201);
        assertThat(mlflow.body().path("generation").asLong()).isEqualTo(1);
        assertThat(mlflow.body().path("observedGeneration").asLong()).isZero();
        assertThat(mlflow.text("phase")).isEqualTo("PENDING");
        assertThat(mlflow.text("uiUrl")).contains(team);
        var minio = api.get("/tenants/%s/modules/minio".formatted(team));
        assertThat(minio.status()).isEqualTo(200);
        assertThat(minio.body().path("enabled").asBoolean()).isTrue();

        var disableMinio = api.put("/tenants/%s/modules/minio".formatted(team), json("{'enabled': false}"));
        assertThat(disableMinio.status()).isEqualTo(409);
        assertThat(disableMinio.body().path("conflicts").toString()).contains("modules/mlflow");
        assertThat(api.delete("/tenants/%s/modules/minio".formatted(team)).status()).isEqualTo(409);
    }

    @Test
    void the_same_put_twice_keeps_the_generation_and_writes_one_audit_event() {
        String team = tenant();
        String body = json("{'enabled': true, 'values': {'hub': {'concurrentSpawnLimit': 20}}}");
        var first = api.put("/tenants/%s/modules/jupyterhub".formatted(team), body);
        var second = api.put("/tenants/%s/modules/jupyterhub".formatted(team), body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().path("generation").asLong()).isEqualTo(1);
        assertThat(second.etag()).isEqualTo(first.etag());
        assertThat(api.get("/audit?target=tenants/%s/modules/jupyterhub".formatted(team)).body().path("total").asInt())
                .isEqualTo(1);

        var changed = api.put("/tenants/%s/modules/jupyterhub".formatted(team),
                json("{'enabled': true, 'values': {'hub': {'concurrentSpawnLimit': 30}}}"));
        assertThat(changed.body().path("generation").asLong()).isEqualTo(2);
        assertThat(changed.body().path("values").path("hub").path("concurrentSpawnLimit").asInt()).isEqualTo(30);
    }

    @Test
    void an_unsupported_version_is_rejected_with_the_supported_ones() {
        var response = api.put("/tenants/%s/modules/jupyterhub".formatted(tenant()),
                json("{'enabled': true, 'version': '0.0.1'}"));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorFields()).containsExactly("version");
        assertThat(response.body().path("errors").get(0).path("message").asString()).contains("supported:");
    }

    @Test
    void values_with_a_typo_or_a_plain_text_secret_are_rejected_at_the_field() {
        String team = tenant();
        var typo = api.put("/tenants/%s/modules/jupyterhub".formatted(team),
                json("{'values': {'singleuserr': {}}}"));
        assertThat(typo.status()).isEqualTo(422);
        assertThat(typo.body().path("errors").toString()).contains("singleuser");

        var secret = api.put("/tenants/%s/modules/minio".formatted(team),
                json("{'values': {'rootPassword': 'hunter2-very-secret'}}"));
        assertThat(secret.status()).isEqualTo(422);
        assertThat(secret.errorFields()).containsExactly("values.rootPassword");
        assertThat(secret.raw().body()).doesNotContain("hunter2-very-secret");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM module_install WHERE values_json::text LIKE '%hunter2%'",
                Long.class)).isZero();
    }

    @Test
    void cluster_modules_live_under_cluster_modules_and_not_under_tenants() {
        var nfd = api.put("/cluster-modules/local/node-feature-discovery", json("{'enabled': true}"));
        assertThat(nfd.status()).as(nfd.toString()).isIn(200, 201);
        var operator = api.put("/cluster-modules/local/gpu-operator", json("{'enabled': true}"));
        assertThat(operator.status()).as(operator.toString()).isIn(200, 201);
        assertThat(operator.text("tenant")).isNull();
        assertThat(operator.text("cluster")).isEqualTo("local");
        assertThat(api.get("/cluster-modules?cluster=local").body().path("total").asInt()).isGreaterThanOrEqualTo(2);

        var wrongScope = api.put("/tenants/%s/modules/gpu-operator".formatted(tenant()), json("{'enabled': true}"));
        assertThat(wrongScope.status()).isEqualTo(422);
        assertThat(wrongScope.text("detail")).contains("cluster-modules");
    }

    @Test
    void an_unknown_module_is_not_found() {
        assertThat(api.put("/tenants/%s/modules/nope".formatted(tenant()), json("{}")).status()).isEqualTo(404);
        assertThat(api.get("/modules/nope").status()).isEqualTo(404);
    }
}
