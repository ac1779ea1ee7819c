package io.nova.platform.k8s.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nova.platform.core.cluster.DeliveryMode;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.gpu.PoolSnapshot;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.quota.QuotaSnapshot;
import io.nova.platform.core.serving.ModelDeploymentSnapshot;
import io.nova.platform.core.serving.ServingEngine;
import io.nova.platform.core.tenant.TenantSnapshot;
import io.nova.platform.core.tenant.TenantState;
import io.nova.platform.k8s.render.tool.GpuOffer;
import io.nova.platform.k8s.render.tool.ToolTenant;

/**
 * Desired state of one cluster → every Kubernetes object that stands for it. A pure function: no I/O, and the same
 * input gives the same objects in the same order.
 */
public final class ClusterRenderer {

    /** Creation order: what others refer to comes first (deletion runs in reverse). */
    private static final List<String> KIND_ORDER = List.of("Namespace", "ServiceAccount", "Role", "ClusterRole",
            "ClusterRoleBinding", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "ResourceQuota",
            "LimitRange", "RoleBinding", "NetworkPolicy", "ConfigMap", "Deployment", "GitRepository", "Kustomization",
            "HelmRepository", "OCIRepository",
            "SecretStore", "ExternalSecret", "MLInfrastructure", "MLCluster", "HelmRelease", "Ingress", "HTTPRoute",
            "ResourceFlavor", "Cohort", "WorkloadPriorityClass", "ClusterQueue", "LocalQueue",
            "RayService", "InferenceService", "LLMInferenceService", "LeaderWorkerSet", "Service");

    private final RenderSettings settings;
    private final TenantNamespaceRenderer namespaces;
    private final TenantQuotaRenderer quotas;
    private final TenantLimitRangeRenderer limitRanges = new TenantLimitRangeRenderer();
    private final TenantRolesRenderer roles = new TenantRolesRenderer();
    private final TenantAccessRenderer access = new TenantAccessRenderer();
    private final TenantReconcilerRenderer reconciler = new TenantReconcilerRenderer();
    private final TenantAdmissionRenderer admission = new TenantAdmissionRenderer();
    private final TenantNetworkPolicyRenderer networkPolicies;
    private final MLClusterRenderer mlClusters = new MLClusterRenderer();
    private final MLInfrastructureRenderer mlInfrastructure = new MLInfrastructureRenderer();
    private final RayServiceRenderer rayServices = new RayServiceRenderer();
    private final InferenceServiceRenderer inferenceServices = new InferenceServiceRenderer();
    private final LLMInferenceServiceRenderer llmInferenceServices = new LLMInferenceServiceRenderer();
    private final LeaderWorkerSetRenderer leaderWorkerSets = new LeaderWorkerSetRenderer();
    private final GpuSharingRenderer gpuSharing;
    private final ModuleReleaseRenderer releases;
    private final ToolSecretsRenderer toolSecrets;
    private final ToolRouteRenderer routes;
    private final FluxBootstrapRenderer fluxBootstrap;
    private final AgentRenderer agent;
    private final KueueRenderer kueue = new KueueRenderer();
    /** Null where StarVault does not hold API keys: no gateway then. */
    private final ModelGatewayRenderer modelGateway;

    public ClusterRenderer(RenderSettings settings) {
        this.settings = settings;
        this.namespaces = new TenantNamespaceRenderer(settings.isolation());
        this.quotas = new TenantQuotaRenderer(settings.isolation());
        this.networkPolicies = new TenantNetworkPolicyRenderer(settings.isolation(), settings.routes());
        this.gpuSharing = new GpuSharingRenderer(settings);
        this.releases = new ModuleReleaseRenderer(settings);
        this.toolSecrets = new ToolSecretsRenderer(settings);
        this.routes = new ToolRouteRenderer(settings.routes());
        this.modelGateway = settings.vaultSecrets()
                ? new ModelGatewayRenderer(routes, settings.isolation(), settings.routes()) : null;
        this.fluxBootstrap = new FluxBootstrapRenderer(settings);
        this.agent = new AgentRenderer(settings);
    }

    public RenderSettings settings() {
        return settings;
    }

    public List<HasMetadata> render(DesiredState state) {
        var objects = new ArrayList<HasMetadata>(renderClusterUnit(state));
        for (TenantSnapshot tenant : state.tenants()) {
            objects.addAll(tenantObjects(state.cluster().name(), tenant, state));
        }
        objects.sort(ORDER);
        return List.copyOf(objects);
    }

    /**
     * The objects of the cluster itself (Flux identity and bootstrap, tenant roles, admission policy, MLInfrastructure,
     * GPU sharing configs, cluster modules): what {@link #render} gives besides the tenants' objects.
     */
    public List<HasMetadata> renderClusterUnit(DesiredState state) {
        String cluster = state.cluster().name();
        var objects = new ArrayList<HasMetadata>();
        if (state.cluster().deliveryMode() == DeliveryMode.GITOPS && state.cluster().gitops() != null) {
            objects.addAll(fluxBootstrap.render(cluster, state.cluster().gitops()));
            objects.addAll(toolSecrets.renderGitCredentials(cluster, state.cluster().gitops()));
            // in a DIRECT cluster the platform runs the same operators itself
            objects.addAll(agent.render(cluster));
        } else if (state.clusterModules().stream().anyMatch(ModuleSnapshot::enabled)) {
            // Flux installs cluster modules in DIRECT clusters too; their releases reconcile as this account
            objects.addAll(fluxBootstrap.reconcilerIdentity(cluster));
        }
        objects.addAll(roles.render(cluster));
        objects.addAll(admission.render(cluster));
        objects.add(mlInfrastructure.render(state));
        List<? extends HasMetadata> sharingConfigs = gpuSharing.render(cluster, state.pools());
        if (state.queueing()) {
            objects.addAll(kueue.renderCluster(cluster, state.pools(), state.guaranteedByPool()));
        }
        objects.addAll(sharingConfigs);
        for (ModuleSnapshot module : state.clusterModules()) {
            Map<String, Object> platformValues = switch (module.module().key()) {
                case "gpu-operator" -> gpuSharing.gpuOperatorValues(state.pools());
                case "node-feature-discovery" -> gpuSharing.nodeFeatureDiscoveryValues();
                default -> Map.of();
            };
            objects.addAll(releases.render(cluster, settings.fluxNamespace(), module, state.clusterModules(), null,
                    platformValues));
        }
        List<HasMetadata> clusterToolSecrets = toolSecrets.renderClusterTools(cluster, state.clusterModules());
        objects.addAll(clusterToolSecrets);
        if (state.cluster().deliveryMode() == DeliveryMode.GITOPS) {
            var needNamespaces = new ArrayList<HasMetadata>(clusterToolSecrets);
            needNamespaces.addAll(sharingConfigs);
            objects.addAll(routes.releaseNamespaces(cluster, state.clusterModules(), needNamespaces));
        }
        objects.sort(ORDER);
        return List.copyOf(objects);
    }

    /** The objects of one tenant (its Namespace and everything in it), exactly as {@link #render} renders them. */
    public List<HasMetadata> renderTenantUnit(DesiredState state, TenantSnapshot tenant) {
        var objects = tenantObjects(state.cluster().name(), tenant, state);
        objects.sort(ORDER);
        return List.copyOf(objects);
    }

    private ArrayList<HasMetadata> tenantObjects(String cluster, TenantSnapshot tenant, DesiredState state) {
        var objects = new ArrayList<HasMetadata>();
        List<ModuleSnapshot> modules = state.modulesOf(tenant.slug());
        objects.add(namespaces.render(cluster, tenant, modules, !state.modelsOf(tenant.slug()).isEmpty()));
        objects.add(quotas.render(cluster, tenant, state.quotasOf(tenant.slug()), state.pools()));
        objects.add(limitRanges.render(cluster, tenant));
        objects.addAll(access.render(cluster, tenant));
        objects.addAll(reconciler.render(cluster, tenant));
        objects.addAll(networkPolicies.render(cluster, tenant, modules));
        objects.add(mlClusters.render(cluster, tenant, modules));
        List<ModelDeploymentSnapshot> models = state.modelsOf(tenant.slug());
        boolean gateway = modelGateway != null && ModelGatewayRenderer.wanted(models);
        objects.addAll(toolSecrets.render(cluster, tenant.slug(), tenant.namespace(), modules, gateway));
        if (gateway) {
            objects.addAll(modelGateway.render(cluster, tenant.slug(), tenant.namespace(), models));
        }
        if (state.queueing()) {
            objects.addAll(kueue.renderTenant(cluster, tenant, state.pools(), state.quotasOf(tenant.slug())));
        }
        objects.addAll(tenantModules(cluster, tenant.namespace(), modules, toolTenant(tenant, state)));
        for (ModelDeploymentSnapshot model : state.modelsOf(tenant.slug())) {
            PoolSnapshot pool = state.pools().stream().filter(p -> p.name().equals(model.pool())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("model deployment " + model.tenant() + "/"
                            + model.name() + " names pool " + model.pool() + ", which is not in the cluster"));
            objects.add(switch (model.plan().engine()) {
                case VLLM_KUBERAY -> rayServices.render(cluster, tenant.namespace(), model, pool, state.queueing());
                case KSERVE -> inferenceServices.render(cluster, tenant.namespace(), model, pool, state.queueing());
                case KSERVE_LLM -> llmInferenceServices.render(cluster, tenant.namespace(), model, pool,
                        state.queueing());
                case VLLM_LWS -> leaderWorkerSets.render(cluster, tenant.namespace(), model, pool, state.queueing());
            });
            if (model.plan().engine() == ServingEngine.VLLM_LWS) {
                objects.add(leaderWorkerSets.service(cluster, tenant.namespace(), model));
            }
        }
        return objects;
    }

    /**
     * The Flux sources and HelmReleases of one tenant's modules (switched-off ones give nothing), exactly as
     * {@link #render} renders them for that tenant, in the same order. The operator uses it to expand an MLCluster
     * that the platform did not write, so that both paths give the same objects.
     *
     * @param modules every module install of the tenant; they are also the peers the wiring looks at
     * @param tenant  the tenant's groups and GPU offers, as far as the caller knows them
     */
    public List<HasMetadata> renderTenantModules(String cluster, String namespace, List<ModuleSnapshot> modules,
                                                 ToolTenant tenant) {
        var objects = tenantModules(cluster, namespace, modules, tenant);
        objects.sort(ORDER);
        return List.copyOf(objects);
    }

    /**
     * What a namespace needs for the tenant modules an MLCluster written by hand asks for: the reconciler identity its
     * HelmReleases run as (bound to the ClusterRole {@code nova-tenant-reconciler}), the owner and member groups'
     * bindings, the default LimitRange and the network policies of the platform's tenants (default deny, with the
     * allowances its modules need). No ResourceQuota: an MLCluster carries no quota.
     */
    public List<HasMetadata> renderTenantIdentity(String cluster, String tenant, String namespace,
                                                  List<String> ownerGroups, List<String> memberGroups,
                                                  List<ModuleSnapshot> modules) {
        var snapshot = new TenantSnapshot(tenant, tenant, null, namespace, ownerGroups, memberGroups, null,
                TenantState.ACTIVE, List.of());
        var objects = new ArrayList<HasMetadata>(reconciler.renderBoundToClusterRole(cluster, tenant, namespace));
        objects.addAll(access.render(cluster, snapshot));
        objects.add(limitRanges.render(cluster, snapshot));
        objects.addAll(networkPolicies.render(cluster, snapshot, modules));
        objects.sort(ORDER);
        return List.copyOf(objects);
    }

    private ArrayList<HasMetadata> tenantModules(String cluster, String namespace, List<ModuleSnapshot> modules,
                                                 ToolTenant tenant) {
        var objects = new ArrayList<HasMetadata>();
        for (ModuleSnapshot module : modules) {
            objects.addAll(releases.render(cluster, namespace, module, modules, tenant, Map.of()));
        }
        return objects;
    }

    /** The tenant as its tools see it: its groups, and the GPUs its quotas give it on each pool. */
    private static ToolTenant toolTenant(TenantSnapshot tenant, DesiredState state) {
        var gpus = new ArrayList<GpuOffer>();
        for (QuotaSnapshot quota : state.quotasOf(tenant.slug())) {
            state.pools().stream().filter(pool -> pool.name().equals(quota.pool())).findFirst().ifPresent(pool ->
                    quota.resources().forEach((resource, amount) -> gpus.add(new GpuOffer(pool.name(),
                            pool.gpuModel() == null ? "GPU" : pool.gpuModel().displayName(), resource, amount.limit(),
                            pool.nodeSelector(), PoolPlacement.tolerations(pool), PoolPlacement.affinity(pool)))));
        }
        return new ToolTenant(tenant.slug(), tenant.ownerGroups(), tenant.memberGroups(), gpus, state.queueing());
    }

    static final Comparator<HasMetadata> ORDER = Comparator
            .comparingInt((HasMetadata o) -> rank(o.getKind()))
            .thenComparing(o -> o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace())
            .thenComparing(o -> o.getMetadata().getName());

    private static int rank(String kind) {
        int index = KIND_ORDER.indexOf(kind);
        return index < 0 ? KIND_ORDER.size() : index;
    }

    /** {@code Kind namespace/name}, or {@code Kind name} for cluster-scoped objects. */
    public static String id(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return object.getKind() + " " + (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
    }
}
