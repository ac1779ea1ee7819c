package io.nova.platform.core.desired;

/**
 * Port to the outside world: makes a cluster look like its desired state (implemented where Kubernetes and Git
 * are spoken). The console and the REST API call it; nothing here knows how delivery works.
 */
public interface ClusterDelivery {

    /** What {@link #reconcile} would change right now, without changing anything. */
    DeliveryOutcome plan(String cluster);

    /** Renders and delivers the cluster's desired state now (checking some unchanged parts for drift too). */
    DeliveryOutcome reconcile(String cluster);

    /**
     * Delivers what changed since the last reconcile and nothing else: the path of a change, whose cost must not grow
     * with the fleet. Drift is left to {@link #reconcile}.
     */
    default DeliveryOutcome deliverChanges(String cluster) {
        return reconcile(cluster);
    }
}
