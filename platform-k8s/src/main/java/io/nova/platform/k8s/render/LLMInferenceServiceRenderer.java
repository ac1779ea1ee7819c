package io.nova.platform.k8s.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.nova.platform.core.gpu.PoolSnapshot;
import io.nova.platform.core.serving.ModelDeploymentSnapshot;
import io.nova.platform.core.serving.ModelPlan;

/**
 * A KServe {@code LLMInferenceService} ({@code serving.kserve.io/v1alpha2}, the CRD's storage version): vLLM on
 * LeaderWorkerSets, with the plan's {@code parallelism.tensor} and {@code parallelism.pipeline} (KServe sets vLLM's
 * sizes from them). The main container of the leader ({@code template}) and, when the model spans nodes, of each
 * worker ({@code worker}) requests {@code tp} devices of the pool's resource; both tolerate only the pool's taint and
 * require its nodes. vLLM's other settings (context, dtype, memory share) are its arguments.
 */
final class LLMInferenceServiceRenderer {

    static final String API_VERSION = "serving.kserve.io/v1alpha2";
    static final String MAIN = "main";

    GenericKubernetesResource render(String cluster, String namespace, ModelDeploymentSnapshot model,
                                     PoolSnapshot pool, boolean queued) {
        ModelPlan plan = model.plan();
        ModelSource source = ModelSource.of(model.model());
        var spec = new LinkedHashMap<String, Object>();
        spec.put("model", Map.of("uri", source.forKServe(model.model()), "name", model.name()));
        spec.put("replicas", plan.replicas());
        var parallelism = new LinkedHashMap<String, Object>();
        parallelism.put("tensor", plan.tensorParallelSize());
        if (plan.pipelineParallelSize() > 1) {
            parallelism.put("pipeline", plan.pipelineParallelSize());
        }
        spec.put("parallelism", parallelism);
        spec.put("labels", ServingPods.podLabels(model, queued));
        spec.put("template", pod(model, pool, ServingPods.vllmArguments(plan)));
        if (plan.pipelineParallelSize() > 1) {
            spec.put("worker", pod(model, pool, List.of()));
        }
        return GenericObjects.of(API_VERSION, "LLMInferenceService", namespace, model.name(),
                ServingPods.labels(cluster, model, queued), spec);
    }

    private static Map<String, Object> pod(ModelDeploymentSnapshot model, PoolSnapshot pool, List<String> args) {
        var pod = new LinkedHashMap<String, Object>();
        PoolPlacement.place(pod, pool);
        ServingPods.spread(pod, model);
        var container = new LinkedHashMap<String, Object>();
        container.put("name", MAIN);
        if (!args.isEmpty()) {
            container.put("args", args);
        }
        container.put("env", ServingPods.env(model.plan(), pool));
        container.put("resources", ServingPods.resources(model.plan()));
        pod.put("containers", List.of(container));
        return pod;
    }
}
