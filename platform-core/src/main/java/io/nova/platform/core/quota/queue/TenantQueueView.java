package io.nova.platform.core.quota.queue;

import java.util.List;

/**
 * A tenant's GPU queue: its quotas, what it uses of them, and what waits.
 *
 * @param admitted null: not observed
 * @param pending  null: not observed
 * @param waiting  the waiting workloads and why (only in a tenant's own view)
 */
public record TenantQueueView(String tenant, String namespace, Long admitted, Long pending,
                              List<TenantQueueUsage> usage, List<PendingWorkload> waiting) {

    public TenantQueueView {
        usage = List.copyOf(usage);
        waiting = List.copyOf(waiting);
    }
}
