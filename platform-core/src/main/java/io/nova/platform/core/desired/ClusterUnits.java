package io.nova.platform.core.desired;

import java.util.List;
import java.util.Map;

import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.gpu.PoolSnapshot;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.quota.WorkloadQueues;
import io.nova.platform.core.tenant.TenantRevision;

/**
 * A cluster's desired state in outline: its own part in full (small: pools and cluster components) and each tenant
 * only as a revision, so that finding what changed does not load the fleet.
 */
public record ClusterUnits(ClusterView cluster, List<PoolSnapshot> pools, List<ModuleSnapshot> clusterModules,
                           List<TenantRevision> tenants, Map<String, Map<String, Long>> guaranteed) {

    /**
     * @param guaranteed pool → GPU resource → what all tenants are guaranteed there: part of the cluster's own unit
     *                   (the quota model's shared capacity), so that a changed guarantee re-renders it
     */
    public ClusterUnits {
        pools = List.copyOf(pools);
        clusterModules = List.copyOf(clusterModules);
        tenants = List.copyOf(tenants);
        guaranteed = guaranteed == null ? Map.of() : Map.copyOf(guaranteed);
    }

    public ClusterUnits(ClusterView cluster, List<PoolSnapshot> pools, List<ModuleSnapshot> clusterModules,
                        List<TenantRevision> tenants) {
        this(cluster, pools, clusterModules, tenants, null);
    }

    /** Whether the tenants' GPU workloads queue through Kueue (a tenant input, like the pools). */
    public boolean queueing() {
        return WorkloadQueues.enabled(clusterModules);
    }
}
