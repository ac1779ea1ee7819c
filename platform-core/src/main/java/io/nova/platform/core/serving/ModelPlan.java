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
 */
public record ModelPlan(boolean feasible, String summary, String pool, String gpuModel, ServingEngine engine,
                        Precision precision, int maxContext, int concurrentSequences, int tensorParallelSize,
                        int pipelineParallelSize, int replicas, int gpusPerReplica, int gpusTotal,
                        String resourceName, String migProfile, MemoryBudget memory, List<String> arithmetic,
                        List<FieldViolation> problems, List<PlanAlternative> alternatives, List<String> warnings,
                        QuotaFit quotaFit) {

    public ModelPlan {
        arithmetic = arithmetic == null ? List.of() : List.copyOf(arithmetic);
        problems = problems == null ? List.of() : List.copyOf(problems);
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public ModelPlan withWarning(String warning) {
        var all = new java.util.ArrayList<>(warnings);
        all.add(warning);
        return new ModelPlan(feasible, summary, pool, gpuModel, engine, precision, maxContext, concurrentSequences,
                tensorParallelSize, pipelineParallelSize, replicas, gpusPerReplica, gpusTotal, resourceName,
                migProfile, memory, arithmetic, problems, alternatives, all, quotaFit);
    }
}
