package io.nova.platform.core.reconcile;

import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.desired.DesiredState;

/**
 * Where a cluster's objects go: a Git repository that Flux pulls, or the cluster's API server. One implementation per
 * delivery mode, chosen by {@link DeliveryTargets} from the cluster's settings; the reconcile does not know which.
 */
public interface DeliveryTarget {

    /**
     * Renders the units of {@code state} that {@code scope} covers (every tenant in the state, the cluster's own
     * objects when the scope has them) and makes the target hold exactly those objects within the scope.
     *
     * @param apply false: only say what would change
     * @param note  what the change is about and who asked for it, for the people who read the history (a commit's
     *              message and author)
     */
    TargetDelivery deliver(DesiredState state, DeliveryScope scope, boolean apply, ChangeNote note);

    /**
     * An id of everything the target holds for the cluster now, whoever put it there (for Git, the id of the cluster
     * folder's tree at the branch's tip), or null where the target cannot tell one cheaply. While it is the version
     * the platform's own last delivery left, nothing can have drifted.
     */
    default String version() {
        return null;
    }

    /** Whether {@link #observe} reads the cluster; if not, statuses only say what was delivered where. */
    boolean observes();

    /** The status of every module install and model deployment of {@code state}. */
    Observation observe(DesiredState state, String revision);

    /** After a reconcile of the cluster: start or stop what runs beside it (operators run on the leader only). */
    default void settled(ClusterView cluster, boolean leader) {
    }
}
