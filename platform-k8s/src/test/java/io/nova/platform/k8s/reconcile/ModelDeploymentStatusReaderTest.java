package io.nova.platform.k8s.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.nova.platform.core.gpu.GpuSharing;
import io.nova.platform.core.module.ModulePhase;
import io.nova.platform.core.serving.ModelDeploymentSnapshot;
import io.nova.platform.core.serving.Precision;
import io.nova.platform.k8s.render.DesiredStates;

class ModelDeploymentStatusReaderTest {

    private final ModelDeploymentSnapshot model = DesiredStates.direct().pool("l4", "L4", 1, 1,
                    GpuSharing.exclusive()).tenant("chat")
            .model("chat", "qwen", "Qwen/Qwen2.5-7B-Instruct", Precision.BF16, "l4", null, 1).build().models()
            .getFirst();

    private static GenericKubernetesResource withStatus(Map<String, Object> status) {
        var object = new GenericKubernetesResource();
        object.setAdditionalProperty("status", status);
        return object;
    }

    @Test
    void a_ready_inference_service_is_ready_and_brings_its_url() {
        var report = ModelDeploymentStatusReader.statusOf(model, "InferenceService", withStatus(Map.of(
                "url", "http://qwen.nova-chat.example.com",
                "conditions", List.of(Map.of("type", "Ready", "status", "True", "reason", "Ready")))));

        assertThat(report.phase()).isEqualTo(ModulePhase.READY);
        assertThat(report.endpointUrl()).isEqualTo("http://qwen.nova-chat.example.com");
        assertThat(report.observedGeneration()).isEqualTo(1);
    }

    @Test
    void a_ray_service_that_is_not_ready_yet_is_reconciling_with_the_operators_reason() {
        var report = ModelDeploymentStatusReader.statusOf(model, "RayService", withStatus(Map.of(
                "conditions", List.of(Map.of("type", "Ready", "status", "False", "reason", "Initializing",
                        "message", "waiting for workers")))));

        assertThat(report.phase()).isEqualTo(ModulePhase.RECONCILING);
        assertThat(report.message()).isEqualTo("Initializing: waiting for workers");
        assertThat(report.endpointUrl()).isNull();
    }

    @Test
    void a_ray_service_of_an_older_kuberay_is_ready_when_serve_runs() {
        assertThat(ModelDeploymentStatusReader.statusOf(model, "RayService",
                withStatus(Map.of("serviceStatus", "Running"))).phase()).isEqualTo(ModulePhase.READY);
        assertThat(ModelDeploymentStatusReader.statusOf(model, "RayService", null).message())
                .isEqualTo("RayService not found yet");
    }
}
