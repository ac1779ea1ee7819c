package io.nova.platform.core.serving;

/** What serves the model: vLLM under Ray Serve on a KubeRay RayService, or a KServe InferenceService. */
public enum ServingEngine {
    VLLM_KUBERAY("kuberay"),
    KSERVE("kserve");

    private final String module;

    ServingEngine(String module) {
        this.module = module;
    }

    /** The tenant module whose operator reconciles the rendered object. */
    public String module() {
        return module;
    }
}
