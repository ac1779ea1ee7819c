package io.nova.platform.core.serving;

import java.util.List;

import io.nova.platform.core.common.FieldViolation;

/**
 * How a model is spread over a pool's GPUs, or why it cannot be. {@code tensorParallelSize} GPUs of one node hold
 * each pipeline stage; {@code pipelineParallelSize} stages (one pod each, on different nodes when tp fills a node)
 * make one replica.
 *
 * @param feasible     false when {@code problems} says what is missing; the numbers then describe the closest try
 * @param resourceName the extended resource each pod requests ({@code nvidia.com/gpu}, a MIG profile, a shared GPU)
 * @param migProfile   the MIG profile of the instance, null outside MIG
 * @param arithmetic   the calculation, one line per step, for people
 * @param alternatives what would fit instead, when not feasible
 * @param warnings     things that do not block the plan but need attention
 * @param quotaFit     where the cluster runs Kueue: whether the GPUs are within the tenant's guarantee or partly
 *                     borrowed (preemptible); null otherwise
 * @param gpuShare     for a deployment co-located with others on a time-sliced pool: the share of each GPU's memory
 *                     its pods budget (their time-slices ÷ the pool's replicas); null for a plan on whole devices
 * @param layerPartition the layers of each pipeline stage when they are not split evenly (vLLM's
 *                     {@code VLLM_PP_LAYER_PARTITION}); null for an even split
 */
public record ModelPlan(boolean feasible, String summary, String pool, String gpuModel, ServingEngine engine,
                        Precision precision, int maxContext, int concurrentSequences, int tensorParallelSize,
                        int pipelineParallelSize, int replicas, int gpusPerReplica, int gpusTotal,
                        String resourceName, String migProfile, MemoryBudget memory, List<String> arithmetic,
                        List<FieldViolation> problems, List<PlanAlternative> alternatives, List<String> warnings,
                        QuotaFit quotaFit, Double gpuShare, List<Integer> layerPartition) {

    public ModelPlan {
        layerPartition = layerPartition == null ? null : List.copyOf(layerPartition);
        arithmetic = arithmetic == null ? List.of() : List.copyOf(arithmetic);
        problems = problems == null ? List.of() : List.copyOf(problems);
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A plan on whole devices, MIG instances or single time-slices. */
    public ModelPlan(boolean feasible, String summary, String pool, String gpuModel, ServingEngine engine,
                     Precision precision, int maxContext, int concurrentSequences, int tensorParallelSize,
                     int pipelineParallelSize, int replicas, int gpusPerReplica, int gpusTotal, String resourceName,
                     String migProfile, MemoryBudget memory, List<String> arithmetic, List<FieldViolation> problems,
                     List<PlanAlternative> alternatives, List<String> warnings, QuotaFit quotaFit) {
        this(feasible, summary, pool, gpuModel, engine, precision, maxContext, concurrentSequences, tensorParallelSize,
                pipelineParallelSize, replicas, gpusPerReplica, gpusTotal, resourceName, migProfile, memory,
                arithmetic, problems, alternatives, warnings, quotaFit, null, null);
    }

    /** How many of {@link #resourceName()} one pod requests: tp devices, or a co-located stage's time-slices. */
    public int devicesPerPod() {
        return pipelineParallelSize == 0 ? 0 : gpusPerReplica / pipelineParallelSize;
    }

    /** Whether its pods share GPUs with other deployments' under explicit memory budgets. */
    public boolean coLocated() {
        return gpuShare != null;
    }

    public ModelPlan withWarning(String warning) {
        var all = new java.util.ArrayList<>(warnings);
        all.add(warning);
        return new ModelPlan(feasible, summary, pool, gpuModel, engine, precision, maxContext, concurrentSequences,
                tensorParallelSize, pipelineParallelSize, replicas, gpusPerReplica, gpusTotal, resourceName,
                migProfile, memory, arithmetic, problems, alternatives, all, quotaFit, gpuShare, layerPartition);
    }
}
