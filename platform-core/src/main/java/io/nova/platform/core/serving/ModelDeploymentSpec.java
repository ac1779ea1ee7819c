package io.nova.platform.core.serving;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Body of a create, update or plan request. {@code model} is a Hugging Face id ({@code Qwen/Qwen2.5-7B-Instruct})
 * or a storage URI ({@code s3://}, {@code gs://}, {@code pvc://claim/path}); {@code facts} default to the model
 * catalog's and are required for a model outside it. Defaults: {@code precision} BF16 where the pool's GPU supports
 * it, else FP16; {@code replicas} 1; {@code maxContext} the smaller of 8192 and the model's; {@code
 * concurrentSequences} 4; {@code engine} KubeRay when the model spans nodes, else KServe. {@code gpuShare} (0 < share
 * ≤ 1, time-sliced pools only) co-locates the model with others: each of its pods budgets that share of one GPU's
 * memory (rounded up to whole time-slices) and its pipeline stages go to different nodes.
 */
@JsonIgnoreProperties(value = {"tenant", "cluster", "factsFromCatalog", "plan", "endpointUrl", "gatewayUrl", "generation",
        "observedGeneration", "phase", "message", "resourceVersion", "createdAt", "updatedAt"}, allowGetters = true)
public record ModelDeploymentSpec(String name, String model, ModelFacts facts, Precision precision, String pool,
                                  Integer replicas, Integer maxContext, Integer concurrentSequences,
                                  ServingEngine engine, Double gpuShare) {

    /** A request for whole devices, MIG instances or one time-slice. */
    public ModelDeploymentSpec(String name, String model, ModelFacts facts, Precision precision, String pool,
                               Integer replicas, Integer maxContext, Integer concurrentSequences,
                               ServingEngine engine) {
        this(name, model, facts, precision, pool, replicas, maxContext, concurrentSequences, engine, null);
    }
}
