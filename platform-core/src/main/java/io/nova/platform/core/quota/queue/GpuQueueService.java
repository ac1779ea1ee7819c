package io.nova.platform.core.quota.queue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.nova.platform.core.access.AccessControl;
import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.common.PageResult;
import io.nova.platform.core.gpu.GpuPoolService;
import io.nova.platform.core.gpu.PoolSnapshot;
import io.nova.platform.core.module.ModuleInstallService;
import io.nova.platform.core.quota.GpuQuotaService;
import io.nova.platform.core.quota.QuotaSnapshot;
import io.nova.platform.core.quota.WorkloadQueues;
import io.nova.platform.core.tenant.TenantService;
import io.nova.platform.core.tenant.TenantView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The live picture of the GPU queues: quotas from the database, what is in use and what waits from the cluster's
 * Kueue where the platform can reach the cluster. Deliberately outside a transaction: the cluster is read after the
 * database, without holding a connection.
 */
@Service
public class GpuQueueService {

    private final ClusterService clusters;
    private final GpuPoolService pools;
    private final GpuQuotaService quotas;
    private final TenantService tenants;
    private final ModuleInstallService modules;
    private final AccessControl access;
    private final ObjectProvider<QueueStatusSource> source;
    private final Clock clock = Clock.systemUTC();

    public GpuQueueService(ClusterService clusters, GpuPoolService pools, GpuQuotaService quotas,
                           TenantService tenants, ModuleInstallService modules, AccessControl access,
                           ObjectProvider<QueueStatusSource> source) {
        this.clusters = clusters;
        this.pools = pools;
        this.quotas = quotas;
        this.tenants = tenants;
        this.modules = modules;
        this.access = access;
        this.source = source;
    }

    /** Per pool guaranteed vs borrowed vs free, and one page of the cluster's tenants' queues. */
    public GpuQueuesView cluster(String name, PageQuery page) {
        access.requireAdminOrViewer("see a cluster's GPU queues");
        ClusterView cluster = clusters.viewOf(name);
        List<PoolSnapshot> poolSnapshots = pools.snapshots(name);
        Map<String, Map<String, Long>> guaranteed = quotas.guaranteedByPool(name);
        PageResult<TenantView> tenantPage = tenants.list(name, page);
        List<QuotaSnapshot> pageQuotas = quotas.snapshots(name, tenantPage.items().stream()
                .map(TenantView::slug).toList());
        boolean queueing = WorkloadQueues.enabled(modules.clusterSnapshots(name));
        QueueObservation observed = observe(cluster, queueing, List.of());
        Map<String, ObservedQueue> queues = observed.byNamespace();

        var poolViews = new ArrayList<PoolQueueView>();
        for (PoolSnapshot pool : poolSnapshots) {
            pool.capacity().forEach((resource, capacity) -> {
                long promised = guaranteed.getOrDefault(pool.name(), Map.of()).getOrDefault(resource, 0L);
                if (!observed.reachable()) {
                    poolViews.add(new PoolQueueView(pool.name(), resource, capacity, promised, null, null, null));
                    return;
                }
                long inUse = 0;
                long borrowed = 0;
                for (ObservedQueue queue : observed.queues()) {
                    for (QueueUsage usage : queue.usage()) {
                        if (usage.pool().equals(pool.name()) && usage.resource().equals(resource)) {
                            inUse += usage.inUse();
                            borrowed += usage.borrowed();
                        }
                    }
                }
                poolViews.add(new PoolQueueView(pool.name(), resource, capacity, promised, inUse, borrowed,
                        Math.max(0, capacity - inUse)));
            });
        }
        var tenantViews = tenantPage.items().stream().map(tenant -> tenantQueue(tenant, pageQuotas,
                observed.reachable() ? queues.get(tenant.namespace()) : null, observed.reachable())).toList();
        return new GpuQueuesView(name, queueing, observed.reachable(), observed.message(),
                observed.reachable() ? observed.observedAt() : null, poolViews,
                new PageResult<>(tenantViews, tenantPage.page(), tenantPage.size(), tenantPage.total()));
    }

    /** One tenant's queue with its waiting workloads and why they wait. */
    public TenantQueueReport tenant(String slug) {
        TenantView tenant = tenants.get(slug);
        ClusterView cluster = clusters.viewOf(tenant.cluster());
        List<QuotaSnapshot> tenantQuotas = quotas.snapshots(tenant.cluster(), List.of(slug));
        boolean queueing = WorkloadQueues.enabled(modules.clusterSnapshots(tenant.cluster()));
        QueueObservation observed = observe(cluster, queueing, List.of(tenant.namespace()));
        return new TenantQueueReport(queueing, observed.reachable(), observed.message(),
                observed.reachable() ? observed.observedAt() : null, tenantQueue(tenant, tenantQuotas,
                        observed.byNamespace().get(tenant.namespace()), observed.reachable()));
    }

    private QueueObservation observe(ClusterView cluster, boolean queueing, Collection<String> waitingIn) {
        if (!queueing) {
            return QueueObservation.unreachable("Kueue is off on cluster '%s': GPU quotas are enforced by each "
                    + "tenant's ResourceQuota alone, nothing queues".formatted(cluster.name()), clock.instant());
        }
        QueueStatusSource reader = source.getIfAvailable();
        if (reader == null) {
            return QueueObservation.unreachable("This installation reads no cluster status", clock.instant());
        }
        return reader.observe(cluster, waitingIn);
    }

    private static TenantQueueView tenantQueue(TenantView tenant, List<QuotaSnapshot> allQuotas,
                                               ObservedQueue queue, boolean observed) {
        var usage = new ArrayList<TenantQueueUsage>();
        for (QuotaSnapshot quota : allQuotas) {
            if (!quota.tenant().equals(tenant.slug())) {
                continue;
            }
            quota.resources().forEach((resource, amount) -> {
                Long inUse = null;
                Long borrowed = null;
                if (observed) {
                    inUse = 0L;
                    borrowed = 0L;
                    for (QueueUsage used : queue == null ? List.<QueueUsage>of() : queue.usage()) {
                        if (used.pool().equals(quota.pool()) && used.resource().equals(resource)) {
                            inUse += used.inUse();
                            borrowed += used.borrowed();
                        }
                    }
                }
                usage.add(new TenantQueueUsage(quota.pool(), resource, amount.guaranteed(), amount.limit(), inUse,
                        borrowed));
            });
        }
        Long admitted = observed ? (queue == null ? 0L : queue.admitted()) : null;
        Long pending = observed ? (queue == null ? 0L : queue.pending()) : null;
        return new TenantQueueView(tenant.slug(), tenant.namespace(), admitted, pending, usage,
                queue == null ? List.of() : queue.waiting());
    }
}
