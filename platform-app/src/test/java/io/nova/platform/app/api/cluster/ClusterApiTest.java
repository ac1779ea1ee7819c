package io.nova.platform.app.api.cluster;

import io.nova.platform.app.support.ApiTest;
import org.junit.jupiter.api.Test;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

class ClusterApiTest extends ApiTest {

    @Test
    void a_fresh_install_has_a_local_cluster_delivering_to_a_local_git_repository() {
        var local = api.get("/clusters/local");
        assertThat(local.status()).isEqualTo(200);
        assertThat(local.text("deliveryMode")).isEqualTo("GITOPS");
        assertThat(local.body().path("gitops").path("url").asString()).startsWith("file:/");
        assertThat(local.body().path("gitops").path("branch").asString()).isEqualTo("main");
    }

    @Test
    void creates_a_gitops_cluster_with_default_branch_and_path_and_returns_its_location() {
        String name = unique("prod");
        var created = api.post("/clusters", json("""
                {'name': '%s', 'deliveryMode': 'GITOPS', 'apiServer': 'https://kubernetes.invalid:6443',
                 'credentialsRef': 'kv/clusters/prod#kubeconfig', 'gitops': {'url': 'https://git.example.com/fleet.git'}}
                """.formatted(name)));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/clusters/" + name);
        assertThat(created.etag()).isEqualTo("\"0\"");
        assertThat(created.body().path("gitops").path("branch").asString()).isEqualTo("main");
        assertThat(created.body().path("gitops").path("path").asString()).isEqualTo("clusters/" + name);
        assertThat(api.get("/clusters/" + name).body().path("credentialsRef").asString())
                .isEqualTo("kv/clusters/prod#kubeconfig");
    }

    @Test
    void rejects_a_credential_pasted_where_the_vault_reference_belongs() {
        var response = api.post("/clusters", json("""
                {'name': '%s', 'deliveryMode': 'DIRECT', 'credentialsRef': 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJ4In0.c2ln'}
                """.formatted(unique("lab"))));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorFields()).containsExactly("credentialsRef");
        assertThat(response.body().toString()).doesNotContain("eyJzdWIiOiJ4In0");
    }

    @Test
    void an_identical_put_is_a_no_op_without_new_version_or_audit_event() {
        String name = unique("lab");
        String body = json("{'name': '%s', 'deliveryMode': 'DIRECT', 'apiServer': 'https://lab:6443'}".formatted(name));
        api.post("/clusters", body);
        var first = api.put("/clusters/" + name, body);
        var second = api.put("/clusters/" + name, body);
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.etag()).isEqualTo(first.etag()).isEqualTo("\"0\"");
        assertThat(api.get("/audit?target=clusters/" + name).body().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void a_stale_if_match_gets_412_and_changes_nothing() {
        String name = unique("lab");
        api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'DIRECT'}".formatted(name)));
        var changed = api.put("/clusters/" + name,
                json("{'deliveryMode': 'DIRECT', 'apiServer': 'https://a:6443'}"), "\"0\"");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.etag()).isEqualTo("\"1\"");
        var stale = api.put("/clusters/" + name, json("{'deliveryMode': 'DIRECT', 'apiServer': 'https://b:6443'}"),
                "\"0\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.text("type")).endsWith("/precondition-failed");
        assertThat(api.get("/clusters/" + name).text("apiServer")).isEqualTo("https://a:6443");
        assertThat(api.delete("/clusters/" + name, "\"0\"").status()).isEqualTo(412);
        assertThat(api.delete("/clusters/" + name, "\"1\"").status()).isEqualTo(204);
        assertThat(api.get("/clusters/" + name).status()).isEqualTo(404);
    }

    @Test
    void deleting_a_cluster_in_use_is_refused_with_what_uses_it() {
        String name = unique("busy");
        String pool = unique("pool");
        api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'DIRECT'}".formatted(name)));
        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': '%s', 'gpuModel': 'L4', 'nodeCount': 1, 'gpusPerNode': 1,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(pool, name)));
        var refused = api.delete("/clusters/" + name);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("conflicts").toString()).contains("gpu-pools/" + pool);
        assertThat(api.get("/clusters/" + name).status()).isEqualTo(200);
    }

    @Test
    void a_cluster_cannot_be_renamed() {
        String name = unique("lab");
        api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'DIRECT'}".formatted(name)));
        var response = api.put("/clusters/" + name, json("{'name': 'other', 'deliveryMode': 'DIRECT'}"));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorFields()).containsExactly("name");
    }
}
