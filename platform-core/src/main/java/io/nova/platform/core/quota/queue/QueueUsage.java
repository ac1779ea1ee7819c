package io.nova.platform.core.quota.queue;

/**
 * GPUs of one pool that one tenant's queue holds, as Kueue reports them.
 *
 * @param pool     the pool (its Kueue ResourceFlavor)
 * @param resource the GPU resource name
 * @param inUse    what the queue's admitted workloads use
 * @param borrowed the part of {@code inUse} above the tenant's guarantee, lent by the cohort: preemptible when its
 *                 owners need it back
 */
public record QueueUsage(String pool, String resource, long inUse, long borrowed) {
}
