package io.nova.platform.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.nova.platform.k8s.crd.ComponentSpec;
import io.nova.platform.k8s.crd.Condition;
import io.nova.platform.k8s.crd.GpuPoolSpec;
import io.nova.platform.k8s.crd.MLInfrastructure;
import io.nova.platform.k8s.crd.MLInfrastructureSpec;
import io.nova.platform.k8s.crd.MLInfrastructureStatus;
import io.nova.platform.k8s.crd.PoolStatus;
import io.nova.platform.k8s.direct.ApiRateLimiter;
import io.nova.platform.k8s.render.Labels;
import io.nova.platform.k8s.render.PoolPlacement;
import io.nova.platform.k8s.render.RenderSettings;

/**
 * The MLInfrastructure operator against an API server. The API server here is the fabric8 CRUD mock
 * ({@code kubernetes-server-mock} 8.0.0 with {@code crud = true}), with ml.nova.io and the GPU Operator's
 * ClusterPolicy made known to it ({@link MockApi#registerKinds}). It applies JSON Patches to Nodes (what the operator
 * writes them with), runs watches for the informers and records every request, which is how Node writes are
 * counted. No GPU Operator runs: the test writes the ClusterPolicy's {@code status.state} itself.
 */
class MLInfrastructureOperatorTest {

    private static final String PRODUCT = "nvidia.com/gpu.product";
    private static final Duration WAIT = Duration.ofSeconds(15);

    KubernetesMockServer server;
    KubernetesClient client;

    private MLInfrastructureOperator operator;

    @BeforeEach
    void setUp() {
        server = MockApi.start();
        client = server.createClient();
        MockApi.registerKinds(server);
        node("gpu-1", Map.of(PRODUCT, "Tesla-T4", "team", "vision"));
        node("gpu-2", Map.of(PRODUCT, "Tesla-T4"));
        node("a100-1", Map.of(PRODUCT, "NVIDIA-A100-SXM4-80GB"));
        // not in any pool, with a device-plugin label someone else set: never touched
        node("cpu-1", Map.of("kubernetes.io/os", "linux", Labels.DEVICE_PLUGIN_CONFIG, "manual"));
        var settings = new OperatorSettings(RenderSettings.defaults(), null, Duration.ofHours(1), 1,
                Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMillis(200));
        operator = new MLInfrastructureOperator(client, settings, new ApiRateLimiter()).start();
        await().atMost(WAIT).until(operator::hasSynced);
    }

    @AfterEach
    void tearDown() {
        operator.close();
        // Close the watches before the mock server shuts down; it waits for open connections otherwise.
        client.close();
        MockApi.stop(server);
    }

    @Test
    void matchingNodesAreLabelledOnceAndUnrelatedNodesAndLabelsAreLeftAlone() throws Exception {
        clusterPolicy("ready");
        MockApi.requests(server);

        client.resource(infrastructure(t4Pool(), a100Pool())).create();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(labels("gpu-1")).containsEntry(Labels.DEVICE_PLUGIN_CONFIG, "t4")
                    .containsEntry(MLInfrastructureOperator.POOL_LABEL, "t4");
            assertThat(labels("gpu-2")).containsEntry(Labels.DEVICE_PLUGIN_CONFIG, "t4");
            assertThat(labels("a100-1")).containsEntry(Labels.DEVICE_PLUGIN_CONFIG, "a100")
                    .containsEntry(Labels.MIG_CONFIG, "all-1g.10gb");
            assertThat(status()).isNotNull();
        });
        assertThat(labels("gpu-1")).containsEntry("team", "vision").containsEntry(PRODUCT, "Tesla-T4")
                .doesNotContainKey(Labels.MIG_CONFIG);
        assertThat(labels("cpu-1")).isEqualTo(Map.of("kubernetes.io/os", "linux", Labels.DEVICE_PLUGIN_CONFIG, "manual"));
        Thread.sleep(500);
        assertThat(nodeWrites(MockApi.requests(server))).extracting(RecordedRequest::getPath)
                .containsExactlyInAnyOrder("/api/v1/nodes/gpu-1", "/api/v1/nodes/gpu-2", "/api/v1/nodes/a100-1");

        // another T4 node joins: only it is written, the others are already right
        node("gpu-3", Map.of(PRODUCT, "Tesla-T4"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(labels("gpu-3")).containsEntry(Labels.DEVICE_PLUGIN_CONFIG, "t4");
            assertThat(status().getPools().get("t4").labelledNodes()).isEqualTo(3);
        });
        Thread.sleep(500);
        assertThat(nodeWrites(MockApi.requests(server))).extracting(RecordedRequest::getPath)
                .containsExactly("/api/v1/nodes/gpu-3");
        assertThat(labels("cpu-1")).doesNotContainKey(MLInfrastructureOperator.POOL_LABEL);
    }

    @Test
    void aNodeThatLeavesAllPoolsLosesOurLabelsButKeepsItsOwn() {
        clusterPolicy("ready");
        client.resource(infrastructure(t4Pool(), a100Pool())).create();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(labels("a100-1")).containsEntry(Labels.MIG_CONFIG, "all-1g.10gb"));

        MockApi.retryOnConflict(() -> client.resources(MLInfrastructure.class).withName("lab").edit(infrastructure -> {
            infrastructure.getSpec().setPools(List.of(t4Pool()));
            return infrastructure;
        }));

        await().atMost(WAIT).untilAsserted(() -> assertThat(labels("a100-1"))
                .isEqualTo(Map.of(PRODUCT, "NVIDIA-A100-SXM4-80GB")));
        assertThat(labels("gpu-1")).containsEntry(Labels.DEVICE_PLUGIN_CONFIG, "t4").containsEntry("team", "vision");
        assertThat(labels("cpu-1")).containsEntry(Labels.DEVICE_PLUGIN_CONFIG, "manual");
        await().atMost(WAIT).untilAsserted(() -> assertThat(status().getPools()).containsOnlyKeys("t4"));
    }

    @Test
    void theStatusReportsTheGpuOperatorStateFromItsClusterPolicyAndPerPoolCounts() {
        clusterPolicy("notReady");

        client.resource(infrastructure(t4Pool(), a100Pool())).create();

        await().atMost(WAIT).untilAsserted(() -> {
            MLInfrastructureStatus status = status();
            assertThat(status).isNotNull();
            assertThat(status.getGpuOperatorState()).isEqualTo("notReady");
            assertThat(condition(status, Condition.READY).status()).isEqualTo("False");
            assertThat(condition(status, Condition.READY).reason()).isEqualTo("GpuOperatorNotReady");
            assertThat(condition(status, Condition.RECONCILING).status()).isEqualTo("True");
            assertThat(status.getPools()).containsEntry("t4", new PoolStatus(2, "2 nodes labelled"))
                    .containsEntry("a100", new PoolStatus(1, "1 node labelled (expected 2)"));
        });

        clusterPolicy("ready"); // the GPU Operator converged; found by the next poll

        await().atMost(WAIT).untilAsserted(() -> {
            MLInfrastructure infrastructure = client.resources(MLInfrastructure.class).withName("lab").get();
            MLInfrastructureStatus status = infrastructure.getStatus();
            assertThat(status.getGpuOperatorState()).isEqualTo("ready");
            assertThat(condition(status, Condition.READY).status()).isEqualTo("True");
            assertThat(condition(status, Condition.RECONCILING).status()).isEqualTo("False");
            assertThat(condition(status, Condition.DEGRADED).status()).isEqualTo("False");
            assertThat(status.getObservedGeneration()).isEqualTo(infrastructure.getMetadata().getGeneration());
        });
        assertThat(client.resources(MLInfrastructure.class).withName("lab").get().getMetadata().getGeneration())
                .isEqualTo(1L);
    }

    // --- fixtures ---------------------------------------------------------------------------------------------------

    // --- pool taints (Kubernetes here is the fabric8 CRUD mock; it applies the operator's JSON Patches) ---------

    @Test
    void poolNodesAreTaintedForTheirPoolOnceAndOtherTaintsAndNodesAreLeftAlone() throws Exception {
        clusterPolicy("ready");
        taint("gpu-1", new Taint("NoSchedule", "dedicated", null, "vision"));
        taint("cpu-1", new Taint("NoSchedule", PoolPlacement.TAINT, null, "manual"));
        MockApi.requests(server);

        client.resource(infrastructure(t4Pool(), a100Pool())).create();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(taints("gpu-1")).containsExactly("dedicated=vision:NoSchedule", "ml.nova.io/pool=t4:NoSchedule");
            assertThat(taints("gpu-2")).containsExactly("ml.nova.io/pool=t4:NoSchedule");
            assertThat(taints("a100-1")).containsExactly("ml.nova.io/pool=a100:NoSchedule");
        });
        assertThat(taints("cpu-1")).as("not ours: no pool marker").containsExactly("ml.nova.io/pool=manual:NoSchedule");
        Thread.sleep(500);
        assertThat(nodeWrites(MockApi.requests(server))).as("labels and taint in one patch per node")
                .extracting(RecordedRequest::getPath)
                .containsExactlyInAnyOrder("/api/v1/nodes/gpu-1", "/api/v1/nodes/gpu-2", "/api/v1/nodes/a100-1");

        // nothing differs: a resync writes nothing
        operatorReconcilesAgain();
        Thread.sleep(500);
        assertThat(nodeWrites(MockApi.requests(server))).isEmpty();
    }

    @Test
    void aNodeThatLeavesItsPoolLosesOurTaintAndKeepsItsOthers() {
        clusterPolicy("ready");
        taint("a100-1", new Taint("NoExecute", "maintenance", null, "soon"));
        client.resource(infrastructure(t4Pool(), a100Pool())).create();
        await().atMost(WAIT).untilAsserted(() -> assertThat(taints("a100-1"))
                .containsExactly("maintenance=soon:NoExecute", "ml.nova.io/pool=a100:NoSchedule"));

        MockApi.retryOnConflict(() -> client.resources(MLInfrastructure.class).withName("lab").edit(infrastructure -> {
            infrastructure.getSpec().setPools(List.of(t4Pool()));
            return infrastructure;
        }));

        await().atMost(WAIT).untilAsserted(() -> assertThat(taints("a100-1"))
                .containsExactly("maintenance=soon:NoExecute"));
        assertThat(taints("gpu-1")).containsExactly("ml.nova.io/pool=t4:NoSchedule");
    }

    @Test
    void aPoolTaintSomeoneRemovedOrChangedIsPutBack() {
        clusterPolicy("ready");
        client.resource(infrastructure(t4Pool())).create();
        await().atMost(WAIT).untilAsserted(() -> assertThat(taints("gpu-2"))
                .containsExactly("ml.nova.io/pool=t4:NoSchedule"));

        client.nodes().withName("gpu-2").edit(node -> {
            node.getSpec().setTaints(List.of(new Taint("NoSchedule", PoolPlacement.TAINT, null, "a100")));
            return node;
        });

        await().atMost(WAIT).untilAsserted(() -> assertThat(taints("gpu-2"))
                .containsExactly("ml.nova.io/pool=t4:NoSchedule"));
    }

    /** A change the operator reacts to that touches no Node: its next reconcile compares every Node again. */
    private void operatorReconcilesAgain() {
        clusterPolicy("ready");
        MockApi.retryOnConflict(() -> client.resources(MLInfrastructure.class).withName("lab").edit(infrastructure -> {
            infrastructure.getMetadata().setAnnotations(Map.of("touched", "yes"));
            return infrastructure;
        }));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status()).isNotNull());
    }

    private void taint(String node, Taint taint) {
        client.nodes().withName(node).edit(n -> {
            var taints = new java.util.ArrayList<Taint>(n.getSpec() == null || n.getSpec().getTaints() == null
                    ? List.of() : n.getSpec().getTaints());
            taints.add(taint);
            if (n.getSpec() == null) {
                n.setSpec(new io.fabric8.kubernetes.api.model.NodeSpec());
            }
            n.getSpec().setTaints(taints);
            return n;
        });
    }

    /** {@code key=value:effect} of each taint, in order. */
    private List<String> taints(String node) {
        Node actual = client.nodes().withName(node).get();
        if (actual.getSpec() == null || actual.getSpec().getTaints() == null) {
            return List.of();
        }
        return actual.getSpec().getTaints().stream()
                .map(t -> t.getKey() + "=" + t.getValue() + ":" + t.getEffect()).toList();
    }

    private static GpuPoolSpec t4Pool() {
        return new GpuPoolSpec("t4", "T4", 2, 4, Map.of(PRODUCT, "Tesla-T4"), null, "t4", null, null);
    }

    private static GpuPoolSpec a100Pool() {
        return new GpuPoolSpec("a100", "A100-80GB", 2, 8, Map.of(PRODUCT, "NVIDIA-A100-SXM4-80GB"), null, "a100",
                "all-1g.10gb", null);
    }

    private static MLInfrastructure infrastructure(GpuPoolSpec... pools) {
        var infrastructure = new MLInfrastructure();
        infrastructure.setMetadata(new ObjectMetaBuilder().withName("lab").build());
        infrastructure.setSpec(new MLInfrastructureSpec("lab", new ComponentSpec(true, "v25.10.0", null),
                new ComponentSpec(true, null, null), null, List.of(pools)));
        return infrastructure;
    }

    private void node(String name, Map<String, String> labels) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .build()).create();
    }

    private Map<String, String> labels(String node) {
        Node actual = client.nodes().withName(node).get();
        return actual.getMetadata().getLabels();
    }

    /** Creates or replaces the ClusterPolicy with this state, as the GPU Operator reports it. */
    private void clusterPolicy(String state) {
        var policy = new GenericKubernetesResource();
        policy.setApiVersion("nvidia.com/v1");
        policy.setKind("ClusterPolicy");
        policy.setMetadata(new ObjectMetaBuilder().withName("cluster-policy").build());
        policy.setAdditionalProperty("spec", Map.of("operator", Map.of("defaultRuntime", "containerd")));
        policy.setAdditionalProperty("status", Map.of("state", state));
        var policies = client.genericKubernetesResources(MLInfrastructureOperator.CLUSTER_POLICIES);
        GenericKubernetesResource existing = policies.withName("cluster-policy").get();
        if (existing == null) {
            policies.resource(policy).create();
        } else {
            existing.setAdditionalProperty("status", Map.of("state", state));
            policies.resource(existing).update();
        }
    }

    private MLInfrastructureStatus status() {
        MLInfrastructure infrastructure = client.resources(MLInfrastructure.class).withName("lab").get();
        return infrastructure == null ? null : infrastructure.getStatus();
    }

    private static Condition condition(MLInfrastructureStatus status, String type) {
        return status.getConditions().stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
    }

    private static List<RecordedRequest> nodeWrites(List<RecordedRequest> requests) {
        return requests.stream().filter(r -> !"GET".equals(r.getMethod()))
                .filter(r -> r.getPath().startsWith("/api/v1/nodes/")).toList();
    }
}
