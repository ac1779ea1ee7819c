package io.nova.platform.core.quota.queue;

import java.util.List;

/**
 * One tenant's ClusterQueue as Kueue reports it.
 *
 * @param namespace the tenant's namespace (the queue is named after it)
 * @param admitted  workloads admitted and running
 * @param pending   workloads waiting for quota
 * @param usage     GPUs in use per pool and resource
 * @param waiting   the waiting workloads and why; empty unless asked for the namespace
 */
public record ObservedQueue(String namespace, long admitted, long pending, List<QueueUsage> usage,
                            List<PendingWorkload> waiting) {

    public ObservedQueue {
        usage = List.copyOf(usage);
        waiting = List.copyOf(waiting);
    }
}
