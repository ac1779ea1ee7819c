package io.nova.platform.core.serving;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.nova.platform.core.common.InChunks;
import io.nova.platform.core.audit.AuditAction;
import io.nova.platform.core.audit.AuditLog;
import io.nova.platform.core.common.ConflictException;
import io.nova.platform.core.common.KubernetesNames;
import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.common.PageResult;
import io.nova.platform.core.common.Violations;
import io.nova.platform.core.desired.DesiredStateChanged;
import io.nova.platform.core.gpu.GpuPool;
import io.nova.platform.core.gpu.GpuPoolService;
import io.nova.platform.core.gpu.PoolSnapshot;
import io.nova.platform.core.module.ModuleInstallService;
import io.nova.platform.core.quota.GpuQuotaService;
import io.nova.platform.core.quota.WorkloadQueues;
import io.nova.platform.core.tenant.Tenant;
import io.nova.platform.core.tenant.TenantService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans, stores and changes a tenant's model deployments. Every write plans again, so a stored deployment always
 * fits its pool, the GPU's precision support and the tenant's quota at the time of the write; the same caller rule
 * as module installs applies (platform admins and the tenant's admins write, viewers read).
 */
@Service
@Transactional
public class ModelDeploymentService {

    static final String KIND = "Model deployment";
    static final int MAX_NAME = 40;
    static final int DEFAULT_CONTEXT = 8192;
    static final int DEFAULT_SEQUENCES = 4;
    static final int MAX_REPLICAS = 64;
    static final int MAX_SEQUENCES = 1024;
    static final int MIN_CONTEXT = 128;

    private static final Pattern HUGGING_FACE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}");
    private static final Pattern STORAGE_URI = Pattern.compile("(s3|gs)://[a-z0-9][a-z0-9.-]{1,62}(/[^\\s]*)?");
    private static final Pattern PVC_URI = Pattern.compile("pvc://([a-z0-9]([-a-z0-9]*[a-z0-9])?)(/[^\\s]*)?");

    private final ModelDeploymentRepository deployments;
    private final TenantService tenants;
    private final GpuPoolService pools;
    private final GpuQuotaService quotas;
    private final ModuleInstallService modules;
    private final ModelCatalog catalog;
    private final ModelDeploymentPlanner planner;
    private final CoLocationPlanner coLocation;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final io.nova.platform.core.identity.TenantSecrets secrets;
    private final io.nova.platform.core.module.ModuleProperties moduleProperties;

    public ModelDeploymentService(ModelDeploymentRepository deployments, TenantService tenants, GpuPoolService pools,
                                  GpuQuotaService quotas, ModuleInstallService modules, ModelCatalog catalog,
                                  ModelDeploymentPlanner planner, AuditLog audit, ApplicationEventPublisher events,
                                  io.nova.platform.core.identity.TenantSecrets secrets,
                                  io.nova.platform.core.module.ModuleProperties moduleProperties) {
        this.deployments = deployments;
        this.tenants = tenants;
        this.pools = pools;
        this.quotas = quotas;
        this.modules = modules;
        this.catalog = catalog;
        this.planner = planner;
        this.coLocation = new CoLocationPlanner(planner);
        this.audit = audit;
        this.events = events;
        this.secrets = secrets;
        this.moduleProperties = moduleProperties;
    }

    @Transactional(readOnly = true)
    public PageResult<ModelDeploymentView> list(String slug, PageQuery page) {
        Tenant tenant = tenants.readable(slug);
        return PageResult.of(deployments.findByTenant(tenant, page.pageable(Sort.by("name"))), this::view);
    }

    @Transactional(readOnly = true)
    public ModelDeploymentView get(String slug, String name) {
        Tenant tenant = tenants.readable(slug);
        return view(find(tenant, name));
    }

    /**
     * The plan for a request, without saving anything; a request that cannot fit fails with the plan's problems
     * and alternatives ({@link UnplannableDeploymentException}). A missing serving module only warns here.
     */
    @Transactional(readOnly = true)
    public ModelPlan plan(String slug, ModelDeploymentSpec spec) {
        Tenant tenant = tenants.readable(slug);
        PlannedDeployment planned = planned(tenant, spec, null, null, false);
        ModelPlan plan = planned.plan();
        return modules.enabledForTenant(tenant, plan.engine().module()) ? plan
                : plan.withWarning(moduleMissing(tenant, plan.engine()));
    }

    public ModelDeploymentView create(String slug, ModelDeploymentSpec spec) {
        Tenant tenant = tenants.lockWritable(slug);
        if (spec.name() != null && deployments.existsByTenantAndName(tenant, spec.name())) {
            throw new ConflictException("Model deployment '%s' of tenant '%s' already exists".formatted(spec.name(),
                    slug), List.of(target(slug, spec.name())));
        }
        PlannedDeployment planned = planned(tenant, spec, null, null, true);
        requireServingModule(tenant, planned.plan().engine());
        var deployment = new ModelDeployment(tenant, planned.name());
        deployment.apply(planned, planned.plan().engine().endpointUrl(planned.name(), tenant.namespace()));
        deployments.saveAndFlush(deployment);
        ModelDeploymentView view = view(deployment);
        audit.record(AuditAction.CREATE, KIND, target(slug, view.name()), null, view.desired());
        events.publishEvent(new DesiredStateChanged(tenant.cluster().name()));
        return view;
    }

    public ModelDeploymentView update(String slug, String name, ModelDeploymentSpec spec, Long expectedVersion) {
        Tenant tenant = tenants.lockWritable(slug);
        ModelDeployment deployment = find(tenant, name);
        deployment.expectVersion(expectedVersion, KIND, target(slug, name));
        PlannedDeployment planned = planned(tenant, spec, name, deployment, true);
        requireServingModule(tenant, planned.plan().engine());
        Map<String, Object> before = view(deployment).desired();
        if (deployment.apply(planned, planned.plan().engine().endpointUrl(name, tenant.namespace()))) {
            deployments.saveAndFlush(deployment);
            ModelDeploymentView view = view(deployment);
            audit.record(AuditAction.UPDATE, KIND, target(slug, name), before, view.desired());
            events.publishEvent(new DesiredStateChanged(tenant.cluster().name()));
            return view;
        }
        return view(deployment);
    }

    public void delete(String slug, String name, Long expectedVersion) {
        Tenant tenant = tenants.lockWritable(slug);
        ModelDeployment deployment = find(tenant, name);
        deployment.expectVersion(expectedVersion, KIND, target(slug, name));
        audit.record(AuditAction.DELETE, KIND, target(slug, name), view(deployment).desired(), null);
        events.publishEvent(new DesiredStateChanged(tenant.cluster().name()));
        deployments.delete(deployment);
        deployments.flush();
    }

    /** The deployments of the given tenants of the cluster. */
    @Transactional(readOnly = true)
    public List<ModelDeploymentSnapshot> snapshots(String cluster, java.util.Collection<String> tenants) {
        var all = new java.util.ArrayList<ModelDeploymentSnapshot>();
        InChunks.forEach(tenants, chunk -> all.addAll(snapshots(deployments.findOfTenants(cluster, chunk))));
        return all;
    }

    /** Up to {@code limit} tenants of the cluster with a deployment that has not reported READY. */
    @Transactional(readOnly = true)
    public List<String> unsettledTenants(String cluster, int limit) {
        return deployments.unsettledTenants(cluster, limit);
    }

    private List<ModelDeploymentSnapshot> snapshots(List<ModelDeployment> found) {
        return found.stream().map(d -> new ModelDeploymentSnapshot(d.tenant().slug(), d.name(), d.modelSource(),
                d.pool().name(), d.replicas(), d.maxContext(), d.plan(), d.generation(),
                gatewayHost(d.tenant().slug()))).toList();
    }

    /**
     * Where the tenant's model gateway answers: {@code models-<tenant>.<ingress domain>}; null without StarVault,
     * which keeps the API keys the gateway checks.
     */
    private String gatewayHost(String slug) {
        return secrets.configured() ? "models-%s.%s".formatted(slug, moduleProperties.ingressDomain()) : null;
    }

    /** The URL callers with an API key use: the gateway's path of the deployment; null where it is not routed. */
    private String gatewayUrl(String slug, String name, ServingEngine engine) {
        String host = gatewayHost(slug);
        return host == null || !engine.behindTenantGateway() ? null
                : "https://%s/%s/v1".formatted(host, name);
    }

    /** What the reconciler observed; leaves the versions (ETags) alone and writes nothing for unchanged status. */
    public void recordStatus(String cluster, List<ModelDeploymentStatusReport> reports) {
        var byKey = new HashMap<String, ModelDeployment>();
        var tenants = new java.util.TreeSet<String>();
        reports.forEach(r -> tenants.add(r.tenant()));
        InChunks.forEach(tenants, chunk -> deployments.findOfTenants(cluster, chunk)
                .forEach(d -> byKey.put(d.tenant().slug() + "/" + d.name(), d)));
        for (ModelDeploymentStatusReport report : reports) {
            ModelDeployment deployment = byKey.get(report.tenant() + "/" + report.name());
            if (deployment == null) {
                continue;
            }
            String message = report.message() == null || report.message().length() <= 2000 ? report.message()
                    : report.message().substring(0, 2000);
            boolean changed = deployment.observedGeneration() != report.observedGeneration()
                    || deployment.phase() != report.phase() || !java.util.Objects.equals(deployment.message(), message)
                    || report.endpointUrl() != null && !report.endpointUrl().equals(deployment.endpointUrl());
            if (changed) {
                deployments.recordStatus(deployment.id(), report.observedGeneration(), report.phase().name(), message,
                        report.endpointUrl());
            }
        }
    }

    /** The deployments that use a pool, as {@code tenant/name}, for refusing to delete it. */
    @Transactional(readOnly = true)
    public List<String> onPool(GpuPool pool) {
        return deployments.namesOnPool(pool);
    }

    static String target(String slug, String name) {
        return TenantService.target(slug) + "/model-deployments/" + name;
    }

    // --- validation and planning ---------------------------------------------------------------------------------

    /** @param lock take the pool's write lock, so that concurrent writes cannot both take the last GPUs */
    private PlannedDeployment planned(Tenant tenant, ModelDeploymentSpec spec, String existingName,
                                      ModelDeployment existing, boolean lock) {
        Checked checked = checked(tenant, spec, existingName, existing, lock, true);
        PlanRequest request = checked.request();
        ModelPlan plan = planner.plan(request);
        if (spec.engine() == null && plan.feasible() && !modules.enabledForTenant(tenant, plan.engine().module())) {
            plan = withEngineTheTenantHas(tenant, request, plan);
        }
        if (!plan.feasible()) {
            throw new UnplannableDeploymentException(plan);
        }
        return new PlannedDeployment(checked.name(), spec.model(), checked.facts(), checked.fromCatalog(),
                request.precision(), checked.pool(), request.replicas(), request.maxContext(),
                request.concurrentSequences(), plan);
    }

    /** A request that passed validation, with its defaults filled in, ready to plan. */
    private record Checked(String name, ModelFacts facts, boolean fromCatalog, GpuPool pool, PlanRequest request) {
    }

    /** @param placement also what the pool's other deployments hold, for placing a co-located one */
    private Checked checked(Tenant tenant, ModelDeploymentSpec spec, String existingName, ModelDeployment existing,
                            boolean lock, boolean placement) {
        var v = new Violations();
        String name = existingName != null ? existingName : spec.name();
        if (existingName != null) {
            if (spec.name() != null && !spec.name().equals(existingName)) {
                v.add("name", "is immutable: '%s' cannot be renamed".formatted(existingName));
            }
        } else if (v.required("name", spec.name())) {
            v.check("name", nameProblem(spec.name()));
        }
        if (v.required("model", spec.model())) {
            v.maxLength("model", spec.model(), 512);
            if (!v.has("model")) {
                v.check("model", sourceProblem(spec.model()));
            }
        }
        ModelFacts facts = null;
        boolean fromCatalog = false;
        if (spec.facts() != null) {
            facts = checkedFacts(spec.facts(), v);
        } else if (spec.model() != null && !v.has("model")) {
            var entry = catalog.find(spec.model());
            if (entry.isPresent()) {
                facts = entry.get().facts();
                fromCatalog = true;
            } else {
                v.add("facts", ("are required: '%s' is not in the model catalog (known: %s); give parameters, layers, "
                        + "attentionHeads, kvHeads, headDim and maxContext from its config.json").formatted(
                        spec.model(), String.join(", ", catalog.all().stream().map(ModelCatalog.Entry::id).toList())));
            }
        }
        GpuPool pool = null;
        if (v.required("pool", spec.pool())) {
            try {
                pool = lock ? pools.lock(spec.pool()) : pools.find(spec.pool());
                if (!pool.cluster().id().equals(tenant.cluster().id())) {
                    v.add("pool", "pool '%s' is on cluster '%s', tenant '%s' on cluster '%s'".formatted(pool.name(),
                            pool.cluster().name(), tenant.slug(), tenant.cluster().name()));
                }
            } catch (NotFoundException e) {
                v.add("pool", "GPU pool '%s' does not exist".formatted(spec.pool()));
            }
        }
        v.range("replicas", spec.replicas(), 1, MAX_REPLICAS);
        v.range("concurrentSequences", spec.concurrentSequences(), 1, MAX_SEQUENCES);
        if (spec.gpuShare() != null && (!(spec.gpuShare() > 0) || spec.gpuShare() > 1)) {
            v.add("gpuShare", "must be above 0 and at most 1 (got %s)".formatted(spec.gpuShare()));
        }
        if (facts != null && facts.maxContext() != null) {
            v.range("maxContext", spec.maxContext(), MIN_CONTEXT, facts.maxContext());
        }
        v.throwIfAny("Invalid model deployment");

        PoolSnapshot snapshot = pools.snapshot(pool);
        Precision precision = spec.precision() != null ? spec.precision()
                : Precision.BF16.runsOn(snapshot.gpuModel().computeCapability()) ? Precision.BF16 : Precision.FP16;
        int replicas = spec.replicas() != null ? spec.replicas() : 1;
        int context = spec.maxContext() != null ? spec.maxContext() : Math.min(DEFAULT_CONTEXT, facts.maxContext());
        int sequences = spec.concurrentSequences() != null ? spec.concurrentSequences() : DEFAULT_SEQUENCES;
        Map<String, Long> inUse = new HashMap<>();
        deployments.usage(tenant, pool, existing == null ? null : existing.id())
                .forEach(use -> inUse.put(use.getResource(), use.getGpus()));
        boolean queueing = WorkloadQueues.enabled(modules.clusterSnapshots(tenant.cluster().name()));
        List<PoolPods> poolPods = spec.gpuShare() == null || !placement ? List.of()
                : poolPods(pool, existing == null ? null : existing.id());
        var request = new PlanRequest(facts, precision, context, sequences, replicas, spec.engine(),
                snapshot, quotas.limits(tenant, pool).orElse(null), inUse,
                queueing ? quotas.guarantees(tenant, pool).orElse(Map.of()) : null, spec.gpuShare(), poolPods);
        return new Checked(name, facts, fromCatalog, pool, request);
    }

    /** What the pool's other model deployments keep on its nodes, for placing a co-located one. */
    private List<PoolPods> poolPods(GpuPool pool, Long except) {
        return deployments.onPool(pool, except).stream().map(ModelDeploymentService::podsOf).toList();
    }

    private static PoolPods podsOf(ModelDeployment d) {
        return new PoolPods(d.tenant().slug() + "/" + d.name(), d.plan().devicesPerPod(),
                d.plan().pipelineParallelSize() * d.replicas(), d.plan().coLocated());
    }

    /**
     * Whether several models fit together on one time-sliced pool, and with which shares; saves nothing. Each
     * deployment is validated like a create (a name of an existing deployment re-plans that one in place of what it
     * holds now); a combination that cannot fit fails with the shortfall per GPU and what would fit
     * ({@link UnplannableCoLocationException}).
     */
    @Transactional(readOnly = true)
    public CoLocationPlan coLocationPlan(String slug, CoLocationSpec spec) {
        Tenant tenant = tenants.readable(slug);
        var v = new Violations();
        v.required("pool", spec.pool());
        var members = spec.deployments() == null ? List.<ModelDeploymentSpec>of() : spec.deployments();
        if (members.isEmpty() || members.size() > CoLocationPlanner.MAX_DEPLOYMENTS) {
            v.add("deployments", "must list 1 to %d model deployments (got %d)".formatted(
                    CoLocationPlanner.MAX_DEPLOYMENTS, members.size()));
        }
        var names = new java.util.HashSet<String>();
        for (int i = 0; i < members.size(); i++) {
            var member = members.get(i);
            if (member == null) {
                v.add("deployments[%d]".formatted(i), "is required");
            } else if (member.pool() != null && spec.pool() != null && !member.pool().equals(spec.pool())) {
                v.add("deployments[%d].pool".formatted(i), "must be the plan's pool '%s' or left out (got '%s')"
                        .formatted(spec.pool(), member.pool()));
            } else if (member.name() != null && !names.add(member.name())) {
                v.add("deployments[%d].name".formatted(i), "'%s' is listed twice".formatted(member.name()));
            }
        }
        v.throwIfAny("Invalid co-location plan");
        var candidates = new ArrayList<CoLocationRequest.Candidate>();
        var replanned = new java.util.HashSet<Long>();
        for (int i = 0; i < members.size(); i++) {
            ModelDeploymentSpec member = members.get(i);
            ModelDeploymentSpec withPool = new ModelDeploymentSpec(member.name(), member.model(), member.facts(),
                    member.precision(), spec.pool(), member.replicas(), member.maxContext(),
                    member.concurrentSequences(), member.engine(), member.gpuShare());
            ModelDeployment existing = member.name() == null ? null
                    : deployments.findByTenantAndName(tenant, member.name()).orElse(null);
            try {
                // the co-location planner places all of them together, next to what the pool holds
                Checked checked = checked(tenant, withPool, null, null, false, false);
                candidates.add(new CoLocationRequest.Candidate(checked.name(), member.model(), checked.request()));
                if (existing != null) {
                    replanned.add(existing.id());
                }
            } catch (io.nova.platform.core.common.InvalidRequestException e) {
                String prefix = "deployments[%d].".formatted(i);
                e.violations().forEach(violation -> v.add(prefix + violation.field(), violation.message()));
            }
        }
        v.throwIfAny("Invalid co-location plan");
        GpuPool pool = pools.find(spec.pool());
        var onPool = deployments.onPool(pool, null).stream().filter(d -> !replanned.contains(d.id())).toList();
        var others = onPool.stream().map(ModelDeploymentService::podsOf).toList();
        long inUse = onPool.stream().filter(d -> d.tenant().id().equals(tenant.id()))
                .mapToLong(ModelDeployment::gpusTotal).sum();
        PoolSnapshot snapshot = pools.snapshot(pool);
        Long limit = quotas.limits(tenant, pool).map(l -> l.get(snapshot.capacity().isEmpty() ? "nvidia.com/gpu"
                : snapshot.capacity().firstKey())).orElse(null);
        CoLocationPlan plan = coLocation.plan(new CoLocationRequest(snapshot, candidates, others, limit, inUse));
        if (!plan.feasible()) {
            throw new UnplannableCoLocationException(plan);
        }
        return plan;
    }

    private static String nameProblem(String name) {
        String problem = KubernetesNames.dnsLabelProblem(name, MAX_NAME);
        if (problem == null && !Character.isLetter(name.charAt(0))) {
            return "must start with a letter (it names Services: a DNS-1035 label)";
        }
        return problem;
    }

    private static String sourceProblem(String model) {
        if (model.contains("://")) {
            return STORAGE_URI.matcher(model).matches() || PVC_URI.matcher(model).matches() ? null
                    : "must be a Hugging Face id (organisation/model) or an s3://bucket/path, gs://bucket/path or "
                    + "pvc://claim/path URI (got '%s')".formatted(model);
        }
        return HUGGING_FACE_ID.matcher(model).matches() ? null
                : "must be a Hugging Face id such as Qwen/Qwen2.5-7B-Instruct, or a storage URI (got '%s')"
                .formatted(model);
    }

    private static ModelFacts checkedFacts(ModelFacts facts, Violations v) {
        if (v.required("facts.parameters", facts.parameters())
                && (facts.parameters() < 1_000_000L || facts.parameters() > 10_000_000_000_000L)) {
            v.add("facts.parameters", "must be between 1,000,000 and 10,000,000,000,000 (got %d)"
                    .formatted(facts.parameters()));
        }
        if (v.required("facts.layers", facts.layers())) {
            v.range("facts.layers", facts.layers(), 1, 1000);
        }
        if (v.required("facts.attentionHeads", facts.attentionHeads())) {
            v.range("facts.attentionHeads", facts.attentionHeads(), 1, 1024);
        }
        if (v.required("facts.kvHeads", facts.kvHeads())) {
            v.range("facts.kvHeads", facts.kvHeads(), 1, 1024);
        }
        if (v.required("facts.headDim", facts.headDim())) {
            v.range("facts.headDim", facts.headDim(), 8, 1024);
        }
        if (v.required("facts.maxContext", facts.maxContext())) {
            v.range("facts.maxContext", facts.maxContext(), MIN_CONTEXT, 10_000_000);
        }
        v.range("facts.vocabSize", facts.vocabSize(), 1, 10_000_000);
        if (facts.vocabSize() != null && !v.has("facts.vocabSize") && !v.has("facts.parameters")
                && !v.has("facts.attentionHeads") && !v.has("facts.headDim")
                && facts.embeddingParameters() >= facts.parameters()) {
            v.add("facts.vocabSize", "gives %,d embedding parameters (vocabSize × attentionHeads × headDim%s), not "
                    .formatted(facts.embeddingParameters(), Boolean.TRUE.equals(facts.tiedEmbeddings()) ? "" : " × 2")
                    + "fewer than parameters (%,d)".formatted(facts.parameters()));
        }
        if (!v.has("facts.attentionHeads") && !v.has("facts.kvHeads")
                && facts.attentionHeads() % facts.kvHeads() != 0) {
            v.add("facts.kvHeads", "must divide attentionHeads (%d); got %d".formatted(facts.attentionHeads(),
                    facts.kvHeads()));
        }
        return facts;
    }

    private void requireServingModule(Tenant tenant, ServingEngine engine) {
        if (!modules.enabledForTenant(tenant, engine.module())) {
            throw new ConflictException(moduleMissing(tenant, engine),
                    List.of(TenantService.target(tenant.slug()) + "/modules/" + engine.module()));
        }
    }

    /**
     * The planner's default engine needs a module the tenant has not switched on: another engine that can serve the
     * same layout (KServe's LLMInferenceService or plain vLLM on a LeaderWorkerSet for a model over nodes, KubeRay or
     * vLLM for one on a node) whose module the tenant has; the plan's arithmetic says why.
     */
    private ModelPlan withEngineTheTenantHas(Tenant tenant, PlanRequest request, ModelPlan plan) {
        List<ServingEngine> candidates = plan.pipelineParallelSize() > 1
                ? List.of(ServingEngine.KSERVE_LLM, ServingEngine.VLLM_LWS)
                : List.of(ServingEngine.VLLM_KUBERAY, ServingEngine.VLLM_LWS);
        ServingEngine other = candidates.stream().filter(e -> !e.module().equals(plan.engine().module()))
                .filter(e -> modules.enabledForTenant(tenant, e.module())).findFirst().orElse(null);
        if (other == null) {
            return plan;
        }
        ModelPlan replanned = planner.plan(request.withEngine(other));
        if (!replanned.feasible()) {
            return plan;
        }
        var arithmetic = new java.util.ArrayList<>(replanned.arithmetic());
        arithmetic.add("engine: %s instead of %s: tenant '%s' has the %s module, not %s".formatted(other,
                plan.engine(), tenant.slug(), other.module(), plan.engine().module()));
        return new ModelPlan(replanned.feasible(), replanned.summary(), replanned.pool(), replanned.gpuModel(),
                replanned.engine(), replanned.precision(), replanned.maxContext(), replanned.concurrentSequences(),
                replanned.tensorParallelSize(), replanned.pipelineParallelSize(), replanned.replicas(),
                replanned.gpusPerReplica(), replanned.gpusTotal(), replanned.resourceName(), replanned.migProfile(),
                replanned.memory(), arithmetic, replanned.problems(), replanned.alternatives(), replanned.warnings(),
                replanned.quotaFit(), replanned.gpuShare(), replanned.layerPartition());
    }

    private static String moduleMissing(Tenant tenant, ServingEngine engine) {
        return "%s needs the %s module of tenant '%s', which is not enabled; enable it (PUT /api/v1/tenants/%s/modules/%s)"
                .formatted(engine, engine.module(), tenant.slug(), tenant.slug(), engine.module());
    }

    private ModelDeployment find(Tenant tenant, String name) {
        return deployments.findByTenantAndName(tenant, name)
                .orElseThrow(() -> new NotFoundException(KIND, target(tenant.slug(), name)));
    }

    private ModelDeploymentView view(ModelDeployment d) {
        return new ModelDeploymentView(d.name(), d.tenant().slug(), d.tenant().cluster().name(), d.modelSource(),
                d.facts(), d.factsFromCatalog(), d.precision(), d.pool().name(), d.replicas(), d.maxContext(),
                d.concurrentSequences(), d.engine(), d.plan().gpuShare(), d.plan(), d.endpointUrl(),
                gatewayUrl(d.tenant().slug(), d.name(), d.engine()), d.generation(),
                d.observedGeneration(), d.phase(), d.message(), d.version(), d.createdAt(), d.updatedAt());
    }
}
