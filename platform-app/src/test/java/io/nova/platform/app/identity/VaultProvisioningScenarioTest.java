package io.nova.platform.app.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.nova.platform.app.support.ApiTest;
import io.nova.platform.app.support.VaultTokens;
import io.nova.platform.vault.testing.VaultApiTestDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on and secrets through StarVault, from a REST change to Vault and Git. Vault is the
 * {@link VaultApiTestDouble} (an in-process server that follows the Vault HTTP API docs; no Vault can run here); the
 * platform's production Spring Vault code talks to it with a token that has only the shipped minimal policy.
 * PostgreSQL, HTTP and the GitOps repository are real.
 */
@ExtendWith(OutputCaptureExtension.class)
class VaultProvisioningScenarioTest extends ApiTest {

    static final VaultApiTestDouble VAULT = VaultApiTestDouble.start();
    static final String ISSUER = "https://vault.example.com/v1/identity/oidc/provider/nova";

    @DynamicPropertySource
    static void vault(DynamicPropertyRegistry registry) {
        registry.add("nova.vault.uri", () -> VAULT.uri().toString());
        registry.add("nova.vault.authentication", () -> "TOKEN");
        registry.add("nova.vault.token", VaultProvisioningScenarioTest::platformToken);
        registry.add("nova.vault.oidc.issuer", () -> ISSUER);
        registry.add("nova.reconcile.oidc-issuer", () -> ISSUER);
    }

    /** A token with nothing but the policy the platform ships for its own use. */
    private static String platformToken() {
        VAULT.enableKubernetesAuth();
        return VaultTokens.withShippedPolicy(VAULT);
    }

    @AfterAll
    static void stopVault() {
        VAULT.close();
    }

    private long vaultWrites() {
        return VAULT.requests().stream().filter(r -> !r.startsWith("GET ") && !r.startsWith("LIST ")).count();
    }

    @Test
    void enabling_mlflow_provisions_its_client_policy_and_role_and_secrets_leak_nowhere(CapturedOutput output)
            throws Exception {
        String team = unique("sso");
        var responses = new ArrayList<String>();
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'SSO team', 'ownerGroups': ['sso-admins']}"
                .formatted(team)));
        responses.add(api.put("/tenants/%s/modules/mlflow".formatted(team),
                json("{'enabled': true, 'enableDependencies': true, 'secretDelivery': 'CSI'}")).raw().body());

        var plan = api.get("/clusters/local/plan");
        responses.add(plan.raw().body());
        assertThat(plan.body().path("secrets").toString()).contains("nova-" + team + ".mlflow");

        var reconcile = api.post("/clusters/local/reconcile", "");
        responses.add(reconcile.raw().body());
        assertThat(reconcile.status()).as(reconcile.toString()).isEqualTo(200);
        assertThat(reconcile.body().path("problems").toString()).doesNotContain(team);

        Map<String, Object> client = VAULT.stored("identity/oidc/client/nova-%s.mlflow".formatted(team)).orElseThrow();
        assertThat(client.get("redirect_uris").toString())
                .contains("https://mlflow-%s.nova.localhost/callback".formatted(team));
        assertThat(client.get("assignments").toString()).contains("nova-" + team);
        Map<String, Object> credentials = VAULT.stored("nova/data/tenants/%s/oidc/mlflow".formatted(team))
                .orElseThrow();
        assertThat(credentials).containsKeys("client_id", "client_secret");
        assertThat(VAULT.stored("sys/policies/acl/nova-tenant-%s.mlflow".formatted(team)).orElseThrow().toString())
                .contains("nova/data/tenants/%s/oidc/mlflow\"".formatted(team));
        Map<String, Object> role = VAULT.stored("auth/kubernetes/role/nova-%s.mlflow".formatted(team)).orElseThrow();
        assertThat(role).containsEntry("bound_service_account_names", List.of("mlflow"))
                .containsEntry("bound_service_account_namespaces", List.of("nova-" + team))
                .containsEntry("token_policies", List.of("nova-tenant-%s.mlflow".formatted(team)));
        assertThat(VAULT.stored("auth/kubernetes/role/nova-%s.minio".formatted(team)))
                .as("MinIO's pods read no secret from Vault, so no role admits them").isEmpty();
        assertThat(VAULT.stored("auth/kubernetes/role/nova-" + team)).as("no namespace-wide role").isEmpty();
        assertThat(VAULT.stored("identity/oidc/client/nova-%s.minio".formatted(team))).as("MinIO console has a UI")
                .isPresent();

        String release = Files.readString(DATA.resolve("gitops/clusters/local/nova-%s/helmrelease-mlflow.yaml"
                .formatted(team)));
        assertThat(release).contains("nova-oidc-mlflow").contains("oidcAuth").contains("redirectUri");
        // the Secrets the charts read come from the tenant's Vault paths through its secret store
        assertThat(Files.readString(DATA.resolve("gitops/clusters/local/nova-%s/externalsecret-nova-oidc-mlflow.yaml"
                .formatted(team)))).contains("key: tenants/%s/oidc/mlflow".formatted(team))
                .contains("property: client_secret");
        assertThat(Files.readString(DATA.resolve("gitops/clusters/local/nova-%s/externalsecret-mlflow-s3-credentials.yaml"
                .formatted(team)))).contains("secretKey: AWS_SECRET_ACCESS_KEY")
                .contains("key: tenants/%s/credentials/mlflow-s3-credentials".formatted(team));
        assertThat(VAULT.stored("nova/data/tenants/%s/credentials/mlflow-s3-credentials".formatted(team))
                .orElseThrow()).containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
        assertThat(VAULT.stored("nova/data/tenants/%s/credentials/minio-root-credentials".formatted(team))
                .orElseThrow()).containsKeys("rootUser", "rootPassword");
        assertThat(VAULT.stored("auth/kubernetes/role/nova-%s._secret-store".formatted(team)).orElseThrow())
                .containsEntry("bound_service_account_names", List.of("nova-secret-store"))
                .containsEntry("bound_service_account_namespaces", List.of("nova-" + team));

        long writes = vaultWrites();
        api.post("/clusters/local/reconcile", "");
        assertThat(vaultWrites()).as("a second provisioning changes nothing in Vault").isEqualTo(writes);

        String before = VAULT.stored("nova/data/tenants/%s/oidc/mlflow".formatted(team)).orElseThrow()
                .get("client_secret").toString();
        var rotated = api.post("/tenants/%s/modules/mlflow/rotate-client-secret".formatted(team), "");
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(204);
        assertThat(rotated.raw().body()).isEmpty();
        assertThat(VAULT.stored("nova/data/tenants/%s/oidc/mlflow".formatted(team)).orElseThrow()
                .get("client_secret")).isNotEqualTo(before);

        var listed = api.get("/tenants/%s/modules/mlflow/credentials".formatted(team));
        responses.add(listed.raw().body());
        assertThat(listed.body().toString()).contains("mlflow-s3-credentials", "AWS_SECRET_ACCESS_KEY",
                "nova/tenants/%s/credentials/mlflow-s3-credentials".formatted(team));
        String key = VAULT.stored("nova/data/tenants/%s/credentials/mlflow-s3-credentials".formatted(team))
                .orElseThrow().get("AWS_SECRET_ACCESS_KEY").toString();
        var rotatedKey = api.post("/tenants/%s/modules/mlflow/credentials/mlflow-s3-credentials/rotate"
                .formatted(team), "");
        assertThat(rotatedKey.status()).as(rotatedKey.toString()).isEqualTo(204);
        assertThat(VAULT.stored("nova/data/tenants/%s/credentials/mlflow-s3-credentials".formatted(team))
                .orElseThrow().get("AWS_SECRET_ACCESS_KEY")).isNotEqualTo(key);
        var unknown = api.post("/tenants/%s/modules/mlflow/credentials/minio-root-credentials/rotate"
                .formatted(team), "");
        assertThat(unknown.status()).as("MinIO's credential is not MLflow's to rotate").isEqualTo(404);
        responses.add(unknown.raw().body());

        responses.add(api.get("/tenants/%s/modules/mlflow".formatted(team)).raw().body());
        responses.add(api.get("/audit?target=tenants/" + team + "&size=200").raw().body());
        responses.add(api.get("/clusters/local").raw().body());
        String database = databaseSnapshot();
        String repository = repositoryText();
        for (String secret : VAULT.allSecretValues()) {
            assertThat(database).doesNotContain(secret);
            assertThat(repository).doesNotContain(secret);
            assertThat(output.getAll()).doesNotContain(secret);
            responses.forEach(body -> assertThat(body).doesNotContain(secret));
        }
        assertThat(VAULT.allSecretValues()).isNotEmpty();
    }

    @Test
    void a_tenant_with_every_tool_gets_its_credentials_routes_logins_and_gpu_profiles_and_no_secret_leaks(
            CapturedOutput output) throws Exception {
        String team = unique("all");
        String pool = unique("a100");
        var responses = new ArrayList<String>();
        api.put("/cluster-modules/local/kuberay-operator", json("{'enabled': true}"));
        api.put("/cluster-modules/local/kserve-controller", json("{'enabled': true, 'enableDependencies': true}"));
        api.put("/cluster-modules/local/external-secrets", json("{'enabled': true}"));
        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': 'local', 'gpuModel': 'A100-80GB', 'nodeCount': 1, 'gpusPerNode': 8,
                 'nodeSelector': {'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB'},
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(pool)));
        api.post("/tenants", json(("{'slug': '%s', 'displayName': 'All tools', 'ownerGroups': ['all-admins'], "
                + "'memberGroups': ['all-users']}").formatted(team)));
        api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("{'guaranteed': 1, 'limit': 2}"));
        for (String tool : List.of("jupyterhub", "mlflow", "airflow", "minio", "code-server", "kuberay", "kserve")) {
            var put = api.put("/tenants/%s/modules/%s".formatted(team, tool),
                    json("{'enabled': true, 'enableDependencies': true}"));
            assertThat(put.status()).as(put.toString()).isIn(200, 201);
            responses.add(put.raw().body());
        }

        var reconcile = api.post("/clusters/local/reconcile", "");
        responses.add(reconcile.raw().body());
        assertThat(reconcile.body().path("problems").toString()).doesNotContain(team);

        Path folder = DATA.resolve("gitops/clusters/local/nova-" + team);
        for (String tool : List.of("jupyterhub", "mlflow", "airflow", "minio", "code-server")) {
            assertThat(folder.resolve("helmrelease-%s.yaml".formatted(tool))).exists();
            assertThat(Files.readString(folder.resolve("externalsecret-nova-oidc-%s.yaml".formatted(tool))))
                    .contains("key: tenants/%s/oidc/%s".formatted(team, tool));
        }
        for (String credential : List.of("minio-root-credentials", "mlflow-s3-credentials", "airflow-fernet-key",
                "airflow-metadata-db", "code-server-password", "code-server-oauth2-proxy-cookie")) {
            assertThat(Files.readString(folder.resolve("externalsecret-%s.yaml".formatted(credential))))
                    .contains("name: " + credential, "key: tenants/%s/credentials/%s".formatted(team, credential));
            assertThat(VAULT.stored("nova/data/tenants/%s/credentials/%s".formatted(team, credential)))
                    .as("%s generated in Vault", credential).isPresent();
        }
        assertThat(Files.readString(folder.resolve("secretstore-nova.yaml")))
                .contains("role: nova-%s._secret-store".formatted(team));
        assertThat(Files.readString(folder.resolve("ingress-jupyterhub.yaml")))
                .contains("host: jupyter-%s.nova.localhost".formatted(team), "name: proxy-public");
        assertThat(Files.readString(folder.resolve("ingress-mlflow.yaml")))
                .contains("host: mlflow-%s.nova.localhost".formatted(team));
        String jupyterhub = Files.readString(folder.resolve("helmrelease-jupyterhub.yaml"));
        assertThat(jupyterhub).contains("authorize_url: https://vault.example.com/ui/identity/oidc/provider/nova/authorize")
                .contains("- all-admins", "- all-users", "admin_groups:", "profileList:", "nvidia.com/gpu: \"2\"",
                        "value: " + pool);
        assertThat(Files.readString(folder.resolve("helmrelease-airflow.yaml")))
                .contains("AUTH_ROLES_MAPPING").contains("all-admins");
        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.startsWith("secret-"));
        }

        for (String tool : List.of("jupyterhub", "mlflow", "airflow", "minio", "code-server")) {
            responses.add(api.get("/tenants/%s/modules/%s".formatted(team, tool)).raw().body());
            responses.add(api.get("/tenants/%s/modules/%s/credentials".formatted(team, tool)).raw().body());
        }
        responses.add(api.get("/clusters/local/plan").raw().body());
        String database = databaseSnapshot();
        String repository = repositoryText();
        assertThat(VAULT.allSecretValues()).isNotEmpty();
        for (String secret : VAULT.allSecretValues()) {
            assertThat(database).doesNotContain(secret);
            assertThat(repository).doesNotContain(secret);
            assertThat(output.getAll()).doesNotContain(secret);
            responses.forEach(body -> assertThat(body).doesNotContain(secret));
        }
    }

    @Test
    void a_sealed_vault_leaves_the_tool_degraded_with_the_reason_and_the_next_reconcile_recovers() {
        String team = unique("sealed");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Sealed team'}".formatted(team)));
        api.put("/tenants/%s/modules/jupyterhub".formatted(team), json("{'enabled': true}"));
        VAULT.seal();
        try {
            var reconcile = api.post("/clusters/local/reconcile", "");
            assertThat(reconcile.body().path("problems").toString()).contains("sealed");
            var install = api.get("/tenants/%s/modules/jupyterhub".formatted(team));
            assertThat(install.text("phase")).isEqualTo("DEGRADED");
            assertThat(install.text("message")).contains("sealed");
            assertThat(api.get("/clusters/local").body().path("sync").path("state").asString()).isEqualTo("FAILED");
        } finally {
            VAULT.unseal();
        }
        api.post("/clusters/local/reconcile", "");
        assertThat(api.get("/tenants/%s/modules/jupyterhub".formatted(team)).text("phase")).isNotEqualTo("DEGRADED");
        assertThat(VAULT.stored("identity/oidc/client/nova-%s.jupyterhub".formatted(team))).isPresent();
    }

    @Test
    void suspending_a_tenant_revokes_its_tools_vault_roles_and_resuming_restores_them() {
        String team = unique("paused");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Paused team'}".formatted(team)));
        api.put("/tenants/%s/modules/jupyterhub".formatted(team), json("{'enabled': true}"));
        api.post("/clusters/local/reconcile", "");
        String role = "auth/kubernetes/role/nova-%s.jupyterhub".formatted(team);
        assertThat(VAULT.stored(role).orElseThrow()).containsEntry("bound_service_account_names", List.of("hub"));

        api.put("/tenants/" + team, json("{'displayName': 'Paused team', 'state': 'SUSPENDED'}"));
        api.post("/clusters/local/reconcile", "");
        assertThat(VAULT.stored(role)).as("its pods can no longer log in to Vault").isEmpty();
        assertThat(VAULT.stored("identity/oidc/client/nova-%s.jupyterhub".formatted(team))).isPresent();
        assertThat(VAULT.stored("nova/data/tenants/%s/oidc/jupyterhub".formatted(team))).isPresent();

        api.put("/tenants/" + team, json("{'displayName': 'Paused team', 'state': 'ACTIVE'}"));
        api.post("/clusters/local/reconcile", "");
        assertThat(VAULT.stored(role)).isPresent();
    }

    @Test
    void switching_a_tool_off_and_deleting_the_tenant_remove_its_clients_and_secrets() {
        String team = unique("gone");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Gone team'}".formatted(team)));
        api.put("/tenants/%s/modules/jupyterhub".formatted(team), json("{'enabled': true}"));
        api.put("/tenants/%s/modules/mlflow".formatted(team), json("{'enabled': true, 'enableDependencies': true}"));
        api.post("/clusters/local/reconcile", "");
        assertThat(VAULT.stored("identity/oidc/client/nova-%s.jupyterhub".formatted(team))).isPresent();
        assertThat(VAULT.stored("auth/kubernetes/role/nova-%s.jupyterhub".formatted(team))).isPresent();

        api.put("/tenants/%s/modules/jupyterhub".formatted(team), json("{'enabled': false}"));
        api.post("/clusters/local/reconcile", "");
        assertThat(VAULT.stored("identity/oidc/client/nova-%s.jupyterhub".formatted(team))).isEmpty();
        assertThat(VAULT.stored("nova/data/tenants/%s/oidc/jupyterhub".formatted(team))).isEmpty();
        assertThat(VAULT.stored("auth/kubernetes/role/nova-%s.jupyterhub".formatted(team))).isEmpty();
        assertThat(VAULT.stored("sys/policies/acl/nova-tenant-%s.jupyterhub".formatted(team))).isEmpty();
        assertThat(VAULT.stored("auth/kubernetes/role/nova-%s.mlflow".formatted(team))).isPresent();

        // switched off without a reconcile: the tenant's removal is what deletes these roles and policies
        for (String module : List.of("mlflow", "minio")) {
            var off = api.put("/tenants/%s/modules/%s".formatted(team, module), json("{'enabled': false}"));
            assertThat(off.status()).as(off.toString()).isEqualTo(200);
        }
        assertThat(api.delete("/tenants/" + team).status()).isEqualTo(204);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(VAULT.stored("sys/policies/acl/nova-tenant-%s.mlflow".formatted(team))).isEmpty();
            assertThat(VAULT.stored("auth/kubernetes/role/nova-%s.mlflow".formatted(team))).isEmpty();
            assertThat(VAULT.stored("auth/kubernetes/role/nova-%s.minio".formatted(team))).isEmpty();
        });
    }

    @Test
    void the_platforms_admins_and_viewers_log_in_to_grafana_through_a_client_of_the_cluster(CapturedOutput output)
            throws Exception {
        var on = api.put("/cluster-modules/local/kube-prometheus-stack", json("{'enabled': true}"));
        assertThat(on.status()).as(on.toString()).isIn(200, 201);
        var reconcile = api.post("/clusters/local/reconcile", "");
        assertThat(reconcile.status()).as(reconcile.toString()).isEqualTo(200);
        assertThat(reconcile.body().path("problems").toString()).doesNotContain("kube-prometheus-stack");

        String client = "nova-cluster_local.kube-prometheus-stack";
        Map<String, Object> stored = VAULT.stored("identity/oidc/client/" + client).orElseThrow();
        assertThat(stored.get("redirect_uris")).isEqualTo(List.of("https://grafana-local.nova.localhost/login/generic_oauth"));
        assertThat(stored.get("assignments")).isEqualTo(List.of("nova-cluster_local"));
        String admins = (String) VAULT.stored("identity/group/name/platform-admins").orElseThrow().get("id");
        String viewers = (String) VAULT.stored("identity/group/name/platform-viewers").orElseThrow().get("id");
        assertThat(VAULT.stored("identity/oidc/assignment/nova-cluster_local").orElseThrow().get("group_ids"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder(admins, viewers);
        assertThat(VAULT.stored("auth/kubernetes/role/" + client).orElseThrow())
                .containsEntry("bound_service_account_names", List.of("nova-secret-store"))
                .containsEntry("bound_service_account_namespaces", List.of("monitoring"));
        String external = Files.readString(gitFile("externalsecret-nova-oidc-kube-prometheus-stack.yaml"));
        assertThat(external).contains("namespace: monitoring", "key: clusters/local/oidc/kube-prometheus-stack",
                "property: client_secret");
        assertThat(Files.readString(gitFile("helmrelease-kube-prometheus-stack.yaml")))
                .contains("auth.generic_oauth:", "https://vault.example.com/ui/identity/oidc/provider/nova/authorize",
                        "contains(groups[*], 'platform-admins') && 'Admin'", "name: nova-oidc-kube-prometheus-stack");
        String status = api.get("/cluster-modules/local/kube-prometheus-stack").raw().body();
        for (String secret : VAULT.allSecretValues()) {
            assertThat(repositoryText()).doesNotContain(secret);
            assertThat(output.getAll()).doesNotContain(secret);
            assertThat(status).doesNotContain(secret);
        }

        api.put("/cluster-modules/local/kube-prometheus-stack", json("{'enabled': false}"));
        assertThat(api.post("/clusters/local/reconcile", "").status()).isEqualTo(200);
        assertThat(VAULT.stored("identity/oidc/client/" + client)).isEmpty();
        assertThat(VAULT.stored("nova/data/clusters/local/oidc/kube-prometheus-stack")).isEmpty();
        assertThat(VAULT.stored("auth/kubernetes/role/" + client)).isEmpty();
        assertThat(VAULT.stored("identity/oidc/assignment/nova-cluster_local")).isEmpty();
    }

    /** The one file of that name in the local cluster's GitOps folder. */
    private Path gitFile(String name) throws IOException {
        try (Stream<Path> files = Files.walk(DATA.resolve("gitops/clusters/local"))) {
            return files.filter(file -> file.getFileName().toString().equals(name)).reduce((a, b) -> {
                throw new AssertionError("two files named " + name + ": " + a + ", " + b);
            }).orElseThrow(() -> new AssertionError("no file " + name + " in the GitOps folder of cluster local"));
        }
    }

    private String repositoryText() throws IOException {
        var text = new StringBuilder();
        try (Stream<Path> files = Files.walk(DATA.resolve("gitops"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return text.toString();
    }
}
