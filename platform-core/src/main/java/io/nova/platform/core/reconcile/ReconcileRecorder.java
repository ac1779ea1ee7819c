package io.nova.platform.core.reconcile;

import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.cluster.SyncState;
import io.nova.platform.core.module.ModuleInstallService;
import io.nova.platform.core.serving.ModelDeploymentService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes what one reconcile found, in one transaction: the tools' and served models' status and the cluster's sync
 * state. Only what changed is written.
 */
@Service
public class ReconcileRecorder {

    private final ClusterService clusters;
    private final ModuleInstallService modules;
    private final ModelDeploymentService models;

    public ReconcileRecorder(ClusterService clusters, ModuleInstallService modules, ModelDeploymentService models) {
        this.clusters = clusters;
        this.modules = modules;
        this.models = models;
    }

    @Transactional
    public void recordObservation(String cluster, Observation observation, SyncState state, String message,
                                  String revision) {
        modules.recordStatus(cluster, observation.modules());
        models.recordStatus(cluster, observation.models());
        clusters.recordSync(cluster, state, message, revision);
    }

    /** A reconcile that failed before it could observe anything. */
    @Transactional
    public void recordFailure(String cluster, String message) {
        clusters.recordSync(cluster, SyncState.FAILED, message, null);
    }
}
