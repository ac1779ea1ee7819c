package io.nova.platform.core.serving;

/**
 * What serves the model: vLLM under Ray Serve on a KubeRay RayService, a KServe InferenceService (vLLM backend of the
 * Hugging Face runtime), or KServe's LLMInferenceService (vLLM on LeaderWorkerSets, tensor and pipeline parallel).
 */
public enum ServingEngine {
    VLLM_KUBERAY("kuberay", "RayService"),
    KSERVE("kserve", "InferenceService"),
    KSERVE_LLM("kserve", "LLMInferenceService");

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
