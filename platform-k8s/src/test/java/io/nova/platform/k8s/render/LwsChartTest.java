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
 * LeaderWorkerSet as the platform installs it, rendered through the real upstream chart (kubernetes-sigs/lws
 * {@code charts/lws}) by real Helm (helm-java): the released image, not the chart's "main" build, and its CRD.
 */
class LwsChartTest {

    @Test
    void lws_runs_the_released_image_and_brings_its_crd() {
        Path chart = ReferenceCharts.dir().map(dir -> dir.resolve("lws")).orElse(null);
        assumeTrue(chart != null, "no reference charts (../shared/reference/charts)");
        List<HasMetadata> platform = new ClusterRenderer(RenderSettings.defaults())
                .render(DesiredStates.gitops().module(null, "lws").build());
        @SuppressWarnings("unchecked")
        var spec = (Map<String, Object>) ((GenericKubernetesResource) platform.stream()
                .filter(o -> o.getKind().equals("HelmRelease") && o.getMetadata().getName().equals("lws"))
                .findFirst().orElseThrow()).getAdditionalProperties().get("spec");
        assertThat(spec.get("targetNamespace")).isEqualTo("lws-system");

        List<Map<String, Object>> objects = ReferenceCharts.render(chart, "lws", "lws-system",
                TenantChartsRenderTest.values(spec));

        assertThat(objects).filteredOn(o -> "Deployment".equals(o.get("kind"))).singleElement()
                .satisfies(manager -> assertThat(String.valueOf(TenantChartsRenderTest.nested(manager, "spec",
                        "template", "spec", "containers"))).contains("image=registry.k8s.io/lws/lws:v0.10.0")
                        .doesNotContain(":main"));
        // the chart keeps its CRD in crds/, which Flux installs and upgrades for a cluster component
        assertThat(chart.resolve("crds/leaderworkerset.x-k8s.io_leaderworkersets.yaml")).exists();
        assertThat(String.valueOf(spec.get("install"))).contains("crds=CreateReplace");
        assertThat(String.valueOf(spec.get("upgrade"))).contains("crds=CreateReplace");
    }
}
