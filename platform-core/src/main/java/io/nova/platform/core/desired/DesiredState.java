package io.nova.platform.core.desired;

import java.util.List;

import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.gpu.PoolSnapshot;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.quota.QuotaSnapshot;
import io.nova.platform.core.serving.ModelDeploymentSnapshot;
import io.nova.platform.core.tenant.TenantSnapshot;

/**
 * Everything one cluster should look like, read in one transaction: the input of the renderer. Lists are sorted by
 * name so that rendering is deterministic.
 */
public record DesiredState(ClusterView cluster, List<PoolSnapshot> pools, List<TenantSnapshot> tenants,
                           List<QuotaSnapshot> quotas, List<ModuleSnapshot> modules,
                           List<ModelDeploymentSnapshot> models) {

    public DesiredState {
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** A state without model deployments. */
    public DesiredState(ClusterView cluster, List<PoolSnapshot> pools, List<TenantSnapshot> tenants,
                        List<QuotaSnapshot> quotas, List<ModuleSnapshot> modules) {
        this(cluster, pools, tenants, quotas, modules, List.of());
    }

    public List<ModelDeploymentSnapshot> modelsOf(String tenant) {
        return models.stream().filter(m -> m.tenant().equals(tenant)).toList();
    }

    public List<QuotaSnapshot> quotasOf(String tenant) {
        return quotas.stream().filter(q -> q.tenant().equals(tenant)).toList();
    }

    public List<ModuleSnapshot> modulesOf(String tenant) {
        return modules.stream().filter(m -> tenant.equals(m.tenant())).toList();
    }

    public List<ModuleSnapshot> clusterModules() {
        return modules.stream().filter(m -> m.tenant() == null).toList();
    }
}
