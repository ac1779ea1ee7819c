package io.nova.platform.k8s.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nova.platform.core.gpu.PoolSnapshot;
import io.nova.platform.core.serving.ModelDeploymentPlanner;
import io.nova.platform.core.serving.ModelDeploymentSnapshot;
import io.nova.platform.core.serving.ModelPlan;
import io.nova.platform.core.serving.Precision;

/** What the pods of a model deployment share: GPU requests, host memory for loading, the Hugging Face token. */
final class ServingPods {

    /** An optional Secret of the tenant namespace with a Hugging Face token (key {@code token}) for gated models. */
    static final String HF_TOKEN_SECRET = "huggingface-token";
    static final int CPUS_PER_POD = 4;

    private ServingPods() {
    }

    /** Requests equal limits: one pod holds {@code tp} devices of the plan's resource, or a co-located share's slices. */
    static Map<String, Object> resources(ModelPlan plan) {
        var amounts = new LinkedHashMap<String, Object>();
        amounts.put("cpu", Integer.toString(CPUS_PER_POD));
        amounts.put("memory", hostMemoryGi(plan) + "Gi");
        amounts.put(plan.resourceName(), Integer.toString(plan.devicesPerPod()));
        return Map.of("requests", amounts, "limits", amounts);
    }

    /** What every pod of the deployment carries, for the anti-affinity of its own pods and for Kueue. */
    static Map<String, String> podLabels(ModelDeploymentSnapshot model, boolean queued) {
        var labels = new java.util.TreeMap<String, String>();
        labels.put(Labels.MODEL_DEPLOYMENT, model.name());
        if (queued) {
            labels.putAll(WorkloadQueueLabels.of(WorkloadQueueLabels.WorkloadClass.SERVING));
        }
        return labels;
    }

    /**
     * A co-located deployment's pods go one per node: its pipeline stages then never share a GPU with each other,
     * which is what the planner's per-GPU budget assumes. Other deployments' pods are left to the scheduler.
     */
    static void spread(Map<String, Object> podSpec, ModelDeploymentSnapshot model) {
        if (!model.plan().coLocated()) {
            return;
        }
        @SuppressWarnings("unchecked")
        var affinity = new LinkedHashMap<String, Object>((Map<String, Object>) podSpec.getOrDefault("affinity",
                Map.of()));
        affinity.put("podAntiAffinity", Map.of("requiredDuringSchedulingIgnoredDuringExecution", List.of(Map.of(
                "labelSelector", Map.of("matchLabels", Map.of(Labels.MODEL_DEPLOYMENT, model.name())),
                "topologyKey", "kubernetes.io/hostname"))));
        podSpec.put("affinity", affinity);
    }

    /** Host memory to load one pod's share of the weights through, plus room for the Python runtime. */
    static long hostMemoryGi(ModelPlan plan) {
        return (long) Math.ceil(plan.memory().weightsPerGpuGiB() * plan.tensorParallelSize()) + 8;
    }

    /**
     * The Hugging Face token; the stages' layer split when it is not even; on GPUs below compute capability 8.0
     * (T4, V100), where FlashAttention 2 does not run, vLLM's Triton attention instead of its slow FlexAttention
     * fallback.
     */
    static List<Map<String, Object>> env(ModelPlan plan, PoolSnapshot pool) {
        var env = new ArrayList<Map<String, Object>>();
        env.add(Map.of("name", "HF_TOKEN", "valueFrom", Map.of("secretKeyRef",
                Map.of("name", HF_TOKEN_SECRET, "key", "token", "optional", true))));
        if (plan.layerPartition() != null) {
            env.add(Map.of("name", "VLLM_PP_LAYER_PARTITION", "value", String.join(",",
                    plan.layerPartition().stream().map(String::valueOf).toList())));
        }
        if (!Precision.BF16.runsOn(pool.gpuModel().computeCapability())) {
            env.add(Map.of("name", "VLLM_ATTENTION_BACKEND", "value", ModelDeploymentPlanner.PRE_AMPERE_ATTENTION));
        }
        return env;
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

    /** A memory-backed {@code /dev/shm} (NCCL and Ray need more than the default) and a model claim, if any. */
    static List<Map<String, Object>> volumeMounts(ModelSource source) {
        var mounts = new ArrayList<Map<String, Object>>(List.of(Map.of("name", "dshm",
                "mountPath", "/dev/shm")));
        if (source.claim() != null) {
            mounts.add(Map.of("name", "models", "mountPath", ModelSource.MOUNT, "readOnly", true));
        }
        return mounts;
    }

    static List<Map<String, Object>> volumes(ModelSource source) {
        var volumes = new ArrayList<Map<String, Object>>(List.of(Map.of("name", "dshm",
                "emptyDir", Map.of("medium", "Memory"))));
        if (source.claim() != null) {
            volumes.add(Map.of("name", "models", "persistentVolumeClaim", Map.of("claimName", source.claim(),
                    "readOnly", true)));
        }
        return volumes;
    }

    /** vLLM's command-line arguments for context, dtype, memory share and quantisation (not its parallel sizes). */
    static List<String> vllmArguments(ModelPlan plan) {
        var args = new ArrayList<String>();
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
