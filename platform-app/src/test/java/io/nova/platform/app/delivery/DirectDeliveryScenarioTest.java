package io.nova.platform.app.delivery;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.nova.platform.app.support.ApiTest;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.k8s.reconcile.KubernetesClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Direct delivery from a REST change to objects in the "cluster" and status back. The API server is the fabric8
 * CRUD mock ({@link MockKubernetesCluster}); PostgreSQL and HTTP are real.
 */
@Import(DirectDeliveryScenarioTest.MockClusterConfiguration.class)
class DirectDeliveryScenarioTest extends ApiTest {

    static final MockKubernetesCluster CLUSTER = new MockKubernetesCluster();
    private static final ResourceDefinitionContext HELM_RELEASES = new ResourceDefinitionContext.Builder()
            .withGroup("helm.toolkit.fluxcd.io").withVersion("v2").withKind("HelmRelease")
            .withPlural("helmreleases").withNamespaced(true).build();

    @TestConfiguration
    static class MockClusterConfiguration {
        @Bean
        @Primary
        KubernetesClients mockKubernetesClients() {
            return (ClusterView cluster) -> CLUSTER.client();
        }
    }

    private String cluster;
    private String team;

    @BeforeEach
    void directCluster() throws InterruptedException {
        // One API server, a new platform cluster per test: the cluster-wide tenant roles the previous test's cluster
        // owns go, as when that cluster is deregistered (a second cluster would be refused them, rightly).
        CLUSTER.client().rbac().clusterRoles().withLabel("app.kubernetes.io/managed-by", "nova-platform").delete();
        CLUSTER.client().rbac().clusterRoleBindings().withLabel("app.kubernetes.io/managed-by", "nova-platform")
                .delete();
        for (String kind : List.of("ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding")) {
            CLUSTER.client().genericKubernetesResources("admissionregistration.k8s.io/v1", kind)
                    .withLabel("app.kubernetes.io/managed-by", "nova-platform").delete();
        }
        cluster = unique("direct");
        team = unique("team");
        api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'DIRECT', 'apiServer': 'https://kubernetes.invalid:6443'}"
                .formatted(cluster)));
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Team', 'cluster': '%s', 'quota': {'cpu': '8'}}"
                .formatted(team, cluster)));
        CLUSTER.writes();
    }

    private GenericKubernetesResource release(String name) {
        return CLUSTER.client().genericKubernetesResources(HELM_RELEASES).inNamespace("nova-" + team).withName(name)
                .get();
    }

    @Test
    void a_module_switched_on_over_rest_becomes_a_helm_release_and_its_ready_condition_flows_back() throws Exception {
        api.put("/tenants/%s/modules/jupyterhub".formatted(team), json("{'enabled': true}"));
        var first = api.post("/clusters/%s/reconcile".formatted(cluster), "");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.body().path("problems").size()).isZero();
        assertThat(CLUSTER.client().namespaces().withName("nova-" + team).get()).isNotNull();
        assertThat(release("jupyterhub")).isNotNull();
        assertThat(CLUSTER.client().resourceQuotas().inNamespace("nova-" + team).withName("nova-quota").get()
                .getSpec().getHard().get("requests.cpu").toString()).isEqualTo("8");
        assertThat(api.get("/tenants/%s/modules/jupyterhub".formatted(team)).text("phase")).isEqualTo("RECONCILING");
        CLUSTER.writes();

        api.post("/clusters/%s/reconcile".formatted(cluster), ""); // records what the first one observed
        CLUSTER.writes();
        var again = new java.util.concurrent.atomic.AtomicReference<io.nova.platform.app.support.Api.Response>();
        var sql = io.nova.platform.app.support.SqlWrites.during(() ->
                again.set(api.post("/clusters/%s/reconcile".formatted(cluster), "")));
        assertThat(again.get().body().path("changes").size()).isZero();
        assertThat(CLUSTER.writes()).as("a reconcile with no change writes nothing to Kubernetes").isEmpty();
        assertThat(sql).as("nor to PostgreSQL").isEmpty();

        GenericKubernetesResource release = release("jupyterhub");
        release.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of("type", "Ready",
                "status", "True", "reason", "InstallSucceeded", "message", "Helm install succeeded"))));
        CLUSTER.client().genericKubernetesResources(HELM_RELEASES).inNamespace("nova-" + team).resource(release)
                .updateStatus();
        CLUSTER.writes();
        api.post("/clusters/%s/reconcile".formatted(cluster), "");
        var install = api.get("/tenants/%s/modules/jupyterhub".formatted(team));
        assertThat(install.text("phase")).isEqualTo("READY");
        assertThat(install.text("message")).contains("InstallSucceeded");
        assertThat(api.get("/clusters/" + cluster).body().path("sync").path("state").asString()).isEqualTo("SYNCED");
    }

    @Test
    void changing_one_quota_writes_exactly_the_resource_quota() throws Exception {
        api.post("/clusters/%s/reconcile".formatted(cluster), "");
        CLUSTER.writes();
        api.put("/tenants/" + team, json("{'displayName': 'Team', 'quota': {'cpu': '12'}}"));
        var result = api.post("/clusters/%s/reconcile".formatted(cluster), "");
        assertThat(result.body().path("changes").size()).isEqualTo(1);
        assertThat(result.body().path("changes").get(0).path("id").asString())
                .isEqualTo("ResourceQuota nova-%s/nova-quota".formatted(team));
        assertThat(CLUSTER.writes()).hasSize(1).first().asString().startsWith("PUT ").contains("resourcequotas");
    }

    @Test
    void switching_a_module_off_prunes_its_release_and_drift_is_corrected() throws Exception {
        api.put("/tenants/%s/modules/jupyterhub".formatted(team), json("{'enabled': true}"));
        api.post("/clusters/%s/reconcile".formatted(cluster), "");

        var drifted = CLUSTER.client().resourceQuotas().inNamespace("nova-" + team).withName("nova-quota").get();
        drifted.getSpec().getHard().put("requests.cpu", new io.fabric8.kubernetes.api.model.Quantity("999"));
        CLUSTER.client().resource(drifted).update();
        var plan = api.get("/clusters/%s/plan".formatted(cluster));
        assertThat(plan.body().path("changes").toString()).contains("ResourceQuota").contains("999");
        api.post("/clusters/%s/reconcile".formatted(cluster), "");
        assertThat(CLUSTER.client().resourceQuotas().inNamespace("nova-" + team).withName("nova-quota").get()
                .getSpec().getHard().get("requests.cpu").toString()).isEqualTo("8");
        assertThat(api.get("/clusters/" + cluster).body().path("sync").path("message").asString())
                .startsWith("Drift corrected: ").contains("1 changed");

        api.put("/tenants/%s/modules/jupyterhub".formatted(team), json("{'enabled': false}"));
        var pruned = api.post("/clusters/%s/reconcile".formatted(cluster), "");
        assertThat(pruned.body().path("changes").toString()).contains("DELETE");
        assertThat(release("jupyterhub")).isNull();
        assertThat(api.get("/tenants/%s/modules/jupyterhub".formatted(team)).text("phase")).isEqualTo("READY");
    }

    @Test
    void an_object_someone_else_owns_is_left_alone_and_reported() {
        var foreign = new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("nova-" + team).endMetadata().build();
        CLUSTER.client().resource(foreign).create();
        var result = api.post("/clusters/%s/reconcile".formatted(cluster), "");
        assertThat(result.body().path("problems").toString()).contains("not managed by nova-platform");
        assertThat(api.get("/clusters/" + cluster).body().path("sync").path("state").asString()).isEqualTo("FAILED");
        var labels = CLUSTER.client().namespaces().withName("nova-" + team).get().getMetadata().getLabels();
        assertThat(labels == null ? Map.of() : labels).doesNotContainKey("app.kubernetes.io/managed-by");
    }

    @Test
    void the_operator_reports_the_module_status_on_the_tenants_mlcluster() throws Exception {
        api.put("/tenants/%s/modules/jupyterhub".formatted(team), json("{'enabled': true}"));
        api.post("/clusters/%s/reconcile".formatted(cluster), "");
        GenericKubernetesResource release = release("jupyterhub");
        release.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of("type", "Ready",
                "status", "True", "reason", "InstallSucceeded", "message", "Helm install succeeded",
                "lastTransitionTime", "2026-11-29T00:00:00Z"))));
        CLUSTER.client().genericKubernetesResources(HELM_RELEASES).inNamespace("nova-" + team).resource(release)
                .updateStatus();

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            var mlCluster = CLUSTER.client().resources(io.nova.platform.k8s.crd.MLCluster.class)
                    .inNamespace("nova-" + team).withName(team).get();
            assertThat(mlCluster.getStatus()).isNotNull();
            assertThat(mlCluster.getStatus().getModules().get("jupyterhub").phase()).isEqualTo("READY");
            assertThat(mlCluster.getStatus().getConditions()).anyMatch(c -> c.type().equals("Ready")
                    && c.status().equals("True"));
        });
    }

    @Test
    void a_served_model_becomes_a_ray_service_and_its_ready_status_and_endpoint_flow_back() {
        String pool = unique("t4");
        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': '%s', 'gpuModel': 'T4', 'nodeCount': 2, 'gpusPerNode': 1,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(pool, cluster)));
        api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("{'guaranteed': 2, 'limit': 2}"));
        // KubeRay and KServe are cluster components that tenants use
        api.put("/cluster-modules/%s/kuberay-operator".formatted(cluster), json("{'enabled': true}"));
        api.put("/tenants/%s/modules/kuberay".formatted(team), json("{'enabled': true}"));
        var created = api.post("/tenants/%s/model-deployments".formatted(team), json("""
                {'name': 'qwen', 'model': 'Qwen/Qwen2.5-7B-Instruct', 'precision': 'FP16', 'pool': '%s',
                 'engine': 'VLLM_KUBERAY'}""".formatted(pool)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        api.post("/clusters/%s/reconcile".formatted(cluster), "");
        var rayServices = new ResourceDefinitionContext.Builder().withGroup("ray.io").withVersion("v1")
                .withKind("RayService").withPlural("rayservices").withNamespaced(true).build();
        GenericKubernetesResource service = CLUSTER.client().genericKubernetesResources(rayServices)
                .inNamespace("nova-" + team).withName("qwen").get();
        assertThat(service).as("the RayService reached the cluster").isNotNull();
        assertThat(api.get("/tenants/%s/model-deployments/qwen".formatted(team)).text("phase"))
                .isEqualTo("RECONCILING");

        service.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of("type", "Ready",
                "status", "True", "reason", "RayServiceReady", "message", "Serve applications are running"))));
        CLUSTER.client().genericKubernetesResources(rayServices).inNamespace("nova-" + team).resource(service)
                .updateStatus();
        api.post("/clusters/%s/reconcile".formatted(cluster), "");

        var deployment = api.get("/tenants/%s/model-deployments/qwen".formatted(team));
        assertThat(deployment.text("phase")).isEqualTo("READY");
        assertThat(deployment.text("message")).contains("Serve applications are running");
        assertThat(deployment.text("endpointUrl")).contains("qwen");
    }
}
