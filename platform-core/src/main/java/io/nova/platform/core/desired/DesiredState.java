package io.nova.platform.core.desired;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.gpu.PoolSnapshot;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.quota.QuotaSnapshot;
import io.nova.platform.core.quota.WorkloadQueues;
import io.nova.platform.core.serving.ModelDeploymentSnapshot;
import io.nova.platform.core.tenant.TenantSnapshot;

/**
 * Everything one cluster should look like, read in one transaction: the input of the renderer. Lists are sorted by
 * name so that rendering is deterministic. The per-tenant lookups are indexed once, so that going through every
 * tenant costs linear, not quadratic, time in the size of the fleet.
 */
public final class DesiredState {

    private final ClusterView cluster;
    private final List<PoolSnapshot> pools;
    private final List<TenantSnapshot> tenants;
    private final List<QuotaSnapshot> quotas;
    private final List<ModuleSnapshot> modules;
    private final List<ModelDeploymentSnapshot> models;
    private final Map<String, List<ModuleSnapshot>> modulesByTenant;
    private final Map<String, List<QuotaSnapshot>> quotasByTenant;
    private final Map<String, List<ModelDeploymentSnapshot>> modelsByTenant;
    private final List<ModuleSnapshot> clusterModules;
    private final Map<String, TenantSnapshot> tenantsBySlug;
    private final Map<String, Map<String, Long>> guaranteedByPool;

    /** A state that holds every tenant of the cluster: the guarantees per pool are summed from its quotas. */
    public DesiredState(ClusterView cluster, List<PoolSnapshot> pools, List<TenantSnapshot> tenants,
                        List<QuotaSnapshot> quotas, List<ModuleSnapshot> modules,
                        List<ModelDeploymentSnapshot> models) {
        this(cluster, pools, tenants, quotas, modules, models, null);
    }

    /**
     * @param guaranteedByPool pool → GPU resource → what all of the cluster's tenants are guaranteed there, also those
     *                         this state does not hold; null: summed from {@code quotas}
     */
    public DesiredState(ClusterView cluster, List<PoolSnapshot> pools, List<TenantSnapshot> tenants,
                        List<QuotaSnapshot> quotas, List<ModuleSnapshot> modules,
                        List<ModelDeploymentSnapshot> models, Map<String, Map<String, Long>> guaranteedByPool) {
        this.cluster = cluster;
        this.pools = List.copyOf(pools);
        this.tenants = List.copyOf(tenants);
        this.quotas = List.copyOf(quotas);
        this.modules = List.copyOf(modules);
        this.models = models == null ? List.of() : List.copyOf(models);
        this.modulesByTenant = this.modules.stream().filter(m -> m.tenant() != null)
                .collect(Collectors.groupingBy(ModuleSnapshot::tenant));
        this.quotasByTenant = this.quotas.stream().collect(Collectors.groupingBy(QuotaSnapshot::tenant));
        this.modelsByTenant = this.models.stream().collect(Collectors.groupingBy(ModelDeploymentSnapshot::tenant));
        this.clusterModules = this.modules.stream().filter(m -> m.tenant() == null).toList();
        this.tenantsBySlug = this.tenants.stream().collect(Collectors.toMap(TenantSnapshot::slug, t -> t,
                (a, b) -> a));
        this.guaranteedByPool = guaranteedByPool != null ? copy(guaranteedByPool) : summed(this.quotas);
    }

    private static Map<String, Map<String, Long>> summed(List<QuotaSnapshot> quotas) {
        var sums = new java.util.TreeMap<String, Map<String, Long>>();
        quotas.forEach(quota -> quota.resources().forEach((resource, amount) -> sums
                .computeIfAbsent(quota.pool(), pool -> new java.util.TreeMap<>())
                .merge(resource, amount.guaranteed(), Long::sum)));
        return copy(sums);
    }

    private static Map<String, Map<String, Long>> copy(Map<String, Map<String, Long>> sums) {
        var copy = new java.util.TreeMap<String, Map<String, Long>>();
        sums.forEach((pool, resources) -> copy.put(pool, java.util.Collections.unmodifiableSortedMap(
                new java.util.TreeMap<>(resources))));
        return java.util.Collections.unmodifiableSortedMap(copy);
    }

    /** Whether the tenants' GPU workloads queue through Kueue. */
    public boolean queueing() {
        return WorkloadQueues.enabled(clusterModules);
    }

    /** Pool → GPU resource → what all of the cluster's tenants are guaranteed there. */
    public Map<String, Map<String, Long>> guaranteedByPool() {
        return guaranteedByPool;
    }

    /** A state without model deployments. */
    public DesiredState(ClusterView cluster, List<PoolSnapshot> pools, List<TenantSnapshot> tenants,
                        List<QuotaSnapshot> quotas, List<ModuleSnapshot> modules) {
        this(cluster, pools, tenants, quotas, modules, List.of());
    }

    public ClusterView cluster() {
        return cluster;
    }

    public List<PoolSnapshot> pools() {
        return pools;
    }

    public List<TenantSnapshot> tenants() {
        return tenants;
    }

    public List<QuotaSnapshot> quotas() {
        return quotas;
    }

    public List<ModuleSnapshot> modules() {
        return modules;
    }

    public List<ModelDeploymentSnapshot> models() {
        return models;
    }

    /** The tenant of that slug in this cluster, or null. */
    public TenantSnapshot tenant(String slug) {
        return tenantsBySlug.get(slug);
    }

    public List<ModelDeploymentSnapshot> modelsOf(String tenant) {
        return modelsByTenant.getOrDefault(tenant, List.of());
    }

    public List<QuotaSnapshot> quotasOf(String tenant) {
        return quotasByTenant.getOrDefault(tenant, List.of());
    }

    public List<ModuleSnapshot> modulesOf(String tenant) {
        return modulesByTenant.getOrDefault(tenant, List.of());
    }

    public List<ModuleSnapshot> clusterModules() {
        return clusterModules;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DesiredState that && Objects.equals(cluster, that.cluster)
                && pools.equals(that.pools) && tenants.equals(that.tenants) && quotas.equals(that.quotas)
                && modules.equals(that.modules) && models.equals(that.models);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cluster, pools, tenants, quotas, modules, models);
    }

    @Override
    public String toString() {
        return "DesiredState[cluster=%s, %d pools, %d tenants, %d modules, %d models]".formatted(
                cluster == null ? null : cluster.name(), pools.size(), tenants.size(), modules.size(), models.size());
    }
}
