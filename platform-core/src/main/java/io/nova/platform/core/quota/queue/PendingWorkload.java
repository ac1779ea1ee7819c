package io.nova.platform.core.quota.queue;

import java.time.Instant;

/**
 * A workload waiting in a tenant's queue, and why, in Kueue's words.
 *
 * @param name          the Kueue Workload's name
 * @param owner         what it stands for ({@code RayCluster qwen-raycluster-x7k2}, {@code Pod jupyter-alice})
 * @param priorityClass its WorkloadPriorityClass, or null
 * @param reason        the reason of its {@code QuotaReserved} condition (e.g. {@code Pending}), or {@code Queued}
 * @param message       Kueue's explanation (e.g. insufficient quota for a resource in a flavor)
 * @param since         when that condition last changed, or when the workload was created
 */
public record PendingWorkload(String name, String owner, String priorityClass, String reason, String message,
                              Instant since) {
}
