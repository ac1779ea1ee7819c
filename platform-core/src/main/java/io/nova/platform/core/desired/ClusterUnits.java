package io.nova.platform.core.desired;

import java.util.List;

import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.gpu.PoolSnapshot;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.tenant.TenantRevision;

/**
 * A cluster's desired state in outline: its own part in full (small: pools and cluster components) and each tenant
 * only as a revision, so that finding what changed does not load the fleet.
 */
public record ClusterUnits(ClusterView cluster, List<PoolSnapshot> pools, List<ModuleSnapshot> clusterModules,
                           List<TenantRevision> tenants) {

    public ClusterUnits {
        pools = List.copyOf(pools);
        clusterModules = List.copyOf(clusterModules);
        tenants = List.copyOf(tenants);
    }
}
