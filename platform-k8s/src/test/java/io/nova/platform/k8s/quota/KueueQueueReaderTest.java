package io.nova.platform.k8s.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.cluster.DeliveryMode;
import io.nova.platform.core.cluster.GitOpsTarget;
import io.nova.platform.core.quota.queue.ObservedQueue;
import io.nova.platform.core.quota.queue.PendingWorkload;
import io.nova.platform.core.quota.queue.QueueUsage;
import io.nova.platform.k8s.operator.MockApi;
import io.nova.platform.k8s.render.Labels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kueue's queues read back from a cluster. The API server is the fabric8 CRUD mock with Kueue's ClusterQueue and
 * Workload kinds made known to it; the test writes their status as Kueue would (fields as in the v1beta2 CRDs).
 */
class KueueQueueReaderTest {

    private static final ClusterView LAB = new ClusterView("lab", DeliveryMode.DIRECT, "https://lab:6443", null, null,
            null, 0, Instant.EPOCH, Instant.EPOCH);

    private KubernetesMockServer server;
    private KubernetesClient client;
    private KueueQueueReader reader;

    @BeforeEach
    void setUp() {
        server = MockApi.start();
        client = server.createClient();
        for (String[] kind : List.of(new String[] {"ClusterQueue", "clusterqueues", "Cluster"},
                new String[] {"Workload", "workloads", "Namespaced"})) {
            server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup("kueue.x-k8s.io")
                    .withVersion("v1beta2").withKind(kind[0]).withPlural(kind[1]).withScope(kind[2]).build());
        }
        reader = new KueueQueueReader(cluster -> client, Clock.systemUTC(), Duration.ZERO);
    }

    @AfterEach
    void tearDown() {
        client.close();
        MockApi.stop(server);
    }

    @Test
    void a_queue_reports_gpus_in_use_and_borrowed_per_pool_and_its_workload_counts() {
        clusterQueue("nova-vision", "lab", 3, 1, List.of(
                Map.of("name", "nova-default", "resources", List.of(Map.of("name", "cpu", "total", "12",
                        "borrowed", "0"))),
                Map.of("name", "nova-pool-t4", "resources", List.of(Map.of("name", "nvidia.com/gpu", "total", "6",
                        "borrowed", "2")))));
        clusterQueue("nova-elsewhere", "other-cluster", 9, 9, List.of());

        var observed = reader.observe(LAB, List.of());

        assertThat(observed.reachable()).isTrue();
        assertThat(observed.queues()).containsExactly(new ObservedQueue("nova-vision", 3, 1,
                List.of(new QueueUsage("t4", "nvidia.com/gpu", 6, 2)), List.of()));
    }

    @Test
    void a_waiting_workload_says_why_in_kueues_words_and_admitted_or_finished_ones_are_not_listed() {
        clusterQueue("nova-vision", "lab", 1, 1, List.of());
        workload("nova-vision", "raycluster-qwen-1a2b", "RayCluster", "qwen-raycluster-x7k2", List.of(
                condition("QuotaReserved", "False", "Pending", "couldn't assign flavors to pod set gpu: insufficient "
                        + "unused quota for nvidia.com/gpu in flavor nova-pool-t4, 2 more needed")));
        workload("nova-vision", "pod-jupyter-alice-9f8e", "Pod", "jupyter-alice", List.of(
                condition("QuotaReserved", "True", "QuotaReserved", "reserved"),
                condition("Admitted", "True", "Admitted", "admitted")));
        workload("nova-vision", "job-done-1", "Job", "done", List.of(
                condition("Finished", "True", "Succeeded", "done")));
        workload("nova-vision", "job-new-1", "Job", "new", List.of());

        var queue = reader.observe(LAB, List.of("nova-vision")).byNamespace().get("nova-vision");

        assertThat(queue.waiting()).extracting(PendingWorkload::name, PendingWorkload::owner,
                        PendingWorkload::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("raycluster-qwen-1a2b", "RayCluster qwen-raycluster-x7k2",
                                "Pending"),
                        org.assertj.core.groups.Tuple.tuple("job-new-1", "Job new", "Queued"));
        assertThat(queue.waiting()).filteredOn(w -> w.name().startsWith("raycluster")).singleElement()
                .extracting(PendingWorkload::message).asString().contains("insufficient unused quota for nvidia.com/gpu");
    }

    @Test
    void a_gitops_cluster_out_of_reach_says_where_to_look_instead() {
        var gitops = new ClusterView("edge", DeliveryMode.GITOPS, null, null,
                new GitOpsTarget("https://git.example.com/edge.git", "main", "clusters/edge"), null, 0,
                Instant.EPOCH, Instant.EPOCH);

        var observed = reader.observe(gitops, List.of());

        assertThat(observed.reachable()).isFalse();
        assertThat(observed.message()).contains("no access to cluster 'edge'", "kubectl get clusterqueues");
    }

    @Test
    void an_api_error_is_an_observation_that_failed_not_an_exception() {
        var nowhere = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("https://127.0.0.1:1")
                        .withRequestRetryBackoffLimit(0).build()).build();

        var observed = new KueueQueueReader(cluster -> nowhere, Clock.systemUTC(), Duration.ZERO)
                .observe(LAB, List.of());
        nowhere.close();

        assertThat(observed.reachable()).isFalse();
        assertThat(observed.message()).startsWith("Cannot read Kueue's queues of cluster 'lab'");
    }

    private void clusterQueue(String name, String cluster, long admitted, long pending,
                              List<Map<String, Object>> usage) {
        var queue = new GenericKubernetesResource();
        queue.setApiVersion("kueue.x-k8s.io/v1beta2");
        queue.setKind("ClusterQueue");
        queue.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(Labels.owned(cluster)).build());
        queue.setAdditionalProperty("spec", Map.of("cohortName", "nova-" + cluster));
        queue.setAdditionalProperty("status", Map.of("admittedWorkloads", admitted, "pendingWorkloads", pending,
                "flavorsUsage", usage));
        client.resource(queue).create();
    }

    private void workload(String namespace, String name, String ownerKind, String ownerName,
                          List<Map<String, Object>> conditions) {
        var workload = new GenericKubernetesResource();
        workload.setApiVersion("kueue.x-k8s.io/v1beta2");
        workload.setKind("Workload");
        workload.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind(ownerKind)
                        .withName(ownerName).withUid("uid-" + name).build()).build());
        workload.setAdditionalProperty("spec", Map.of("queueName", "nova",
                "priorityClassRef", Map.of("group", "kueue.x-k8s.io", "kind", "WorkloadPriorityClass",
                        "name", "nova-batch")));
        workload.setAdditionalProperty("status", Map.of("conditions", conditions));
        client.resource(workload).create();
    }

    private static Map<String, Object> condition(String type, String status, String reason, String message) {
        return Map.of("type", type, "status", status, "reason", reason, "message", message,
                "lastTransitionTime", "2026-12-01T10:00:00Z");
    }
}
