package io.nova.platform.core.serving;

/**
 * The pods one model deployment keeps on a time-sliced pool: {@code pods} pods of {@code slicesPerPod} time-slices
 * each, on distinct nodes when {@code spread} (a co-located deployment's pipeline stages and replicas).
 */
public record PoolPods(String deployment, int slicesPerPod, int pods, boolean spread) {
}
