package io.nova.platform.k8s.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nova.platform.core.gpu.GpuSharing;
import io.nova.platform.core.serving.Precision;
import io.nova.platform.k8s.render.ClusterRenderer;
import io.nova.platform.k8s.render.DesiredStates;
import io.nova.platform.k8s.render.RenderSettings;
import org.junit.jupiter.api.Test;

class CanonicalYamlTest {

    private final ClusterRenderer renderer = new ClusterRenderer(new RenderSettings("flux-system", "gpu-operator",
            "https://vault.example.com/v1/identity/oidc/provider/nova", "https://vault.example.com", "kubernetes"));

    @Test
    void writes_every_rendered_object_exactly_as_its_canonical_tree() {
        var state = DesiredStates.gitops().pool("t4", "T4", 4, 1, GpuSharing.exclusive())
                .pool("l4", "L4", 1, 8, GpuSharing.timeSlicing(4, false, false))
                .tenant("vision", "vision-admins").quota("vision", "t4", "nvidia.com/gpu", 2, 4)
                .module("vision", "minio").module("vision", "mlflow").module("vision", "jupyterhub")
                .module("vision", "code-server").module("vision", "airflow").module("vision", "kuberay")
                .module("vision", "jupyterhub", true, Map.of("cull", Map.of("timeout", 7200)))
                .model("vision", "coder", "Qwen/Qwen2.5-Coder-14B-Instruct", Precision.FP16, "t4", null, 1)
                .build();
        List<HasMetadata> objects = renderer.render(state);

        assertThat(objects).hasSizeGreaterThan(30);
        for (HasMetadata object : objects) {
            assertThat(CanonicalYaml.of(object)).as(object.getKind() + " " + object.getMetadata().getName())
                    .isEqualTo(CanonicalYaml.write(CanonicalYaml.tree(object)));
        }
    }

    @Test
    void sorts_keys_drops_nulls_status_and_server_metadata_and_keeps_null_list_elements() {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("zeta", 1);
        spec.put("alpha", null);
        spec.put("nested", new LinkedHashMap<>(Map.of("b", true, "a", 2.5)));
        spec.put("list", new ArrayList<>(Arrays.asList("x", null, "10")));
        var resource = new GenericKubernetesResource();
        resource.setApiVersion("example.io/v1");
        resource.setKind("Thing");
        resource.setMetadata(new ConfigMapBuilder().withNewMetadata().withName("thing").withNamespace("nova-a")
                .withResourceVersion("42").withUid("u-1").endMetadata().build().getMetadata());
        resource.setAdditionalProperty("spec", spec);
        resource.setAdditionalProperty("status", Map.of("ready", true));

        assertThat(CanonicalYaml.of(resource)).isEqualTo("""
                apiVersion: example.io/v1
                kind: Thing
                metadata:
                  name: thing
                  namespace: nova-a
                spec:
                  list:
                  - x
                  - null
                  - "10"
                  nested:
                    a: 2.5
                    b: true
                  zeta: 1
                """).isEqualTo(CanonicalYaml.write(CanonicalYaml.tree(resource)));
    }
}
