package io.nova.platform.k8s.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.nova.platform.core.gpu.PoolSnapshot;
import io.nova.platform.core.serving.ModelDeploymentSnapshot;
import io.nova.platform.core.serving.ModelPlan;

/**
 * A KServe {@code InferenceService} with the Hugging Face serving runtime (vLLM backend) on the pool's nodes, with
 * the pool's toleration and a required node affinity (see {@link PoolPlacement}). A model spread over nodes gets a {@code workerSpec} with the pipeline- and tensor-parallel sizes (KServe's
 * multi-node mode, which sets vLLM's sizes itself); otherwise the sizes are vLLM arguments.
 */
final class InferenceServiceRenderer {

    /** With {@code queued}, its pods carry the queue labels, so that Kueue admits each of them. */
    GenericKubernetesResource render(String cluster, String namespace, ModelDeploymentSnapshot model,
                                     PoolSnapshot pool, boolean queued) {
        ModelPlan plan = model.plan();
        ModelSource source = ModelSource.of(model.model());
        boolean multiNode = plan.pipelineParallelSize() > 1;
        var args = new ArrayList<String>();
        args.add("--model_name=" + model.name());
        args.addAll(ServingPods.vllmArguments(plan));
        if (!multiNode) {
            args.add("--tensor-parallel-size=" + plan.tensorParallelSize());
        }
        var modelSpec = new LinkedHashMap<String, Object>();
        modelSpec.put("modelFormat", Map.of("name", "huggingface"));
        modelSpec.put("storageUri", source.forKServe(model.model()));
        modelSpec.put("args", args);
        modelSpec.put("env", ServingPods.env(plan, pool));
        modelSpec.put("resources", ServingPods.resources(plan));
        // ready only once vLLM answers the OpenAI model list, not when the server process is up
        modelSpec.put("readinessProbe", Map.of("httpGet", Map.of("path", "/openai/v1/models", "port", 8080),
                "initialDelaySeconds", 30, "periodSeconds", 10));

        var predictor = new LinkedHashMap<String, Object>();
        predictor.put("labels", ServingPods.podLabels(model, queued));
        predictor.put("minReplicas", plan.replicas());
        predictor.put("maxReplicas", plan.replicas());
        PoolPlacement.place(predictor, pool);
        ServingPods.spread(predictor, model);
        predictor.put("model", modelSpec);
        if (multiNode) {
            var worker = new LinkedHashMap<String, Object>();
            worker.put("pipelineParallelSize", plan.pipelineParallelSize());
            worker.put("tensorParallelSize", plan.tensorParallelSize());
            PoolPlacement.place(worker, pool);
            ServingPods.spread(worker, model);
            worker.put("containers", List.of(Map.of("name", "worker-container",
                    "resources", ServingPods.resources(plan))));
            predictor.put("workerSpec", worker);
        }
        return GenericObjects.of(GenericObjects.KSERVE, "InferenceService", namespace, model.name(),
                ServingPods.labels(cluster, model, queued), Map.of("predictor", predictor));
    }
}
