package io.nova.platform.core.cluster;

import java.time.Instant;

public record ClusterView(String name, DeliveryMode deliveryMode, String apiServer, String credentialsRef,
                          GitOpsTarget gitops, ClusterSync sync, long resourceVersion, Instant createdAt,
                          Instant updatedAt) {

    static ClusterView of(Cluster c) {
        return new ClusterView(c.name(), c.deliveryMode(), c.apiServer(), c.credentialsRef(), c.gitops(), c.sync(),
                c.version(), c.createdAt(), c.updatedAt());
    }

    /**
     * What tenant owners and members see of a cluster: its name, mode and sync state, not where its API server or
     * repository is or which credentials reach them.
     */
    public ClusterView withoutConnection() {
        return new ClusterView(name, deliveryMode, null, null, null, sync, resourceVersion, createdAt, updatedAt);
    }

    /** The part that a change can alter; audit before/after and no-op detection compare this. */
    public ClusterSpec spec() {
        return new ClusterSpec(name, deliveryMode, apiServer, credentialsRef, gitops);
    }
}
