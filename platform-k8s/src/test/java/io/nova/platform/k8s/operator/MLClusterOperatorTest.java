package io.nova.platform.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.nova.platform.k8s.crd.Condition;
import io.nova.platform.k8s.crd.MLCluster;
import io.nova.platform.k8s.crd.MLClusterSpec;
import io.nova.platform.k8s.crd.MLClusterStatus;
import io.nova.platform.k8s.crd.ModuleSpec;
import io.nova.platform.k8s.crd.ModuleStatus;
import io.nova.platform.k8s.direct.ApiRateLimiter;
import io.nova.platform.k8s.direct.ManagedKind;
import io.nova.platform.k8s.render.DesiredStates;
import io.nova.platform.k8s.render.Labels;
import io.nova.platform.k8s.render.RenderSettings;

/**
 * The MLCluster operator against an API server. The API server here is the fabric8 CRUD mock
 * ({@code kubernetes-server-mock} 8.0.0 with {@code crud = true}): it stores objects, filters by label selector,
 * bumps {@code metadata.generation} on spec changes, keeps the status subresource apart, answers watches (so the
 * informers work) and records every request, which is how writes are counted. The Flux and ml.nova.io kinds are made
 * known to it as in DirectDeliveryTest ({@link MockApi#registerKinds}). No Flux runs: where Flux would report on a
 * HelmRelease, the test writes the release's status itself.
 */
class MLClusterOperatorTest {

    private static final String CLUSTER = "lab";
    private static final String NAMESPACE = "team-a";
    private static final String OWNER = "mlc.team-a.lab";
    private static final Duration WAIT = Duration.ofSeconds(30);

    KubernetesMockServer server;
    KubernetesClient client;

    private MLClusterOperator operator;

    @BeforeEach
    void setUp() {
        server = MockApi.start();
        client = server.createClient();
        MockApi.registerKinds(server);
    }

    @AfterEach
    void tearDown() {
        if (operator != null) {
            operator.close();
        }
        // Close the watches before the mock server shuts down; it waits for open connections otherwise.
        client.close();
        MockApi.stop(server);
    }

    @Test
    void aHandMadeMLClusterWithJupyterHubGetsItsHelmRepositoryAndHelmRelease() {
        start(Duration.ofHours(1));

        create(mlCluster(false, Map.of("jupyterhub", new ModuleSpec(true, null, null, null))));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(get("HelmRepository", "jupyterhub")).isNotNull();
            assertThat(get("HelmRelease", "jupyterhub")).isNotNull();
        });
        GenericKubernetesResource release = get("HelmRelease", "jupyterhub");
        assertThat(release.getMetadata().getLabels()).containsEntry(Labels.MANAGED_BY, Labels.MANAGER)
                .containsEntry(Labels.CLUSTER, OWNER).containsEntry(Labels.TENANT, "team-a")
                .containsEntry(Labels.MODULE, "jupyterhub");
        assertThat(release.getMetadata().getAnnotations())
                .containsEntry(MLClusterOperator.MLCLUSTER_ANNOTATION, "team-a/lab");
        assertThat(spec(release)).containsEntry("releaseName", "jupyterhub");
        // and Flux has not reported yet, which the status says
        await().atMost(WAIT).untilAsserted(() -> {
            MLClusterStatus status = mlCluster().getStatus();
            assertThat(status).isNotNull();
            assertThat(status.getModules().get("jupyterhub").phase()).isEqualTo("RECONCILING");
            assertThat(condition(status, Condition.READY).status()).isEqualTo("False");
            assertThat(condition(status, Condition.RECONCILING).status()).isEqualTo("True");
        });
    }

    @Test
    void switchingAModuleOffDeletesItsSourceAndRelease() {
        start(Duration.ofHours(1));
        create(mlCluster(false, Map.of("jupyterhub", new ModuleSpec(true, null, null, null),
                "code-server", new ModuleSpec(true, null, null, null))));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(get("HelmRelease", "jupyterhub")).isNotNull();
            assertThat(get("HelmRelease", "code-server")).isNotNull();
        });

        MockApi.retryOnConflict(() -> client.resources(MLCluster.class).inNamespace(NAMESPACE).withName("lab")
                .edit(mlc -> {
                    var modules = new TreeMap<>(mlc.getSpec().getModules());
                    modules.put("jupyterhub", new ModuleSpec(false, null, null, null));
                    mlc.getSpec().setModules(modules);
                    return mlc;
                }));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(get("HelmRelease", "jupyterhub")).isNull();
            assertThat(get("HelmRepository", "jupyterhub")).isNull();
        });
        assertThat(get("HelmRelease", "code-server")).isNotNull();
        assertThat(get("HelmRepository", "code-server")).isNotNull();
        await().atMost(WAIT).untilAsserted(() -> assertThat(mlCluster().getStatus().getModules().get("jupyterhub"))
                .isEqualTo(new ModuleStatus("READY", "Switched off", "4.4.0", "https://jupyter-team-a.example.com")));
    }

    @Test
    void deletingAHandMadeMLClusterPrunesEverythingItOwned() {
        start(Duration.ofHours(1));
        create(mlCluster(false, Map.of("jupyterhub", new ModuleSpec(true, null, null, null),
                "minio", new ModuleSpec(true, null, null, null))));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(get("HelmRelease", "jupyterhub")).isNotNull();
            assertThat(get("HelmRepository", "minio")).isNotNull();
            assertThat(get("HelmRelease", "minio")).isNotNull();
        });

        client.resources(MLCluster.class).inNamespace(NAMESPACE).withName("lab").delete();

        await().atMost(WAIT).untilAsserted(() -> {
            for (String kind : List.of("HelmRepository", "OCIRepository", "HelmRelease")) {
                assertThat(client.genericKubernetesResources(kind(kind).context()).inAnyNamespace()
                        .withLabel(Labels.CLUSTER, OWNER).list().getItems()).as(kind).isEmpty();
            }
        });
    }

    @Test
    void theChildrenOfAnMLClusterDeletedWhileNoOperatorRanArePrunedWhenOneStarts() {
        // What an earlier operator left behind for MLCluster "lab", deleted while no operator ran.
        for (String kind : List.of("HelmRepository", "HelmRelease")) {
            var orphan = new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
            orphan.setApiVersion(kind.equals("HelmRelease") ? "helm.toolkit.fluxcd.io/v2" : "source.toolkit.fluxcd.io/v1");
            orphan.setKind(kind);
            orphan.setMetadata(new ObjectMetaBuilder().withName("code-server").withNamespace(NAMESPACE)
                    .addToLabels(Labels.MANAGED_BY, Labels.MANAGER)
                    .addToLabels(Labels.CLUSTER, MLClusterOperator.ownerOf(NAMESPACE, "lab"))
                    .addToAnnotations(MLClusterOperator.MLCLUSTER_ANNOTATION, NAMESPACE + "/lab").build());
            orphan.setAdditionalProperty("spec", Map.of("interval", "10m"));
            client.genericKubernetesResources(orphan.getApiVersion(), kind).inNamespace(NAMESPACE).resource(orphan)
                    .create();
        }
        assertThat(get("HelmRelease", "code-server")).isNotNull();

        start(Duration.ofHours(1));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(get("HelmRelease", "code-server")).isNull();
            assertThat(get("HelmRepository", "code-server")).isNull();
        });
    }

    @Test
    void aPlatformManagedMLClusterGetsNoChildrenFromTheOperatorOnlyAStatus() throws Exception {
        start(Duration.ofHours(1));
        MockApi.requests(server);

        create(mlCluster(true, Map.of("jupyterhub", new ModuleSpec(true, "4.4.0", null, "VAULT_AGENT"))));

        await().atMost(WAIT).untilAsserted(() -> {
            MLClusterStatus status = mlCluster().getStatus();
            assertThat(status).isNotNull();
            assertThat(status.getModules().get("jupyterhub")).isEqualTo(new ModuleStatus("RECONCILING",
                    "Waiting for its HelmRelease to be created", "4.4.0", "https://jupyter-team-a.example.com"));
        });
        List<RecordedRequest> writes = MockApi.writes(server);
        assertThat(writes).extracting(RecordedRequest::getPath)
                .noneMatch(path -> path.contains("fluxcd.io"))
                .contains("/apis/ml.nova.io/v1alpha1/namespaces/team-a/mlclusters/lab/status");
        assertThat(get("HelmRelease", "jupyterhub")).isNull();
        assertThat(get("HelmRepository", "jupyterhub")).isNull();
    }

    @Test
    void aHelmReleaseThatBecomesReadyMakesTheModuleReadyAndTheMLClusterReady() {
        start(Duration.ofHours(1));
        create(mlCluster(true, Map.of("jupyterhub", new ModuleSpec(true, "4.4.0", null, null))));
        createPlatformRelease("jupyterhub");
        await().atMost(WAIT).untilAsserted(() -> assertThat(mlCluster().getStatus()).isNotNull());
        MLClusterStatus before = mlCluster().getStatus();
        assertThat(condition(before, Condition.READY).status()).isEqualTo("False");

        setReleaseStatus("jupyterhub", "True", "InstallSucceeded", "Helm install succeeded", "4.4.0");

        await().atMost(WAIT).untilAsserted(() -> {
            MLCluster mlCluster = mlCluster();
            MLClusterStatus status = mlCluster.getStatus();
            assertThat(status.getModules().get("jupyterhub")).isEqualTo(new ModuleStatus("READY",
                    "InstallSucceeded: Helm install succeeded", "4.4.0", "https://jupyter-team-a.example.com"));
            Condition ready = condition(status, Condition.READY);
            assertThat(ready.status()).isEqualTo("True");
            assertThat(ready.reason()).isEqualTo("AllModulesReady");
            assertThat(ready.observedGeneration()).isEqualTo(mlCluster.getMetadata().getGeneration());
            assertThat(condition(status, Condition.RECONCILING).status()).isEqualTo("False");
            assertThat(status.getObservedGeneration()).isEqualTo(mlCluster.getMetadata().getGeneration());
        });
        MLCluster after = mlCluster();
        assertThat(after.getMetadata().getGeneration()).as("status writes do not bump the generation").isEqualTo(1L);
        assertThat(condition(after.getStatus(), Condition.DEGRADED).lastTransitionTime())
                .as("a condition that did not flip keeps its time")
                .isEqualTo(condition(before, Condition.DEGRADED).lastTransitionTime());
    }

    @Test
    void statusWritesStopWhenNothingChanges() throws Exception {
        start(Duration.ofSeconds(1)); // every MLCluster is handed in again every second (fabric8's shortest resync)
        create(mlCluster(true, Map.of("jupyterhub", new ModuleSpec(true, "4.4.0", null, null))));
        createPlatformRelease("jupyterhub");
        setReleaseStatus("jupyterhub", "True", "InstallSucceeded", "Helm install succeeded", "4.4.0");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(condition(mlCluster().getStatus(), Condition.READY).status()).isEqualTo("True"));
        Thread.sleep(300);
        MockApi.requests(server);

        // a release status change that does not change the module's state, and resyncs all along
        GenericKubernetesResource release = get("HelmRelease", "jupyterhub");
        @SuppressWarnings("unchecked")
        var status = new LinkedHashMap<>((Map<String, Object>) release.getAdditionalProperties().get("status"));
        status.put("lastHandledReconcileAt", "2026-11-29T10:00:00Z");
        release.setAdditionalProperty("status", status);
        client.genericKubernetesResources(kind("HelmRelease").context()).inNamespace(NAMESPACE).resource(release)
                .updateStatus();
        Thread.sleep(1500);

        assertThat(statusWrites(MockApi.requests(server))).as("no change, no status write").isEmpty();

        setReleaseStatus("jupyterhub", "False", "UpgradeFailed", "Helm upgrade failed", "4.4.0");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(mlCluster().getStatus().getModules().get("jupyterhub").phase()).isEqualTo("FAILED"));
        Thread.sleep(1500);

        assertThat(statusWrites(MockApi.requests(server))).as("one change, one status write").hasSize(1);
        MLClusterStatus failed = mlCluster().getStatus();
        assertThat(condition(failed, Condition.DEGRADED).status()).isEqualTo("True");
        assertThat(condition(failed, Condition.DEGRADED).reason()).isEqualTo("ReleaseFailed");
    }

    @Test
    void anMLClusterWithAnUnknownModuleIsDegradedWhileItsOtherModulesAreStillDelivered() {
        start(Duration.ofHours(1));

        create(mlCluster(false, Map.of("jupyterhub", new ModuleSpec(true, null, null, null),
                "jupyterhbu", new ModuleSpec(true, null, null, null))));

        await().atMost(WAIT).untilAsserted(() -> {
            MLClusterStatus status = mlCluster().getStatus();
            assertThat(status).isNotNull();
            Condition degraded = condition(status, Condition.DEGRADED);
            assertThat(degraded.status()).isEqualTo("True");
            assertThat(degraded.reason()).isEqualTo("UnknownModule");
            assertThat(degraded.message()).startsWith("Unknown module 'jupyterhbu'; the catalog has jupyterhub");
            assertThat(condition(status, Condition.READY).status()).isEqualTo("False");
            assertThat(status.getModules().get("jupyterhbu").phase()).isEqualTo("FAILED");
        });
        assertThat(get("HelmRelease", "jupyterhub")).isNotNull();
        assertThat(get("HelmRelease", "jupyterhbu")).isNull();
    }

    @Test
    void aHandMadeMLClusterNeverTouchesThePlatformsOwnReleaseOfTheSameName() {
        start(Duration.ofHours(1));
        createPlatformRelease("jupyterhub");
        GenericKubernetesResource platformRelease = get("HelmRelease", "jupyterhub");

        create(mlCluster(false, Map.of("jupyterhub", new ModuleSpec(true, "4.3.5", null, null))));

        await().atMost(WAIT).untilAsserted(() -> {
            MLClusterStatus status = mlCluster().getStatus();
            assertThat(status).isNotNull();
            assertThat(status.getModules().get("jupyterhub").phase()).isEqualTo("FAILED");
            assertThat(status.getModules().get("jupyterhub").message())
                    .startsWith("HelmRelease team-a/jupyterhub: is managed by nova-platform for cluster 'lab'");
            assertThat(condition(status, Condition.DEGRADED).reason()).isEqualTo("DeliveryFailed");
        });
        GenericKubernetesResource after = get("HelmRelease", "jupyterhub");
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(platformRelease.getMetadata().getResourceVersion());
        assertThat(after.getMetadata().getLabels()).containsEntry(Labels.CLUSTER, CLUSTER);
    }

    // --- fixtures ---------------------------------------------------------------------------------------------------

    private void start(Duration resync) {
        var settings = new OperatorSettings(RenderSettings.defaults(), "example.com", resync, 2,
                Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMillis(200));
        operator = new MLClusterOperator(client, CLUSTER, DesiredStates.MODULES, settings, new ApiRateLimiter())
                .start();
        await().atMost(WAIT).until(operator::hasSynced);
    }

    private static MLCluster mlCluster(boolean managed, Map<String, ModuleSpec> modules) {
        var mlCluster = new MLCluster();
        var metadata = new ObjectMetaBuilder().withName("lab").withNamespace(NAMESPACE);
        if (managed) {
            metadata.withLabels(Labels.tenant(CLUSTER, "team-a"));
        }
        mlCluster.setMetadata(metadata.build());
        mlCluster.setSpec(new MLClusterSpec("team-a", "Team A", modules));
        return mlCluster;
    }

    private void create(MLCluster mlCluster) {
        client.resource(mlCluster).create();
    }

    private MLCluster mlCluster() {
        return client.resources(MLCluster.class).inNamespace(NAMESPACE).withName("lab").get();
    }

    /** A HelmRelease as the platform's own delivery leaves it (its labels, cluster {@value #CLUSTER}). */
    private void createPlatformRelease(String module) {
        var release = new GenericKubernetesResource();
        release.setApiVersion("helm.toolkit.fluxcd.io/v2");
        release.setKind("HelmRelease");
        release.setMetadata(new ObjectMetaBuilder().withName(module).withNamespace(NAMESPACE)
                .withLabels(Labels.module(CLUSTER, "team-a", module)).build());
        release.setAdditionalProperty("spec", Map.of("interval", "10m", "releaseName", module));
        client.genericKubernetesResources(kind("HelmRelease").context()).inNamespace(NAMESPACE).resource(release)
                .create();
    }

    /** What Flux's helm-controller writes after acting on the release's current generation. */
    private void setReleaseStatus(String module, String ready, String reason, String message, String version) {
        GenericKubernetesResource release = get("HelmRelease", module);
        Long generation = release.getMetadata().getGeneration() == null ? 1L : release.getMetadata().getGeneration();
        var condition = new LinkedHashMap<String, Object>();
        condition.put("type", "Ready");
        condition.put("status", ready);
        condition.put("reason", reason);
        condition.put("message", message);
        condition.put("observedGeneration", generation);
        condition.put("lastTransitionTime", "2026-11-29T10:00:00Z");
        release.setAdditionalProperty("status", Map.of("observedGeneration", generation,
                "conditions", List.of(condition), "history", List.of(Map.of("chartVersion", version))));
        client.genericKubernetesResources(kind("HelmRelease").context()).inNamespace(NAMESPACE).resource(release)
                .updateStatus();
    }

    private GenericKubernetesResource get(String kind, String name) {
        return client.genericKubernetesResources(kind(kind).context()).inNamespace(NAMESPACE).withName(name).get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    private static ManagedKind kind(String kind) {
        return ManagedKind.DEFAULTS.stream().filter(k -> k.kind().equals(kind)).findFirst().orElseThrow();
    }

    private static Condition condition(MLClusterStatus status, String type) {
        assertThat(status).as("status").isNotNull();
        return status.getConditions().stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
    }

    private static List<RecordedRequest> statusWrites(List<RecordedRequest> requests) {
        return requests.stream().filter(r -> !"GET".equals(r.getMethod()))
                .filter(r -> r.getPath().startsWith("/apis/ml.nova.io/v1alpha1/namespaces/team-a/mlclusters/lab/status"))
                .toList();
    }
}
