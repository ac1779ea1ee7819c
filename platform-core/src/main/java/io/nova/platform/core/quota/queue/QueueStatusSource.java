package io.nova.platform.core.quota.queue;

import java.util.Collection;

import io.nova.platform.core.cluster.ClusterView;

/** Reads a cluster's Kueue queues: implemented where the platform can reach the cluster's API. */
public interface QueueStatusSource {

    /**
     * @param waitingIn namespaces whose waiting workloads to list with their reasons (each one more read)
     */
    QueueObservation observe(ClusterView cluster, Collection<String> waitingIn);
}
