package io.nova.platform.core.quota.queue;

import java.time.Instant;
import java.util.List;

import io.nova.platform.core.common.PageResult;

/**
 * A cluster's GPU queues: per pool guaranteed vs borrowed vs free, and one page of its tenants' queues.
 *
 * @param queueing   whether the cluster runs Kueue; without, quotas are enforced by ResourceQuotas alone
 * @param observed   whether the numbers in use come from the cluster
 * @param message    why they do not (Kueue off, cluster out of reach), else null
 * @param observedAt when the cluster was read, or null
 */
public record GpuQueuesView(String cluster, boolean queueing, boolean observed, String message, Instant observedAt,
                            List<PoolQueueView> pools, PageResult<TenantQueueView> tenants) {
}
