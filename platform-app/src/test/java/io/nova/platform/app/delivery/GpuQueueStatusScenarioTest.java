package io.nova.platform.app.delivery;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.nova.platform.app.support.ApiTest;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.k8s.reconcile.KubernetesClients;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The live picture of the GPU queues over REST: quotas from PostgreSQL (real), use and waiting workloads read back from
 * the cluster's Kueue objects. The API server is the fabric8 CRUD mock ({@link MockKubernetesCluster}); the test
 * plays Kueue, writing the ClusterQueue's status and a waiting Workload as Kueue would.
 */
@Import(GpuQueueStatusScenarioTest.MockClusterConfiguration.class)
class GpuQueueStatusScenarioTest extends ApiTest {

    static final MockKubernetesCluster CLUSTER = new MockKubernetesCluster();

    @TestConfiguration
    static class MockClusterConfiguration {
        @Bean
        @Primary
        KubernetesClients mockKubernetesClients() {
            return (ClusterView cluster) -> CLUSTER.client();
        }
    }

    @Test
    void per_pool_guaranteed_borrowed_and_free_and_per_tenant_what_waits_and_why() {
        String cluster = unique("queues");
        String pool = unique("t4");
        String team = unique("team");
        String ns = "nova-" + team;
        api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'DIRECT', 'apiServer': 'https://k.invalid:6443'}"
                .formatted(cluster)));
        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': '%s', 'gpuModel': 'T4', 'nodeCount': 2, 'gpusPerNode': 4,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(pool, cluster)));
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Team', 'cluster': '%s'}".formatted(team, cluster)));
        api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("{'guaranteed': 2, 'limit': 6}"));
        var reconcile = api.post("/clusters/%s/reconcile".formatted(cluster), "");
        assertThat(reconcile.status()).as(reconcile.toString()).isEqualTo(200);

        var queues = CLUSTER.client().genericKubernetesResources("kueue.x-k8s.io/v1beta2", "ClusterQueue");
        GenericKubernetesResource queue = queues.withName(ns).get();
        assertThat(queue).as("the tenant's ClusterQueue, delivered").isNotNull();
        queue.setAdditionalProperty("status", Map.of("admittedWorkloads", 2, "pendingWorkloads", 1,
                "flavorsUsage", List.of(Map.of("name", "nova-pool-" + pool, "resources",
                        List.of(Map.of("name", "nvidia.com/gpu", "total", "5", "borrowed", "3"))))));
        queues.resource(queue).update();
        waitingWorkload(ns);

        var overview = api.get("/clusters/%s/gpu-queues".formatted(cluster)).body();
        assertThat(overview.path("queueing").asBoolean()).isTrue();
        assertThat(overview.path("observed").asBoolean()).as(overview.toString()).isTrue();
        var poolView = overview.path("pools").get(0);
        assertThat(poolView.path("pool").asString()).isEqualTo(pool);
        assertThat(List.of(poolView.path("capacity").asLong(), poolView.path("guaranteed").asLong(),
                poolView.path("inUse").asLong(), poolView.path("borrowed").asLong(), poolView.path("free").asLong()))
                .containsExactly(8L, 2L, 5L, 3L, 3L);
        var tenantView = overview.path("tenants").path("items").get(0);
        assertThat(tenantView.path("tenant").asString()).isEqualTo(team);
        assertThat(tenantView.path("pending").asLong()).isEqualTo(1);
        assertThat(tenantView.path("usage").get(0).path("limit").asLong()).isEqualTo(6);
        assertThat(tenantView.path("waiting").size()).as("the cluster overview lists no workloads").isZero();

        var own = api.get("/tenants/%s/gpu-queue".formatted(team)).body();
        var waiting = own.path("queue").path("waiting").get(0);
        assertThat(waiting.path("owner").asString()).isEqualTo("RayCluster qwen-raycluster-x7k2");
        assertThat(waiting.path("reason").asString()).isEqualTo("Pending");
        assertThat(waiting.path("message").asString()).contains("insufficient unused quota for nvidia.com/gpu");
        assertThat(own.path("queue").path("usage").get(0).path("borrowed").asLong()).isEqualTo(3);
    }

    @Test
    void without_kueue_the_picture_says_so_and_shows_the_quotas_alone() {
        String cluster = unique("noqueue");
        api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'DIRECT', 'apiServer': 'https://k.invalid:6443'}"
                .formatted(cluster)));
        api.put("/cluster-modules/%s/kueue".formatted(cluster), json("{'enabled': false}"));
        String pool = unique("l4");
        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': '%s', 'gpuModel': 'L4', 'nodeCount': 1, 'gpusPerNode': 2,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(pool, cluster)));

        var overview = api.get("/clusters/%s/gpu-queues".formatted(cluster)).body();

        assertThat(overview.path("queueing").asBoolean()).isFalse();
        assertThat(overview.path("observed").asBoolean()).isFalse();
        assertThat(overview.path("message").asString()).contains("Kueue is off", "ResourceQuota");
        assertThat(overview.path("pools").get(0).path("capacity").asLong()).isEqualTo(2);
        assertThat(overview.path("pools").get(0).path("inUse").isNull()).isTrue();
    }

    private static void waitingWorkload(String namespace) {
        var workload = new GenericKubernetesResource();
        workload.setApiVersion("kueue.x-k8s.io/v1beta2");
        workload.setKind("Workload");
        workload.setMetadata(new ObjectMetaBuilder().withName("raycluster-qwen-1a2b").withNamespace(namespace)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("ray.io/v1").withKind("RayCluster")
                        .withName("qwen-raycluster-x7k2").withUid("uid-1").build()).build());
        workload.setAdditionalProperty("spec", Map.of("queueName", "nova"));
        workload.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of("type", "QuotaReserved",
                "status", "False", "reason", "Pending", "lastTransitionTime", "2026-12-01T10:00:00Z",
                "message", "couldn't assign flavors to pod set gpu: insufficient unused quota for nvidia.com/gpu "
                        + "in flavor nova-pool-t4, 2 more needed"))));
        CLUSTER.client().resource(workload).create();
    }
}
