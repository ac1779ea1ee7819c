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

    /**
     * The in-cluster OpenAI-compatible base URL of a deployment the rendered objects serve; null for KServe's
     * LLMInferenceService, which publishes it in its status (through KServe's own Gateway).
     */
    public String endpointUrl(String name, String namespace) {
        return switch (this) {
            case VLLM_KUBERAY -> "http://%s-serve-svc.%s.svc.cluster.local:8000/v1".formatted(name, namespace);
            case KSERVE -> "http://%s-predictor.%s.svc.cluster.local/openai/v1".formatted(name, namespace);
            case KSERVE_LLM -> null;
            case VLLM_LWS -> "http://%s-openai.%s.svc.cluster.local:8000/v1".formatted(name, namespace);
        };
    }

    /** Whether the tenant's model gateway routes to it: where the platform knows its in-cluster address. */
    public boolean behindTenantGateway() {
        return this != KSERVE_LLM;
    }
}
