package io.nova.platform.core.reconcile;

import io.nova.platform.core.cluster.ClusterView;

/** Port: the delivery target of a cluster, by its delivery mode. */
public interface DeliveryTargets {

    DeliveryTarget of(ClusterView cluster);

    /** The cluster is gone: stop what ran for it. */
    default void forget(String cluster) {
    }
}
