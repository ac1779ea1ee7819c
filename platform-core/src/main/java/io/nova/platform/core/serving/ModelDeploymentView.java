package io.nova.platform.core.serving;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.nova.platform.core.module.ModulePhase;

/**
 * A model deployment as callers see it: the request with defaults filled in, the plan, and what the reconciler
 * reported. {@code endpointUrl} is the in-cluster OpenAI-compatible base URL; {@code gatewayUrl} the one callers with
 * one of the tenant's API keys use from outside (null without StarVault, or for KServe's LLMInferenceService, which
 * KServe exposes itself); {@code gpuShare} the share of each GPU a co-located deployment's pods budget.
 */
public record ModelDeploymentView(String name, String tenant, String cluster, String model, ModelFacts facts,
                                  boolean factsFromCatalog, Precision precision, String pool, int replicas,
                                  int maxContext, int concurrentSequences, ServingEngine engine, Double gpuShare,
                                  ModelPlan plan, String endpointUrl, String gatewayUrl, long generation,
                                  long observedGeneration, ModulePhase phase, String message, long resourceVersion,
                                  Instant createdAt, Instant updatedAt) {

    /** The desired part, for the audit log. */
    public Map<String, Object> desired() {
        var desired = new LinkedHashMap<String, Object>();
        desired.put("model", model);
        desired.put("facts", facts);
        desired.put("precision", precision.name());
        desired.put("pool", pool);
        desired.put("replicas", replicas);
        desired.put("maxContext", maxContext);
        desired.put("concurrentSequences", concurrentSequences);
        desired.put("engine", engine.name());
        if (gpuShare != null) {
            desired.put("gpuShare", gpuShare);
            desired.put("layerPartition", plan.layerPartition());
        }
        desired.put("tensorParallelSize", plan.tensorParallelSize());
        desired.put("pipelineParallelSize", plan.pipelineParallelSize());
        desired.put("gpus", plan.gpusTotal());
        return desired;
    }
}
