package io.nova.platform.k8s.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nova.platform.core.gpu.GpuSharing;
import io.nova.platform.core.gpu.MigStrategy;
import io.nova.platform.core.serving.Precision;
import io.nova.platform.core.serving.ServingEngine;
import io.nova.platform.k8s.schema.UpstreamSchemas;
import org.junit.jupiter.api.Test;

/**
 * The GPU quota model as Kueue objects, each checked against the upstream Kueue CRDs (kueue.x-k8s.io/v1beta2, the
 * storage version in ../shared/reference/crds): two tenants sharing an H100 MIG pool (mixed strategy, two profiles),
 * a T4 time-sliced pool and an exclusive L4 pool.
 */
class KueueRendererTest {

    private final ClusterRenderer renderer = new ClusterRenderer(RenderSettings.defaults());

    private DesiredStates cluster() {
        return DesiredStates.gitops()
                .pool("h100", "H100-80GB", 1, 8, GpuSharing.migLayout(MigStrategy.mixed, "all-balanced"))
                .pool("t4", "T4", 2, 4, GpuSharing.timeSlicing(4, false, false))
                .pool("l4", "L4", 1, 2, GpuSharing.exclusive())
                .module(null, "kueue")
                .tenant("vision", "vision-admins").tenant("speech", "speech-admins")
                .quota("vision", "h100", "nvidia.com/mig-1g.10gb", 2, 4)
                .quota("vision", "h100", "nvidia.com/mig-3g.40gb", 1, 1)
                .quota("vision", "t4", "nvidia.com/gpu", 4, 8)
                .quota("speech", "h100", "nvidia.com/mig-1g.10gb", 0, 3)
                .quota("speech", "l4", "nvidia.com/gpu", 1, 2);
    }

    @Test
    void every_kueue_object_is_valid_against_the_upstream_crds() {
        List<HasMetadata> kueue = kueueObjects(renderer.render(cluster().build()));

        assertThat(kueue).extracting(ClusterRenderer::id).contains("ResourceFlavor nova-default",
                "ResourceFlavor nova-pool-h100", "ResourceFlavor nova-pool-t4", "ResourceFlavor nova-pool-l4",
                "Cohort nova-lab", "ClusterQueue nova-vision", "ClusterQueue nova-speech",
                "LocalQueue nova-vision/nova", "LocalQueue nova-speech/nova", "WorkloadPriorityClass nova-serving",
                "WorkloadPriorityClass nova-interactive", "WorkloadPriorityClass nova-batch");
        kueue.forEach(UpstreamSchemas::assertValid);
    }

    @Test
    void a_pools_flavor_carries_its_labels_taint_and_toleration() {
        var flavor = spec(find(renderer.render(cluster().build()), "ResourceFlavor", "nova-pool-t4"));

        assertThat(flavor.get("nodeLabels")).isEqualTo(Map.of("nvidia.com/gpu.product", "Tesla-T4"));
        assertThat(flavor.get("nodeTaints")).isEqualTo(List.of(Map.of("key", "ml.nova.io/pool", "value", "t4",
                "effect", "NoSchedule")));
        assertThat(String.valueOf(flavor.get("tolerations"))).contains("key=ml.nova.io/pool", "value=t4");
    }

    @Test
    void guaranteed_is_nominal_the_rest_up_to_the_limit_is_borrowed_and_the_guarantee_lent_while_idle() {
        var queue = spec(find(renderer.render(cluster().build()), "ClusterQueue", "nova-vision"));

        assertThat(queue.get("cohortName")).isEqualTo("nova-lab");
        assertThat(queue.get("namespaceSelector")).isEqualTo(Map.of("matchLabels",
                Map.of("kubernetes.io/metadata.name", "nova-vision")));
        assertThat(String.valueOf(queue.get("preemption"))).contains("reclaimWithinCohort=Any");
        var h100 = flavorResources(queue, "nova-pool-h100");
        assertThat(h100.get("nvidia.com/mig-1g.10gb")).isEqualTo(quota(2, 2, 2));
        assertThat(h100.get("nvidia.com/mig-3g.40gb")).isEqualTo(quota(1, 0, 1));
        assertThat(flavorResources(queue, "nova-pool-t4").get("nvidia.com/gpu")).isEqualTo(quota(4, 4, 4));
        assertThat(flavorResources(queue, "nova-pool-l4")).as("no quota on the L4 pool: not its flavor").isEmpty();
        assertThat(coveredGpuResources(queue)).containsExactlyInAnyOrder("nvidia.com/gpu",
                "nvidia.com/mig-1g.10gb", "nvidia.com/mig-2g.20gb", "nvidia.com/mig-3g.40gb");
    }

    @Test
    void a_tenant_with_a_limit_only_borrows_everything_and_lends_nothing() {
        var queue = spec(find(renderer.render(cluster().build()), "ClusterQueue", "nova-speech"));

        assertThat(flavorResources(queue, "nova-pool-h100").get("nvidia.com/mig-1g.10gb")).isEqualTo(quota(0, 3, 0));
        assertThat(flavorResources(queue, "nova-pool-l4").get("nvidia.com/gpu")).isEqualTo(quota(1, 1, 1));
    }

    @Test
    void the_cohort_holds_what_nobody_is_guaranteed_and_follows_a_changed_guarantee() {
        var before = spec(find(renderer.render(cluster().build()), "Cohort", "nova-lab"));
        var t4Capacity = DesiredStates.gitops().pool("t4", "T4", 2, 4, GpuSharing.timeSlicing(4, false, false))
                .build().pools().getFirst().capacity().get("nvidia.com/gpu");

        assertThat(cohortQuota(before, "nova-pool-t4", "nvidia.com/gpu")).isEqualTo(t4Capacity - 4);
        assertThat(cohortQuota(before, "nova-pool-l4", "nvidia.com/gpu")).isEqualTo(2 - 1);

        var after = spec(find(renderer.render(cluster().quota("speech", "t4", "nvidia.com/gpu", 6, 8).build()),
                "Cohort", "nova-lab"));
        assertThat(cohortQuota(after, "nova-pool-t4", "nvidia.com/gpu")).isEqualTo(t4Capacity - 10);
    }

    @Test
    void without_kueue_there_is_no_quota_model_but_the_resource_quota_stays() {
        var withoutKueue = DesiredStates.gitops().pool("t4", "T4", 2, 4, GpuSharing.timeSlicing(4, false, false))
                .tenant("vision").quota("vision", "t4", "nvidia.com/gpu", 1, 2).build();
        List<HasMetadata> objects = renderer.render(withoutKueue);

        assertThat(kueueObjects(objects)).isEmpty();
        assertThat(objects).extracting(ClusterRenderer::id).contains("ResourceQuota nova-vision/nova-quota");
        assertThat(renderer.render(cluster().build())).extracting(ClusterRenderer::id)
                .contains("ResourceQuota nova-vision/nova-quota");
    }

    @Test
    void served_models_are_serving_workloads_of_the_tenants_queue() {
        var state = cluster().model("speech", "ray-qwen", "Qwen/Qwen2.5-7B-Instruct", Precision.BF16, "l4",
                        ServingEngine.VLLM_KUBERAY, 1)
                .model("speech", "kserve-qwen", "Qwen/Qwen2.5-7B-Instruct", Precision.BF16, "l4",
                        ServingEngine.KSERVE, 1).build();
        List<HasMetadata> objects = renderer.render(state);
        var serving = Map.of("kueue.x-k8s.io/queue-name", "nova", "kueue.x-k8s.io/priority-class", "nova-serving");

        HasMetadata ray = find(objects, "RayService", "ray-qwen");
        HasMetadata kserve = find(objects, "InferenceService", "kserve-qwen");
        assertThat(ray.getMetadata().getLabels()).as("KubeRay passes them to the RayCluster").containsAllEntriesOf(serving);
        assertThat(kserve.getMetadata().getLabels()).containsAllEntriesOf(serving);
        assertThat((Map<String, Object>) TenantChartsRenderTest.nested(spec(kserve), "predictor", "labels"))
                .as("on the predictor's pods").containsAllEntriesOf(serving);
        UpstreamSchemas.assertValid(ray);
        UpstreamSchemas.assertValid(kserve);
    }

    @Test
    void without_kueue_served_models_name_no_queue() {
        var state = DesiredStates.gitops().pool("l4", "L4", 1, 2, GpuSharing.exclusive())
                .tenant("vision").quota("vision", "l4", "nvidia.com/gpu", 1, 2)
                .model("vision", "qwen", "Qwen/Qwen2.5-7B-Instruct", Precision.BF16, "l4", ServingEngine.KSERVE, 1)
                .build();

        HasMetadata kserve = find(renderer.render(state), "InferenceService", "qwen");

        assertThat(kserve.getMetadata().getLabels()).doesNotContainKey("kueue.x-k8s.io/queue-name");
        assertThat((Map<String, Object>) TenantChartsRenderTest.nested(spec(kserve), "predictor", "labels"))
                .doesNotContainKeys("kueue.x-k8s.io/queue-name", "kueue.x-k8s.io/priority-class");
    }

    @Test
    void a_tenant_without_a_cpu_or_memory_quota_is_not_held_back_on_them() {
        var state = cluster().tenantQuota("speech", null, null, "1Ti").build();
        var queue = spec(find(renderer.render(state), "ClusterQueue", "nova-speech"));
        var limited = spec(find(renderer.render(state), "ClusterQueue", "nova-vision"));

        assertThat(defaultFlavor(limited)).as("the tenant's quota where it has one").containsExactly(
                Map.of("name", "cpu", "nominalQuota", "16"), Map.of("name", "memory", "nominalQuota", "64Gi"));
        assertThat(defaultFlavor(queue)).containsExactly(Map.of("name", "cpu", "nominalQuota", KueueRenderer.UNLIMITED_CPU),
                Map.of("name", "memory", "nominalQuota", KueueRenderer.UNLIMITED_MEMORY));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> defaultFlavor(Map<String, Object> queue) {
        return (List<Map<String, Object>>) ((List<Map<String, Object>>) ((List<Map<String, Object>>) queue
                .get("resourceGroups")).getFirst().get("flavors")).getFirst().get("resources");
    }

    private static Map<String, Object> quota(long nominal, long borrowing, long lending) {
        return Map.of("nominalQuota", nominal, "borrowingLimit", borrowing, "lendingLimit", lending);
    }

    private static List<HasMetadata> kueueObjects(List<HasMetadata> objects) {
        return objects.stream().filter(o -> o.getApiVersion().startsWith("kueue.x-k8s.io/")).toList();
    }

    private static HasMetadata find(List<HasMetadata> objects, String kind, String name) {
        return objects.stream().filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(HasMetadata object) {
        return (Map<String, Object>) ((GenericKubernetesResource) object).getAdditionalProperties().get("spec");
    }

    /** resource → {nominalQuota, borrowingLimit, lendingLimit} of one flavor in the GPU resource group. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> flavorResources(Map<String, Object> queue, String flavor) {
        var result = new java.util.TreeMap<String, Map<String, Object>>();
        for (Map<String, Object> group : (List<Map<String, Object>>) queue.get("resourceGroups")) {
            for (Map<String, Object> entry : (List<Map<String, Object>>) group.get("flavors")) {
                if (entry.get("name").equals(flavor)) {
                    for (Map<String, Object> resource : (List<Map<String, Object>>) entry.get("resources")) {
                        var amounts = new java.util.TreeMap<>(resource);
                        amounts.remove("name");
                        amounts.replaceAll((k, v) -> ((Number) v).longValue());
                        result.put((String) resource.get("name"), amounts);
                    }
                }
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<String> coveredGpuResources(Map<String, Object> queue) {
        return ((List<Map<String, Object>>) queue.get("resourceGroups")).stream()
                .flatMap(group -> ((List<String>) group.get("coveredResources")).stream())
                .filter(resource -> resource.startsWith("nvidia.com/")).toList();
    }

    @SuppressWarnings("unchecked")
    private static long cohortQuota(Map<String, Object> cohort, String flavor, String resource) {
        for (Map<String, Object> group : (List<Map<String, Object>>) cohort.get("resourceGroups")) {
            for (Map<String, Object> entry : (List<Map<String, Object>>) group.get("flavors")) {
                if (entry.get("name").equals(flavor)) {
                    for (Map<String, Object> amount : (List<Map<String, Object>>) entry.get("resources")) {
                        if (amount.get("name").equals(resource)) {
                            return ((Number) amount.get("nominalQuota")).longValue();
                        }
                    }
                }
            }
        }
        throw new AssertionError("no " + resource + " of " + flavor + " in the cohort");
    }
}
