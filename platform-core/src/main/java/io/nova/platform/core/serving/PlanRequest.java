package io.nova.platform.core.serving;

import java.util.List;
import java.util.Map;

import io.nova.platform.core.gpu.PoolSnapshot;

/**
 * What to plan: a model with complete facts in one precision on one pool, for a tenant whose quota on the pool is
 * {@code quotaLimits} (resource name to limit; null when the tenant has no quota there) of which its other model
 * deployments already use {@code inUse}.
 *
 * @param engine           null lets the planner choose (KubeRay when the model spans nodes, else KServe)
 * @param quotaGuarantees  the guaranteed part of the quota per resource name, where the cluster runs Kueue (which then
 *                         lends and reclaims what is above it); null: the plan does not tell guaranteed from borrowed
 * @param gpuShare         co-locate on a time-sliced pool with this share of each GPU's memory (0 < share ≤ 1,
 *                         rounded up to whole time-slices); null: whole devices or one time-slice
 * @param poolPods         the pods other model deployments (of every tenant) keep on the pool, for the placement
 *                         check of a co-located deployment
 */
public record PlanRequest(ModelFacts facts, Precision precision, int maxContext, int concurrentSequences,
                          int replicas, ServingEngine engine, PoolSnapshot pool, Map<String, Long> quotaLimits,
                          Map<String, Long> inUse, Map<String, Long> quotaGuarantees, Double gpuShare,
                          List<PoolPods> poolPods) {

    public PlanRequest {
        poolPods = poolPods == null ? List.of() : List.copyOf(poolPods);
        inUse = inUse == null ? Map.of() : Map.copyOf(inUse);
        quotaLimits = quotaLimits == null ? null : Map.copyOf(quotaLimits);
        quotaGuarantees = quotaGuarantees == null ? null : Map.copyOf(quotaGuarantees);
    }

    /** A request on a cluster without Kueue. */
    public PlanRequest(ModelFacts facts, Precision precision, int maxContext, int concurrentSequences, int replicas,
                       ServingEngine engine, PoolSnapshot pool, Map<String, Long> quotaLimits,
                       Map<String, Long> inUse) {
        this(facts, precision, maxContext, concurrentSequences, replicas, engine, pool, quotaLimits, inUse, null);
    }

    /** A request for whole devices, MIG instances or one time-slice. */
    public PlanRequest(ModelFacts facts, Precision precision, int maxContext, int concurrentSequences, int replicas,
                       ServingEngine engine, PoolSnapshot pool, Map<String, Long> quotaLimits,
                       Map<String, Long> inUse, Map<String, Long> quotaGuarantees) {
        this(facts, precision, maxContext, concurrentSequences, replicas, engine, pool, quotaLimits, inUse,
                quotaGuarantees, null, null);
    }

    PlanRequest withShare(Double share) {
        return new PlanRequest(facts, precision, maxContext, concurrentSequences, replicas, engine, pool, quotaLimits,
                inUse, quotaGuarantees, share, poolPods);
    }

    PlanRequest withEngine(ServingEngine other) {
        return new PlanRequest(facts, precision, maxContext, concurrentSequences, replicas, other, pool, quotaLimits,
                inUse, quotaGuarantees, gpuShare, poolPods);
    }

    PlanRequest withPrecision(Precision other) {
        return new PlanRequest(facts, other, maxContext, concurrentSequences, replicas, engine, pool, quotaLimits,
                inUse, quotaGuarantees, gpuShare, poolPods);
    }

    PlanRequest withContext(int context, int sequences) {
        return new PlanRequest(facts, precision, context, sequences, replicas, engine, pool, quotaLimits, inUse,
                quotaGuarantees, gpuShare, poolPods);
    }

    PlanRequest withReplicas(int count) {
        return new PlanRequest(facts, precision, maxContext, concurrentSequences, count, engine, pool, quotaLimits,
                inUse, quotaGuarantees, gpuShare, poolPods);
    }

    PlanRequest withNodes(int nodes) {
        var p = pool;
        return new PlanRequest(facts, precision, maxContext, concurrentSequences, replicas, engine,
                new PoolSnapshot(p.name(), p.gpuModel(), nodes, p.gpusPerNode(), p.nodeSelector(), p.sharing(),
                        p.capacity()), quotaLimits, inUse, quotaGuarantees, gpuShare, poolPods);
    }
}
