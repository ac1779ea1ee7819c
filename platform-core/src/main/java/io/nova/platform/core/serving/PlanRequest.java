package io.nova.platform.core.serving;

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
 */
public record PlanRequest(ModelFacts facts, Precision precision, int maxContext, int concurrentSequences,
                          int replicas, ServingEngine engine, PoolSnapshot pool, Map<String, Long> quotaLimits,
                          Map<String, Long> inUse, Map<String, Long> quotaGuarantees) {

    public PlanRequest {
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

    PlanRequest withPrecision(Precision other) {
        return new PlanRequest(facts, other, maxContext, concurrentSequences, replicas, engine, pool, quotaLimits,
                inUse, quotaGuarantees);
    }

    PlanRequest withContext(int context, int sequences) {
        return new PlanRequest(facts, precision, context, sequences, replicas, engine, pool, quotaLimits, inUse,
                quotaGuarantees);
    }

    PlanRequest withReplicas(int count) {
        return new PlanRequest(facts, precision, maxContext, concurrentSequences, count, engine, pool, quotaLimits,
                inUse, quotaGuarantees);
    }

    PlanRequest withNodes(int nodes) {
        var p = pool;
        return new PlanRequest(facts, precision, maxContext, concurrentSequences, replicas, engine,
                new PoolSnapshot(p.name(), p.gpuModel(), nodes, p.gpusPerNode(), p.nodeSelector(), p.sharing(),
                        p.capacity()), quotaLimits, inUse, quotaGuarantees);
    }
}
