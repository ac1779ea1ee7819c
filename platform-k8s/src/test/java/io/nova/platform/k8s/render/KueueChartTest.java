package io.nova.platform.k8s.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

/**
 * Kueue as the platform installs it, rendered through the real upstream chart (kubernetes-sigs/kueue
 * {@code charts/kueue}) by real Helm (helm-java): a released image, not the chart's staging build, and the
 * integrations for every kind the platform creates GPU workloads as.
 */
class KueueChartTest {

    @Test
    void kueue_runs_the_released_image_and_manages_the_kinds_the_platform_creates() {
        Path chart = ReferenceCharts.dir().map(dir -> dir.resolve("kueue")).orElse(null);
        assumeTrue(chart != null, "no reference charts (../shared/reference/charts)");
        List<HasMetadata> platform = new ClusterRenderer(RenderSettings.defaults())
                .render(DesiredStates.gitops().module(null, "kueue").build());
        @SuppressWarnings("unchecked")
        var spec = (Map<String, Object>) ((GenericKubernetesResource) platform.stream()
                .filter(o -> o.getKind().equals("HelmRelease") && o.getMetadata().getName().equals("kueue"))
                .findFirst().orElseThrow()).getAdditionalProperties().get("spec");
        assertThat(spec.get("targetNamespace")).isEqualTo("kueue-system");

        List<Map<String, Object>> objects = ReferenceCharts.render(chart, "kueue", "kueue-system",
                TenantChartsRenderTest.values(spec));

        Map<String, Object> manager = objects.stream().filter(o -> "Deployment".equals(o.get("kind"))
                && TenantChartsRenderTest.name(o).endsWith("controller-manager")).findFirst().orElseThrow();
        assertThat(String.valueOf(TenantChartsRenderTest.nested(manager, "spec", "template", "spec", "containers")))
                .contains("image=registry.k8s.io/kueue/kueue:v0.19.2").doesNotContain("k8s-staging-images");
        String config = objects.stream().filter(o -> "ConfigMap".equals(o.get("kind"))
                        && TenantChartsRenderTest.name(o).endsWith("manager-config"))
                .map(o -> String.valueOf(o.get("data"))).findFirst().orElseThrow();
        // the chart writes the configuration again, as YAML of its own
        assertThat(config).contains("- pod\n", "- deployment\n", "- statefulset\n", "- batch/job\n",
                "- ray.io/rayservice\n", "- ray.io/raycluster\n", "- leaderworkerset.x-k8s.io/leaderworkerset\n")
                .doesNotContain("manageJobsWithoutQueueName: true");
        assertThat(objects).filteredOn(o -> "CustomResourceDefinition".equals(o.get("kind")))
                .extracting(TenantChartsRenderTest::name).contains("clusterqueues.kueue.x-k8s.io",
                        "localqueues.kueue.x-k8s.io", "resourceflavors.kueue.x-k8s.io",
                        "workloadpriorityclasses.kueue.x-k8s.io", "cohorts.kueue.x-k8s.io");
    }
}
