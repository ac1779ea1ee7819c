package io.nova.platform.core.quota.queue;

/**
 * A tenant's quota on one GPU resource of a pool and what its queue uses of it.
 *
 * @param inUse    null: not observed
 * @param borrowed the part of {@code inUse} above the guarantee (preemptible); null: not observed
 */
public record TenantQueueUsage(String pool, String resource, long guaranteed, long limit, Long inUse, Long borrowed) {
}
