package io.nova.platform.core.quota.queue;

import java.time.Instant;

/**
 * One tenant's GPU queue with where its numbers come from.
 *
 * @param queueing whether the tenant's cluster runs Kueue
 * @param observed whether the numbers in use come from the cluster
 * @param message  why they do not, else null
 */
public record TenantQueueReport(boolean queueing, boolean observed, String message, Instant observedAt,
                                TenantQueueView queue) {
}
