package io.nova.platform.core.desired;

import io.nova.platform.core.access.AccessControl;
import org.springframework.stereotype.Service;

/** Plan and reconcile on demand, for platform admins only (the REST API and the console call this). */
@Service
public class ClusterOperations {

    private final ClusterDelivery delivery;
    private final AccessControl access;

    public ClusterOperations(ClusterDelivery delivery, AccessControl access) {
        this.delivery = delivery;
        this.access = access;
    }

    public DeliveryOutcome plan(String cluster) {
        access.requireAdmin("plan cluster changes");
        return delivery.plan(cluster);
    }

    public DeliveryOutcome reconcile(String cluster) {
        access.requireAdmin("reconcile clusters");
        return delivery.reconcile(cluster);
    }

    /** Delivers only what changed since the last reconcile, as the platform does after a change. */
    public DeliveryOutcome deliverChanges(String cluster) {
        access.requireAdmin("reconcile clusters");
        return delivery.deliverChanges(cluster);
    }
}
