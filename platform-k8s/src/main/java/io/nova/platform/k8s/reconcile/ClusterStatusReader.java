package io.nova.platform.k8s.reconcile;

import java.util.function.Supplier;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.reconcile.Observation;
import io.nova.platform.k8s.direct.ApiRateLimiter;

/** Reads the status of a state's module installs (HelmReleases) and model deployments from the cluster. */
final class ClusterStatusReader {

    private final Supplier<KubernetesClient> client;
    private final ModuleStatusReader modules;
    private final ModelDeploymentStatusReader models;

    ClusterStatusReader(Supplier<KubernetesClient> client, ApiRateLimiter rateLimiter) {
        this.client = client;
        this.modules = new ModuleStatusReader(rateLimiter);
        this.models = new ModelDeploymentStatusReader(rateLimiter);
    }

    Observation read(DesiredState state, String revision) {
        KubernetesClient cluster = client.get();
        return new Observation(modules.read(state, cluster, revision), models.read(state, cluster, revision));
    }

    /** What Git holds, for a cluster out of reach: each delivered install is RECONCILING with its commit. */
    static Observation committed(DesiredState state, String revision) {
        return new Observation(new ModuleStatusReader(null).read(state, null, revision),
                new ModelDeploymentStatusReader(null).read(state, null, revision));
    }
}
