package io.nova.platform.k8s.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nova.platform.core.serving.ModelDeploymentSnapshot;
import io.nova.platform.core.serving.ModelPlan;

/** What the pods of a model deployment share: GPU requests, host memory for loading, the Hugging Face token. */
final class ServingPods {

    /** An optional Secret of the tenant namespace with a Hugging Face token (key {@code token}) for gated models. */
    static final String HF_TOKEN_SECRET = "huggingface-token";
    static final int CPUS_PER_POD = 4;

    private ServingPods() {
    }

    /** Requests equal limits: one pod holds {@code tp} devices of the plan's resource. */
    static Map<String, Object> resources(ModelPlan plan) {
        var amounts = new LinkedHashMap<String, Object>();
        amounts.put("cpu", Integer.toString(CPUS_PER_POD));
        amounts.put("memory", hostMemoryGi(plan) + "Gi");
        amounts.put(plan.resourceName(), Integer.toString(plan.tensorParallelSize()));
        return Map.of("requests", amounts, "limits", amounts);
    }

    /** Host memory to load one pod's share of the weights through, plus room for the Python runtime. */
    static long hostMemoryGi(ModelPlan plan) {
        return (long) Math.ceil(plan.memory().weightsPerGpuGiB() * plan.tensorParallelSize()) + 8;
    }

    static List<Map<String, Object>> env() {
        return List.of(Map.of("name", "HF_TOKEN", "valueFrom", Map.of("secretKeyRef",
                Map.of("name", HF_TOKEN_SECRET, "key", "token", "optional", true))));
    }

    /** With {@code queued}, also the labels by which Kueue admits it as a serving workload. */
    static Map<String, String> labels(String cluster, ModelDeploymentSnapshot model, boolean queued) {
        var labels = Labels.tenant(cluster, model.tenant());
        labels.put(Labels.MODEL_DEPLOYMENT, model.name());
        if (queued) {
            labels.putAll(WorkloadQueueLabels.of(WorkloadQueueLabels.WorkloadClass.SERVING));
        }
        return labels;
    }

    /** vLLM's command-line arguments for context, dtype, memory share and quantisation (not its parallel sizes). */
    static java.util.List<String> vllmArguments(ModelPlan plan) {
        var args = new java.util.ArrayList<String>();
        args.add("--max-model-len=" + plan.maxContext());
        args.add("--dtype=" + plan.precision().vllmDtype());
        args.add("--gpu-memory-utilization=" + plan.memory().gpuMemoryUtilization());
        if (plan.precision().vllmQuantization() != null) {
            args.add("--quantization=" + plan.precision().vllmQuantization());
        }
        return args;
    }

    /** vLLM's engine arguments as Ray Serve LLM's {@code engine_kwargs} names them. */
    static Map<String, Object> engineArguments(ModelDeploymentSnapshot model) {
        ModelPlan plan = model.plan();
        var kwargs = new LinkedHashMap<String, Object>();
        kwargs.put("tensor_parallel_size", plan.tensorParallelSize());
        kwargs.put("pipeline_parallel_size", plan.pipelineParallelSize());
        kwargs.put("max_model_len", plan.maxContext());
        kwargs.put("dtype", plan.precision().vllmDtype());
        kwargs.put("gpu_memory_utilization", plan.memory().gpuMemoryUtilization());
        if (plan.precision().vllmQuantization() != null) {
            kwargs.put("quantization", plan.precision().vllmQuantization());
        }
        return kwargs;
    }
}
