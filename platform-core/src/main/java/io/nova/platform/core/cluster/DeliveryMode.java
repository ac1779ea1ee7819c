package io.nova.platform.core.cluster;

/** How desired state reaches a cluster. */
public enum DeliveryMode {
    /** The platform applies objects to the API server itself. */
    DIRECT,
    /** The platform commits objects to a Git repository that Flux in the cluster applies. */
    GITOPS
}
