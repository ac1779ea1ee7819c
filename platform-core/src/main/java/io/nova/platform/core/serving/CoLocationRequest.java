package io.nova.platform.core.serving;

import java.util.List;

import io.nova.platform.core.gpu.PoolSnapshot;

/**
 * Several models to place together on one time-sliced pool, next to what the pool already holds ({@code others}),
 * within the tenant's quota ({@code quotaLimit} time-slices, null without quota; {@code inUse} by its deployments
 * that are not part of the request).
 */
public record CoLocationRequest(PoolSnapshot pool, List<Candidate> deployments, List<PoolPods> others,
                                Long quotaLimit, long inUse) {

    public CoLocationRequest {
        deployments = List.copyOf(deployments);
        others = List.copyOf(others);
    }

    /** One model; {@code request.gpuShare()} fixes its share, null lets the planner find the smallest that fits. */
    public record Candidate(String name, String model, PlanRequest request) {
    }

    CoLocationRequest with(java.util.function.UnaryOperator<PlanRequest> change) {
        return new CoLocationRequest(pool, deployments.stream().map(c -> new Candidate(c.name(), c.model(),
                change.apply(c.request()))).toList(), others, quotaLimit, inUse);
    }

    CoLocationRequest withCandidate(int index, PlanRequest request) {
        var changed = new java.util.ArrayList<>(deployments);
        Candidate old = changed.get(index);
        changed.set(index, new Candidate(old.name(), old.model(), request));
        return new CoLocationRequest(pool, changed, others, quotaLimit, inUse);
    }
}
