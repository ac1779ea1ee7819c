package io.nova.platform.core.serving;

/**
 * What serves the model: vLLM under Ray Serve on a KubeRay RayService, a KServe InferenceService (vLLM backend of the
 * Hugging Face runtime), KServe's LLMInferenceService (vLLM on LeaderWorkerSets, tensor and pipeline parallel), or
 * plain vLLM on a LeaderWorkerSet of its own (Ray inside each group when it spans nodes).
 */
public enum ServingEngine {
    VLLM_KUBERAY("kuberay", "RayService"),
    KSERVE("kserve", "InferenceService"),
    KSERVE_LLM("kserve", "LLMInferenceService"),
    VLLM_LWS("vllm", "LeaderWorkerSet");

    private final String module;
    private final String kind;

    ServingEngine(String module, String kind) {
        this.module = module;
        this.kind = kind;
    }

    /** The tenant module whose operator reconciles the rendered object. */
    public String module() {
        return module;
    }

    /** The kind of the object the platform renders for it. */
    public String kind() {
        return kind;
    }
}
