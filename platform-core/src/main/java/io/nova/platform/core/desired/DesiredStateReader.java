package io.nova.platform.core.desired;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.gpu.GpuPoolService;
import io.nova.platform.core.module.ModuleInstallService;
import io.nova.platform.core.quota.GpuQuotaService;
import io.nova.platform.core.serving.ModelDeploymentService;
import io.nova.platform.core.tenant.TenantService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads one cluster's desired state: whole, or in outline ({@link ClusterUnits}) and then the tenants a reconcile
 * works on, with a number of queries that grows with those tenants, not with the fleet.
 */
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
    public ClusterUnits units(String cluster) {
        return new ClusterUnits(clusters.get(cluster), pools.snapshots(cluster), modules.clusterSnapshots(cluster),
                tenants.revisions(cluster), quotas.guaranteedByPool(cluster));
    }

    /**
     * The cluster's own part as {@code units} holds it, and the given tenants as they are now (those that still
     * exist). Read after the revisions, a tenant is never older than its revision.
     */
    @Transactional(readOnly = true)
    public DesiredState read(ClusterUnits units, Collection<String> tenantSlugs) {
        String cluster = units.cluster().name();
        var installs = new ArrayList<>(units.clusterModules());
        installs.addAll(modules.snapshots(cluster, tenantSlugs));
        return new DesiredState(units.cluster(), units.pools(), tenants.snapshots(cluster, tenantSlugs),
                quotas.snapshots(cluster, tenantSlugs), installs, models.snapshots(cluster, tenantSlugs),
                units.guaranteed());
    }

    /** Up to {@code limit} tenants with a module install or model deployment that has not reported READY yet. */
    @Transactional(readOnly = true)
    public List<String> unsettledTenants(String cluster, int limit) {
        var slugs = new java.util.TreeSet<>(modules.unsettledTenants(cluster, limit));
        slugs.addAll(models.unsettledTenants(cluster, limit));
        return slugs.stream().limit(limit).toList();
    }
}
