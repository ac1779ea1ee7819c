package io.nova.platform.k8s.render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.nova.platform.core.cluster.ClusterSync;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.cluster.DeliveryMode;
import io.nova.platform.core.cluster.GitOpsTarget;
import io.nova.platform.core.cluster.SyncState;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.gpu.GpuModelCatalog;
import io.nova.platform.core.gpu.GpuSharing;
import io.nova.platform.core.gpu.GpuSharingRules;
import io.nova.platform.core.gpu.PoolCapacity;
import io.nova.platform.core.gpu.PoolSnapshot;
import io.nova.platform.core.module.ModuleCatalog;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.module.SecretDelivery;
import io.nova.platform.core.quota.QuotaAmount;
import io.nova.platform.core.quota.QuotaSnapshot;
import io.nova.platform.core.serving.ModelCatalog;
import io.nova.platform.core.serving.ModelDeploymentPlanner;
import io.nova.platform.core.serving.ModelDeploymentSnapshot;
import io.nova.platform.core.serving.ModelPlan;
import io.nova.platform.core.serving.PlanRequest;
import io.nova.platform.core.serving.Precision;
import io.nova.platform.core.serving.ServingEngine;
import io.nova.platform.core.tenant.TenantQuota;
import io.nova.platform.core.tenant.TenantSnapshot;
import io.nova.platform.core.tenant.TenantState;

/** Builds desired states for renderer tests from the real GPU and module catalogs. */
public final class DesiredStates {

    public static final GpuModelCatalog GPUS = GpuModelCatalog.load();
    public static final ModuleCatalog MODULES = ModuleCatalog.loadDefault();
    public static final ModelCatalog MODELS = ModelCatalog.load();

    private final ClusterView cluster;
    private final List<PoolSnapshot> pools = new ArrayList<>();
    private final List<TenantSnapshot> tenants = new ArrayList<>();
    private final List<QuotaSnapshot> quotas = new ArrayList<>();
    private final List<ModuleSnapshot> modules = new ArrayList<>();
    private final List<ModelDeploymentSnapshot> models = new ArrayList<>();

    private DesiredStates(DeliveryMode mode) {
        this.cluster = new ClusterView("lab", mode, null, null,
                mode == DeliveryMode.GITOPS ? new GitOpsTarget("https://git.example.com/fleet.git", "main",
                        "clusters/lab") : null,
                new ClusterSync(SyncState.PENDING, null, null, null, null), 0, Instant.EPOCH, Instant.EPOCH);
    }

    public static DesiredStates gitops() {
        return new DesiredStates(DeliveryMode.GITOPS);
    }

    public static DesiredStates direct() {
        return new DesiredStates(DeliveryMode.DIRECT);
    }

    public DesiredStates pool(String name, String model, int nodes, int gpus, GpuSharing sharing) {
        var gpu = GPUS.find(model).orElseThrow();
        var normalized = new GpuSharingRules(GPUS).normalized(gpu, sharing);
        pools.add(new PoolSnapshot(name, gpu, nodes, gpus, Map.of("nvidia.com/gpu.product", gpu.productLabel()),
                normalized, PoolCapacity.of(gpu, normalized, nodes * gpus)));
        return this;
    }

    public DesiredStates tenant(String slug, String... ownerGroups) {
        tenants.add(new TenantSnapshot(slug, "Team " + slug, null, "nova-" + slug, List.of(ownerGroups),
                new TenantQuota("16", "64Gi", "1Ti"), TenantState.ACTIVE));
        return this;
    }

    /** Gives a tenant added before these member groups (read-only access). */
    public DesiredStates members(String tenant, String... groups) {
        return change(tenant, t -> new TenantSnapshot(t.slug(), t.displayName(), t.description(), t.namespace(),
                t.ownerGroups(), List.of(groups), t.quota(), t.state(), t.egressCidrs()));
    }

    /** Opens these CIDRs for the egress of a tenant added before (what a platform admin may set). */
    public DesiredStates egress(String tenant, String... cidrs) {
        return change(tenant, t -> new TenantSnapshot(t.slug(), t.displayName(), t.description(), t.namespace(),
                t.ownerGroups(), t.memberGroups(), t.quota(), t.state(), List.of(cidrs)));
    }

    /** Suspends a tenant added before. */
    public DesiredStates suspended(String tenant) {
        return change(tenant, t -> new TenantSnapshot(t.slug(), t.displayName(), t.description(), t.namespace(),
                t.ownerGroups(), t.memberGroups(), t.quota(), TenantState.SUSPENDED, t.egressCidrs()));
    }

    /** Gives a tenant added before another quota (null parts: no limit). */
    public DesiredStates tenantQuota(String tenant, String cpu, String memory, String storage) {
        return change(tenant, t -> new TenantSnapshot(t.slug(), t.displayName(), t.description(), t.namespace(),
                t.ownerGroups(), t.memberGroups(), new TenantQuota(cpu, memory, storage), t.state(), t.egressCidrs()));
    }

    private DesiredStates change(String tenant, java.util.function.UnaryOperator<TenantSnapshot> change) {
        int index = tenants.indexOf(tenants.stream().filter(t -> t.slug().equals(tenant)).findFirst().orElseThrow());
        tenants.set(index, change.apply(tenants.get(index)));
        return this;
    }

    public DesiredStates quota(String tenant, String pool, String resource, long guaranteed, long limit) {
        quotas.add(new QuotaSnapshot(tenant, pool,
                new java.util.TreeMap<>(Map.of(resource, new QuotaAmount(guaranteed, limit)))));
        return this;
    }

    public DesiredStates module(String tenant, String key, boolean enabled, Map<String, Object> values) {
        return module(tenant, key, enabled, values, SecretDelivery.EXTERNAL_SECRETS);
    }

    public DesiredStates module(String tenant, String key, SecretDelivery delivery) {
        return module(tenant, key, true, Map.of(), delivery);
    }

    public DesiredStates module(String tenant, String key, boolean enabled, Map<String, Object> values,
                                SecretDelivery delivery) {
        var module = MODULES.find(key).orElseThrow();
        modules.add(new ModuleSnapshot(tenant, module, enabled, module.defaultVersion(), values,
                delivery, 1, module.webUi()
                ? module.uiUrl(tenant, cluster.name(), "example.com") : null));
        return this;
    }

    public DesiredStates module(String tenant, String key) {
        return module(tenant, key, true, Map.of());
    }

    /** A model deployment planned by the real planner on a pool added before; fails when the plan does not fit. */
    public DesiredStates model(String tenant, String name, String model, Precision precision, String pool,
                               ServingEngine engine, int replicas) {
        PoolSnapshot snapshot = pools.stream().filter(p -> p.name().equals(pool)).findFirst().orElseThrow();
        var facts = MODELS.find(model).orElseThrow().facts();
        var limits = new java.util.HashMap<String, Long>();
        snapshot.capacity().keySet().forEach(resource -> limits.put(resource, 1000L));
        ModelPlan plan = new ModelDeploymentPlanner().plan(new PlanRequest(facts, precision,
                Math.min(8192, facts.maxContext()), 4, replicas, engine, snapshot, limits, Map.of()));
        if (!plan.feasible()) {
            throw new IllegalArgumentException(plan.summary());
        }
        models.add(new ModelDeploymentSnapshot(tenant, name, model, pool, replicas, plan.maxContext(), plan, 1));
        return this;
    }

    /** A model co-located on a time-sliced pool with {@code gpuShare} of each GPU, planned by the real planner. */
    public DesiredStates coLocatedModel(String tenant, String name, String model, Precision precision, String pool,
                                        ServingEngine engine, int maxContext, int sequences, double gpuShare) {
        PoolSnapshot snapshot = pools.stream().filter(p -> p.name().equals(pool)).findFirst().orElseThrow();
        var facts = MODELS.find(model).orElseThrow().facts();
        var limits = new java.util.HashMap<String, Long>();
        snapshot.capacity().keySet().forEach(resource -> limits.put(resource, 1000L));
        ModelPlan plan = new ModelDeploymentPlanner().plan(new PlanRequest(facts, precision, maxContext, sequences,
                1, engine, snapshot, limits, Map.of(), null, gpuShare, List.of()));
        if (!plan.feasible()) {
            throw new IllegalArgumentException(plan.summary());
        }
        models.add(new ModelDeploymentSnapshot(tenant, name, model, pool, 1, plan.maxContext(), plan, 1));
        return this;
    }

    /** The tenant's model deployments as the platform gives them with StarVault: behind a gateway at {@code host}. */
    public DesiredStates gateway(String tenant, String host) {
        models.replaceAll(m -> m.tenant().equals(tenant) ? new ModelDeploymentSnapshot(m.tenant(), m.name(), m.model(),
                m.pool(), m.replicas(), m.maxContext(), m.plan(), m.generation(), host) : m);
        return this;
    }

    public DesiredState build() {
        return new DesiredState(cluster, List.copyOf(pools), List.copyOf(tenants), List.copyOf(quotas),
                List.copyOf(modules), List.copyOf(models));
    }
}
