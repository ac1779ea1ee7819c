package io.nova.platform.core.quota;

import java.util.Collection;

import io.nova.platform.core.module.ModuleSnapshot;

/**
 * Whether a cluster admits its GPU workloads through Kueue: when its Kueue component is on, every tenant gets a queue
 * and the platform's GPU workloads name it. Tenants' objects depend on it, so it is part of their input.
 */
public final class WorkloadQueues {

    public static final String MODULE = "kueue";

    private WorkloadQueues() {
    }

    public static boolean enabled(Collection<ModuleSnapshot> clusterModules) {
        return clusterModules.stream().anyMatch(m -> m.enabled() && m.tenant() == null
                && MODULE.equals(m.module().key()));
    }
}
