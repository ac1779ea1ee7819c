package io.nova.platform.core.desired;

import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.gpu.GpuPoolService;
import io.nova.platform.core.module.ModuleInstallService;
import io.nova.platform.core.quota.GpuQuotaService;
import io.nova.platform.core.serving.ModelDeploymentService;
import io.nova.platform.core.tenant.TenantService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads a consistent snapshot of one cluster's desired state with a fixed number of queries. */
@Service
public class DesiredStateReader {

    private final ClusterService clusters;
    private final GpuPoolService pools;
    private final TenantService tenants;
    private final GpuQuotaService quotas;
    private final ModuleInstallService modules;
    private final ModelDeploymentService models;

    public DesiredStateReader(ClusterService clusters, GpuPoolService pools, TenantService tenants,
                              GpuQuotaService quotas, ModuleInstallService modules, ModelDeploymentService models) {
        this.clusters = clusters;
        this.pools = pools;
        this.tenants = tenants;
        this.quotas = quotas;
        this.modules = modules;
        this.models = models;
    }

    @Transactional(readOnly = true)
    public DesiredState read(String cluster) {
        return new DesiredState(clusters.get(cluster), pools.snapshots(cluster), tenants.snapshots(cluster),
                quotas.snapshots(cluster), modules.snapshots(cluster),
                models.snapshots(cluster));
    }
}
