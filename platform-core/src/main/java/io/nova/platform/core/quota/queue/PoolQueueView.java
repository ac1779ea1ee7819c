package io.nova.platform.core.quota.queue;

/**
 * One GPU resource of a pool, as the tenants' queues share it.
 *
 * @param capacity   what the pool has
 * @param guaranteed what all tenants are guaranteed
 * @param inUse      what admitted workloads use (null: not observed)
 * @param borrowed   the part of {@code inUse} that tenants use above their guarantees (null: not observed)
 * @param free       {@code capacity - inUse} (null: not observed)
 */
public record PoolQueueView(String pool, String resource, long capacity, long guaranteed, Long inUse, Long borrowed,
                            Long free) {
}
