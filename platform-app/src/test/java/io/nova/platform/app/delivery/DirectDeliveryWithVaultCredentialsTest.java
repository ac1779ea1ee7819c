package io.nova.platform.app.delivery;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.nova.platform.app.support.ApiTest;
import io.nova.platform.app.support.VaultTokens;
import io.nova.platform.vault.testing.VaultApiTestDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A DIRECT cluster whose kubeconfig is kept in Vault ({@code credentialsRef}): the platform reads it at every
 * reconcile with only its shipped policy and reaches the cluster with it. Vault is the {@link VaultApiTestDouble},
 * the cluster's API server the fabric8 CRUD mock ({@link MockKubernetesCluster}); the platform's own Kubernetes
 * client code is the production one. PostgreSQL and HTTP are real.
 */
class DirectDeliveryWithVaultCredentialsTest extends ApiTest {

    static final VaultApiTestDouble VAULT = VaultApiTestDouble.start();
    static final MockKubernetesCluster CLUSTER = new MockKubernetesCluster();
    private static final String TOKEN = "mock-cluster-token-4f1c";

    @DynamicPropertySource
    static void vault(DynamicPropertyRegistry registry) {
        // Kubernetes auth on, as every StarVault the platform provisions tools in has it
        VaultTokens.register(registry, VAULT);
        registry.add("nova.reconcile.operators", () -> "false");
    }

    @AfterAll
    static void stopVault() {
        VAULT.close();
    }

    @Test
    void the_kubeconfig_comes_from_vault_at_every_reconcile_and_never_leaves_the_platform() throws Exception {
        String cluster = unique("vaulted");
        String team = unique("team");
        storeKubeconfig(cluster, CLUSTER.client().getMasterUrl().toString());
        api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'DIRECT', 'credentialsRef': 'nova/clusters/%s'}"
                .formatted(cluster, cluster)));
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Team', 'cluster': '%s'}".formatted(team, cluster)));

        var first = api.post("/clusters/%s/reconcile".formatted(cluster), "");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.body().path("problems").size()).isZero();
        assertThat(CLUSTER.client().namespaces().withName("nova-" + team).get()).isNotNull();
        assertThat(VAULT.requests()).contains("GET /v1/nova/data/clusters/" + cluster);

        // The credential is rotated in Vault to a cluster that cannot be reached: the next reconcile uses it.
        storeKubeconfig(cluster, "http://127.0.0.1:9");
        api.put("/tenants/%s".formatted(team), json("{'displayName': 'Team renamed', 'cluster': '%s'}"
                .formatted(cluster)), api.get("/tenants/" + team).header("ETag"));
        long started = System.nanoTime();
        var second = api.post("/clusters/%s/reconcile".formatted(cluster), "");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                .as("an unreachable cluster fails fast").isLessThan(java.time.Duration.ofSeconds(60));
        assertThat(second.raw().body()).doesNotContain(TOKEN);
        assertThat(api.get("/clusters/" + cluster).body().path("sync").path("state").asString())
                .as("the rotated kubeconfig was used, not a cached client").isEqualTo("FAILED");

        assertThat(api.get("/clusters/" + cluster).raw().body()).doesNotContain(TOKEN);
        assertThat(jdbc.queryForList("SELECT * FROM cluster WHERE name = ?", cluster).toString())
                .doesNotContain(TOKEN);
    }

    @Test
    void a_gitops_cluster_with_credentials_reports_what_flux_installed() throws Exception {
        String cluster = unique("fleet");
        String team = unique("team");
        java.nio.file.Path remote = java.nio.file.Files.createTempDirectory("fleet").resolve("fleet.git");
        GitCommandLine.run(remote.getParent(), "init", "-q", "--bare", "-b", "main", remote.toString());
        storeKubeconfig(cluster, CLUSTER.client().getMasterUrl().toString());
        api.post("/clusters", json(("{'name': '%s', 'deliveryMode': 'GITOPS', 'credentialsRef': 'nova/clusters/%s', "
                + "'gitops': {'url': '%s'}}").formatted(cluster, cluster, remote.toUri())));
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Team', 'cluster': '%s'}".formatted(team, cluster)));
        api.put("/tenants/%s/modules/jupyterhub".formatted(team), json("{'enabled': true}"));

        api.post("/clusters/%s/reconcile".formatted(cluster), "");
        assertThat(api.get("/tenants/%s/modules/jupyterhub".formatted(team)).text("phase"))
                .as("Flux has not installed it yet").isIn("PENDING", "RECONCILING");
        assertThat(CLUSTER.client().namespaces().withName("nova-" + team).get())
                .as("GitOps: the platform writes to Git, never to the cluster").isNull();

        // Flux applies the commit and reports the release ready; the next reconcile reads that back.
        var release = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                .withApiVersion("helm.toolkit.fluxcd.io/v2").withKind("HelmRelease")
                .withNewMetadata().withName("jupyterhub").withNamespace("nova-" + team).endMetadata().build();
        release.setAdditionalProperty("status", java.util.Map.of("conditions", java.util.List.of(java.util.Map.of(
                "type", "Ready", "status", "True", "reason", "InstallSucceeded",
                "message", "Helm install succeeded"))));
        CLUSTER.client().resource(release).create();
        api.post("/clusters/%s/reconcile".formatted(cluster), "");

        assertThat(api.get("/tenants/%s/modules/jupyterhub".formatted(team)).text("phase")).isEqualTo("READY");
    }

    @Test
    void a_reference_to_a_missing_secret_fails_the_reconcile_with_a_message_that_names_it() {
        String cluster = unique("missing");
        api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'DIRECT', 'credentialsRef': 'nova/clusters/%s'}"
                .formatted(cluster, cluster)));

        var reconcile = api.post("/clusters/%s/reconcile".formatted(cluster), "");

        assertThat(reconcile.status()).isEqualTo(502);
        assertThat(reconcile.text("detail")).contains("nova/clusters/" + cluster).contains("no secret");
        assertThat(api.get("/clusters/" + cluster).body().path("sync").path("state").asString()).isEqualTo("FAILED");
    }

    private static void storeKubeconfig(String cluster, String server) {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: target
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: nova
                  user:
                    token: %s
                contexts:
                - name: target
                  context:
                    cluster: target
                    user: nova
                current-context: target
                """.formatted(server, TOKEN);
        try {
            VaultTokens.rootCall(VAULT, "POST", "sys/mounts/nova", "{\"type\": \"kv\", \"options\": {\"version\": \"2\"}}");
        } catch (IllegalStateException alreadyMounted) {
            // the first call mounts it
        }
        VaultTokens.rootCall(VAULT, "POST", "nova/data/clusters/" + cluster, "{\"data\": {\"kubeconfig\": "
                + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(kubeconfig) + "}}");
    }
}
