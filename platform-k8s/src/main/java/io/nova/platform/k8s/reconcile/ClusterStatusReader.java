package io.nova.platform.k8s.reconcile;

import java.util.List;
import java.util.function.Supplier;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.reconcile.Observation;
import io.nova.platform.k8s.crd.MLInfrastructure;
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

    /**
     * {@link #read}, and whether the cluster's agent has reported on the MLInfrastructure the platform delivered: a
     * note when the resource is not in the cluster yet (Flux has not applied it), has no status, or its status is of
     * an older generation.
     */
    Observation readWithAgent(DesiredState state, String revision) {
        Observation observed = read(state, revision);
        String name = state.cluster().name();
        MLInfrastructure infrastructure = client.get().resources(MLInfrastructure.class).withName(name).get();
        String note;
        if (infrastructure == null) {
            note = "agent: Flux has not applied MLInfrastructure %s yet".formatted(name);
        } else if (infrastructure.getStatus() == null || infrastructure.getStatus().getObservedGeneration() == null) {
            note = "agent not reporting: MLInfrastructure %s has no status (is the nova-agent Deployment running?)"
                    .formatted(name);
        } else if (infrastructure.getMetadata().getGeneration() != null
                && infrastructure.getStatus().getObservedGeneration() < infrastructure.getMetadata().getGeneration()) {
            note = "agent not reporting on generation %d of MLInfrastructure %s yet (last: %d)".formatted(
                    infrastructure.getMetadata().getGeneration(), name,
                    infrastructure.getStatus().getObservedGeneration());
        } else {
            return observed;
        }
        return new Observation(observed.modules(), observed.models(), List.of(note));
    }

    /** What Git holds, for a cluster out of reach: each delivered install is RECONCILING with its commit. */
    static Observation committed(DesiredState state, String revision) {
        return new Observation(new ModuleStatusReader(null).read(state, null, revision),
                new ModelDeploymentStatusReader(null).read(state, null, revision));
    }
}
