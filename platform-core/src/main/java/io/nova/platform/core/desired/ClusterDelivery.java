package io.nova.platform.core.desired;

/**
 * Port to the outside world: makes a cluster look like its desired state (implemented where Kubernetes and Git
 * are spoken). The console and the REST API call it; nothing here knows how delivery works.
 */
public interface ClusterDelivery {

    /** What {@link #reconcile} would change right now, without changing anything. */
    DeliveryOutcome plan(String cluster);

    /** Renders and delivers the cluster's desired state now and records the outcome. */
    DeliveryOutcome reconcile(String cluster);
}
