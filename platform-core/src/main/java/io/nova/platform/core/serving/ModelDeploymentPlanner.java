package io.nova.platform.core.serving;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.nova.platform.core.common.FieldViolation;
import io.nova.platform.core.gpu.GpuModel;
import io.nova.platform.core.gpu.GpuSharing;
import io.nova.platform.core.gpu.MigProfile;
import io.nova.platform.core.gpu.MigStrategy;
import io.nova.platform.core.gpu.PoolSnapshot;

/**
 * Turns "serve this model in this precision on that pool" into tensor- and pipeline-parallel sizes that fit, or a
 * rejection that says what is missing and what would fit instead. Pure: no I/O, no Spring.
 * <p>
 * Per GPU, the need is the worst pipeline stage's share of the weights (its layers plus the input embeddings or the
 * LM head, which stay 16-bit) and of the KV cache plus a fixed runtime
 * overhead ({@value #RUNTIME_OVERHEAD_GIB} GiB); the offer is the device's memory × vLLM's
 * {@code gpu_memory_utilization} ({@value #GPU_MEMORY_UTILIZATION}), the rest being left to the CUDA context.
 * Tensor parallelism stays inside a node and must divide the attention heads and divide (or be a multiple of) the
 * KV heads, as vLLM requires; pipeline stages go to further nodes. The first layout that fits wins, fewer nodes
 * first, then fewer GPUs.
 * <p>
 * Sharing: a MIG instance offers its profile's memory, and CUDA shows a process one MIG instance only, so a replica
 * gets exactly one instance (the smallest of the pool's layout that fits). A time-sliced share offers the GPU's
 * memory divided by the replicas (time-slicing isolates no memory, so the platform budgets a fair share and sets
 * vLLM's utilization to that fraction); splitting a model over several shares is refused, as two shares may be the
 * same GPU.
 */
public final class ModelDeploymentPlanner {

    public static final double GPU_MEMORY_UTILIZATION = 0.90;
    public static final double RUNTIME_OVERHEAD_GIB = 1.5;
    static final int KV_CACHE_BYTES = 2;
    static final int EMBEDDING_BYTES = 2;
    static final int MIN_CONTEXT = 512;
    static final int MAX_NODES_TO_SUGGEST = 64;
    private static final double GIB = 1024.0 * 1024 * 1024;

    /** One kind of device the pool hands to a pod. */
    private record Device(String resourceName, double memoryGiB, double utilization, int perNode, String migProfile,
                          String label, boolean splittable) {
    }

    /** A tp × pp layout on a device and its memory budget. */
    private record Layout(Device device, int tp, int pp, MemoryBudget memory, int layersPerStage) {

        boolean fits() {
            return memory.needPerGpuGiB() <= memory.usablePerGpuGiB();
        }
    }

    public ModelPlan plan(PlanRequest request) {
        ModelPlan plan = evaluate(request, true);
        if (plan.feasible()) {
            return plan;
        }
        return withAlternatives(plan, alternatives(request, plan));
    }

    private ModelPlan evaluate(PlanRequest request, boolean checkQuota) {
        ModelFacts facts = request.facts();
        PoolSnapshot pool = request.pool();
        GpuModel gpu = pool.gpuModel();
        var problems = new ArrayList<FieldViolation>();
        var arithmetic = new ArrayList<String>();
        var warnings = new ArrayList<String>();

        if (!request.precision().runsOn(gpu.computeCapability())) {
            problems.add(new FieldViolation("precision", "%s needs compute capability %s or newer; %s has %s%s"
                    .formatted(request.precision(), request.precision().minComputeCapability(), gpu.id(),
                            gpu.computeCapability(), request.precision() == Precision.BF16 ? " (use FP16)" : "")));
        }

        double bytes = request.precision().bytesPerParameter();
        long embedding = facts.embeddingParameters();
        long body = facts.parameters() - embedding;
        double weightsGiB = (body * bytes + embedding * EMBEDDING_BYTES) / GIB;
        double kvCacheGiB = kvBytes(facts, facts.layers(), facts.kvHeads(), request) / GIB;
        if (bytes == EMBEDDING_BYTES || embedding == 0) {
            arithmetic.add("weights: %,d parameters × %s bytes (%s) = %s GiB".formatted(facts.parameters(),
                    number(bytes), request.precision(), gib(weightsGiB)));
        } else {
            arithmetic.add(("weights: %,d parameters × %s bytes (%s) + %,d embedding and LM-head parameters × %d "
                    + "bytes (kept 16-bit) = %s GiB").formatted(body, number(bytes), request.precision(), embedding,
                    EMBEDDING_BYTES, gib(weightsGiB)));
        }
        if (facts.vocabSize() == null) {
            warnings.add("without facts.vocabSize the planner splits the embeddings evenly over the stages and "
                    + "counts them in the weights' precision; give it for an exact plan");
        }
        arithmetic.add(("KV cache: 2 (K and V) × %d layers × %d KV heads × %d head dim × %d bytes × %,d tokens × %d "
                + "sequences = %s GiB").formatted(facts.layers(), facts.kvHeads(), facts.headDim(), KV_CACHE_BYTES,
                request.maxContext(), request.concurrentSequences(), gib(kvCacheGiB)));

        List<Device> devices = devices(pool);
        Layout chosen = null;
        Layout closest = null;
        for (Device device : devices) {
            for (Layout layout : layouts(device, request, weightsGiB, kvCacheGiB)) {
                if (closest == null || layout.memory().needPerGpuGiB() - layout.memory().usablePerGpuGiB()
                        < closest.memory().needPerGpuGiB() - closest.memory().usablePerGpuGiB()) {
                    closest = layout;
                }
                if (layout.fits()) {
                    chosen = layout;
                    break;
                }
            }
            if (chosen != null) {
                break;
            }
        }
        if (closest == null) {
            problems.add(new FieldViolation("pool", "pool '%s' has no nodes".formatted(pool.name())));
            return result(request, false, "pool '%s' has no nodes".formatted(pool.name()), null, arithmetic,
                    problems, warnings);
        }
        Layout layout = chosen != null ? chosen : closest;
        MemoryBudget m = layout.memory();
        arithmetic.add(("per GPU (tp %d × pp %d, largest stage %d of %d layers%s): weights %s + KV cache %s + runtime "
                + "overhead %s = %s GiB").formatted(layout.tp(), layout.pp(), layout.layersPerStage(), facts.layers(),
                embedding == 0 ? "" : layout.pp() == 1 ? " with embeddings and LM head" : " with one of the embeddings "
                        + "or the LM head",
                gib(m.weightsPerGpuGiB()), gib(m.kvCachePerGpuGiB()), gib(m.overheadPerGpuGiB()),
                gib(m.needPerGpuGiB())));
        arithmetic.add("offer per GPU: %s, × %s = %s GiB usable %s %s GiB needed".formatted(layout.device().label(),
                number(GPU_MEMORY_UTILIZATION), gib(m.usablePerGpuGiB()), layout.fits() ? "≥" : "<",
                gib(m.needPerGpuGiB())));

        if (chosen == null) {
            problems.add(new FieldViolation("pool", memoryProblem(request, layout, devices)));
        }
        int gpusPerReplica = layout.tp() * layout.pp();
        int total = gpusPerReplica * request.replicas();
        QuotaFit quotaFit = null;
        String resource = layout.device().resourceName();
        arithmetic.add("GPUs: %d replica(s) × tp %d × pp %d = %d %s, %d pod(s) of %d per replica".formatted(
                request.replicas(), layout.tp(), layout.pp(), total, resource, layout.pp(), layout.tp()));
        if (chosen != null) {
            long slots = (long) pool.nodeCount() * (layout.device().perNode() / layout.tp());
            long pods = (long) layout.pp() * request.replicas();
            if (pods > slots) {
                problems.add(new FieldViolation("replicas", ("%d replica(s) need %d pod(s) of %d × %s; pool '%s' has "
                        + "room for %d (%d node(s) × %d per node)").formatted(request.replicas(), pods, layout.tp(),
                        resource, pool.name(), slots, pool.nodeCount(), layout.device().perNode() / layout.tp())));
            }
            if (checkQuota) {
                quotaProblem(request, resource, total).ifPresent(problems::add);
                if (request.quotaLimits() != null && request.quotaLimits().containsKey(resource)) {
                    long used = request.inUse().getOrDefault(resource, 0L);
                    arithmetic.add("quota: %d in use by other model deployments + %d = %d of limit %d %s".formatted(
                            used, total, used + total, request.quotaLimits().get(resource), resource));
                    quotaFit = quotaFit(request, resource, used, total, arithmetic, warnings);
                }
            }
        }
        ServingEngine engine = request.engine() != null ? request.engine()
                : layout.pp() > 1 ? ServingEngine.VLLM_KUBERAY : ServingEngine.KSERVE;
        arithmetic.add("engine: %s (%s)".formatted(engine, request.engine() != null ? "asked for"
                : layout.pp() > 1 ? "the model spans nodes: Ray places its pipeline stages"
                : "one node: a KServe InferenceService with the vLLM runtime"));
        if (engine == ServingEngine.KSERVE && layout.pp() > 1) {
            warnings.add("KServe spreads a model over nodes only in raw deployment mode and loads it from a "
                    + "pvc:// storage URI; prefer VLLM_KUBERAY otherwise");
        }
        boolean feasible = problems.isEmpty();
        String summary = feasible
                ? "%s in %s fits on %d × %s: tp %d × pp %d per replica, %s of %s GiB usable per GPU".formatted(
                describeModel(request), request.precision(), total, resource, layout.tp(), layout.pp(),
                gib(m.needPerGpuGiB()), gib(m.usablePerGpuGiB()))
                : problems.getFirst().message();
        return new ModelPlan(feasible, summary, pool.name(), pool.gpuModel().id(), engine, request.precision(),
                request.maxContext(), request.concurrentSequences(), layout.tp(), layout.pp(), request.replicas(),
                gpusPerReplica, total, resource, layout.device().migProfile(), m, arithmetic, problems, List.of(),
                warnings, feasible ? quotaFit : null);
    }

    /**
     * Where Kueue admits it: within the tenant's guarantee, or partly on capacity the cohort lends (other tenants'
     * idle guarantees), which Kueue takes back when they need it. Its serving priority only protects it from the
     * tenant's own interactive and batch work.
     */
    private static QuotaFit quotaFit(PlanRequest request, String resource, long used, int total,
                                     List<String> arithmetic, List<String> warnings) {
        if (request.quotaGuarantees() == null) {
            return null;
        }
        long guaranteed = request.quotaGuarantees().getOrDefault(resource, 0L);
        long borrowed = Math.max(0, used + total - guaranteed) - Math.max(0, used - guaranteed);
        if (borrowed == 0) {
            arithmetic.add("Kueue: %d + %d = %d within the guarantee of %d %s: not preempted by other tenants"
                    .formatted(used, total, used + total, guaranteed, resource));
            return QuotaFit.GUARANTEED;
        }
        arithmetic.add("Kueue: %d + %d = %d, %d above the guarantee of %d %s: borrowed from the cohort".formatted(
                used, total, used + total, used + total - guaranteed, guaranteed, resource));
        warnings.add(("runs on borrowed capacity: %d of its %d %s are above the tenant's guarantee of %d (with %d in "
                + "use by its other model deployments); Kueue admits it only while other tenants' guaranteed GPUs are "
                + "idle and preempts it when they reclaim them").formatted(borrowed, total, resource, guaranteed,
                used));
        return QuotaFit.BORROWED;
    }

    private static ModelPlan result(PlanRequest request, boolean feasible, String summary, MemoryBudget memory,
                                    List<String> arithmetic, List<FieldViolation> problems, List<String> warnings) {
        return new ModelPlan(feasible, summary, request.pool().name(), request.pool().gpuModel().id(),
                request.engine(), request.precision(), request.maxContext(), request.concurrentSequences(), 0, 0,
                request.replicas(), 0, 0, null, null, memory, arithmetic, problems, List.of(), warnings, null);
    }

    private static String describeModel(PlanRequest request) {
        return "%s-parameter model".formatted(billions(request.facts().parameters()));
    }

    private static String memoryProblem(PlanRequest request, Layout closest, List<Device> devices) {
        PoolSnapshot pool = request.pool();
        Device device = closest.device();
        String spread = device.splittable()
                ? "even spread over %d GPU(s) (tp %d × pp %d)".formatted(closest.tp() * closest.pp(), closest.tp(),
                closest.pp())
                : device.migProfile() != null ? "on the largest MIG instance (%s; a replica cannot span MIG instances)"
                .formatted(device.migProfile())
                : "on one time-sliced share (a replica cannot span shares)";
        String offer = device.splittable()
                ? "pool '%s' offers %s GiB usable per GPU (%s) × %d per node × %d node(s)".formatted(pool.name(),
                gib(closest.memory().usablePerGpuGiB()), device.label(), device.perNode(), pool.nodeCount())
                : "pool '%s' offers %s GiB usable (%s)".formatted(pool.name(),
                gib(closest.memory().usablePerGpuGiB()), device.label());
        return "needs %s GiB per GPU %s, %s".formatted(gib(closest.memory().needPerGpuGiB()), spread, offer);
    }

    private static Optional<FieldViolation> quotaProblem(PlanRequest request, String resource, int total) {
        String pool = request.pool().name();
        Long limit = request.quotaLimits() == null ? null : request.quotaLimits().get(resource);
        if (limit == null) {
            return Optional.of(new FieldViolation("pool", ("the tenant has no GPU quota for %s on pool '%s';"
                    + " a platform admin grants one (PUT /api/v1/tenants/{slug}/gpu-quotas/%s)").formatted(resource,
                    pool, pool)));
        }
        long used = request.inUse().getOrDefault(resource, 0L);
        if (used + total > limit) {
            return Optional.of(new FieldViolation("pool", ("needs %d %s, but the tenant's quota on pool "
                    + "'%s' allows %d and its other model deployments use %d, leaving %d").formatted(total, resource,
                    pool, limit, used, Math.max(0, limit - used))));
        }
        return Optional.empty();
    }

    // --- devices and layouts -------------------------------------------------------------------------------------

    private static List<Device> devices(PoolSnapshot pool) {
        GpuModel gpu = pool.gpuModel();
        GpuSharing sharing = pool.sharing();
        String firstResource = pool.capacity().isEmpty() ? "nvidia.com/gpu" : pool.capacity().firstKey();
        return switch (sharing.mode()) {
            case EXCLUSIVE -> List.of(new Device(firstResource, gpu.memoryGiB(), GPU_MEMORY_UTILIZATION,
                    pool.gpusPerNode(), null, "%d GiB of a whole %s".formatted(gpu.memoryGiB(), gpu.id()), true));
            case TIME_SLICING -> {
                int replicas = sharing.replicas();
                double share = (double) gpu.memoryGiB() / replicas;
                yield List.of(new Device(firstResource, share, GPU_MEMORY_UTILIZATION / replicas,
                        pool.gpusPerNode() * replicas, null, "a time-sliced share of %s: %d GiB / %d = %s GiB"
                        .formatted(gpu.id(), gpu.memoryGiB(), replicas, gib(share)), false));
            }
            case MIG -> migDevices(pool);
        };
    }

    private static List<Device> migDevices(PoolSnapshot pool) {
        GpuModel gpu = pool.gpuModel();
        GpuSharing sharing = pool.sharing();
        Map<String, Integer> layout = sharing.migDevices() != null ? sharing.migDevices()
                : gpu.migLayout(sharing.migLayout()).orElseThrow().devices();
        List<MigProfile> profiles = layout.keySet().stream().map(name -> gpu.migProfile(name).orElseThrow())
                .sorted(Comparator.comparingInt(MigProfile::memoryGiB)).toList();
        if (sharing.migStrategy() == MigStrategy.single) {
            // Under the single strategy every instance is nvidia.com/gpu: a pod cannot choose, so count the smallest.
            MigProfile smallest = profiles.getFirst();
            int perGpu = layout.values().stream().mapToInt(Integer::intValue).sum();
            return List.of(migDevice("nvidia.com/gpu", smallest, pool.gpusPerNode() * perGpu));
        }
        return profiles.stream().map(p -> migDevice(p.resourceName(), p, pool.gpusPerNode() * layout.get(p.name())))
                .toList();
    }

    private static Device migDevice(String resource, MigProfile profile, int perNode) {
        return new Device(resource, profile.memoryGiB(), GPU_MEMORY_UTILIZATION, perNode, profile.name(),
                "MIG instance %s with %d GiB".formatted(profile.name(), profile.memoryGiB()), false);
    }

    private static List<Layout> layouts(Device device, PlanRequest request, double weightsGiB, double kvCacheGiB) {
        ModelFacts facts = request.facts();
        var layouts = new ArrayList<Layout>();
        if (!device.splittable()) {
            layouts.add(layout(device, 1, 1, request, weightsGiB, kvCacheGiB));
            return layouts;
        }
        int maxStages = Math.min(request.pool().nodeCount(), facts.layers());
        for (int pp = 1; pp <= maxStages; pp++) {
            for (int tp = 1; tp <= device.perNode(); tp++) {
                if (validTensorParallel(facts, tp)) {
                    layouts.add(layout(device, tp, pp, request, weightsGiB, kvCacheGiB));
                }
            }
        }
        return layouts;
    }

    /** vLLM: attention heads divisible by tp; KV heads divisible by tp, or replicated when tp is their multiple. */
    static boolean validTensorParallel(ModelFacts facts, int tp) {
        return facts.attentionHeads() % tp == 0
                && (facts.kvHeads() % tp == 0 || tp % facts.kvHeads() == 0);
    }

    private static Layout layout(Device device, int tp, int pp, PlanRequest request, double weightsGiB,
                                 double kvCacheGiB) {
        ModelFacts facts = request.facts();
        int layersPerStage = (facts.layers() + pp - 1) / pp;
        double stageShare = (double) layersPerStage / facts.layers();
        long embedding = facts.embeddingParameters();
        double body = (facts.parameters() - embedding) * request.precision().bytesPerParameter();
        // The first stage holds the input embeddings, the last the LM head; a single stage holds both.
        long stageEmbedding = pp == 1 ? embedding : facts.embeddingMatrixParameters();
        double weightsPerGpu = (body * stageShare + stageEmbedding * EMBEDDING_BYTES) / GIB / tp;
        int kvHeadsPerGpu = Math.max(1, facts.kvHeads() / tp);
        double kvPerGpu = kvBytes(facts, layersPerStage, kvHeadsPerGpu, request) / GIB;
        double need = weightsPerGpu + kvPerGpu + RUNTIME_OVERHEAD_GIB;
        double usable = device.memoryGiB() * GPU_MEMORY_UTILIZATION;
        return new Layout(device, tp, pp, new MemoryBudget(round(weightsGiB), round(kvCacheGiB), round(weightsPerGpu),
                round(kvPerGpu), RUNTIME_OVERHEAD_GIB, round(need), round(device.memoryGiB()),
                Math.round(device.utilization() * 1000) / 1000.0, round(usable)), layersPerStage);
    }

    private static double kvBytes(ModelFacts facts, int layers, int kvHeads, PlanRequest request) {
        return 2.0 * layers * kvHeads * facts.headDim() * KV_CACHE_BYTES * (double) request.maxContext()
                * request.concurrentSequences();
    }

    // --- alternatives --------------------------------------------------------------------------------------------

    private List<PlanAlternative> alternatives(PlanRequest request, ModelPlan rejected) {
        var found = new ArrayList<PlanAlternative>();
        String cc = request.pool().gpuModel().computeCapability();
        for (Precision precision : Precision.values()) {
            if (precision != request.precision() && precision.runsOn(cc)
                    && (precision.bytesPerParameter() <= request.precision().bytesPerParameter()
                    || !request.precision().runsOn(cc))) {
                ModelPlan plan = evaluate(request.withPrecision(precision), true);
                if (plan.feasible()) {
                    found.add(new PlanAlternative("precision", precision.name(), "%s fits: %s".formatted(precision,
                            layoutText(plan))));
                }
            }
        }
        boolean memoryShort = rejected.problems().stream().anyMatch(p -> p.field().equals("pool")
                && p.message().startsWith("needs ") && p.message().contains("GiB per GPU"));
        if (memoryShort && !devices(request.pool()).isEmpty() && devices(request.pool()).getFirst().splittable()
                && request.precision().runsOn(cc)) {
            int limit = Math.min(MAX_NODES_TO_SUGGEST, request.facts().layers());
            for (int nodes = request.pool().nodeCount() + 1; nodes <= limit; nodes++) {
                ModelPlan plan = evaluate(request.withNodes(nodes), false);
                if (plan.feasible()) {
                    found.add(new PlanAlternative("pool.nodeCount", Integer.toString(nodes), ("a pool of %d such nodes "
                            + "(%d × %s per node) would fit: %s").formatted(nodes, request.pool().gpusPerNode(),
                            request.pool().gpuModel().id(), layoutText(plan))));
                    break;
                }
            }
        }
        if (request.precision().runsOn(cc)) {
            for (int context = request.maxContext() / 2; context >= MIN_CONTEXT; context /= 2) {
                ModelPlan plan = evaluate(request.withContext(context, request.concurrentSequences()), true);
                if (plan.feasible()) {
                    found.add(new PlanAlternative("maxContext", Integer.toString(context),
                            "a context of %,d tokens fits: %s".formatted(context, layoutText(plan))));
                    break;
                }
            }
            for (int sequences = request.concurrentSequences() / 2; sequences >= 1; sequences /= 2) {
                ModelPlan plan = evaluate(request.withContext(request.maxContext(), sequences), true);
                if (plan.feasible()) {
                    found.add(new PlanAlternative("concurrentSequences", Integer.toString(sequences),
                            "%d concurrent sequence(s) fit: %s".formatted(sequences, layoutText(plan))));
                    break;
                }
            }
            for (int replicas = request.replicas() - 1; replicas >= 1; replicas--) {
                ModelPlan plan = evaluate(request.withReplicas(replicas), true);
                if (plan.feasible()) {
                    found.add(new PlanAlternative("replicas", Integer.toString(replicas),
                            "%d replica(s) fit: %s".formatted(replicas, layoutText(plan))));
                    break;
                }
            }
        }
        return found;
    }

    private static ModelPlan withAlternatives(ModelPlan plan, List<PlanAlternative> alternatives) {
        String summary = plan.summary();
        if (!alternatives.isEmpty()) {
            summary += "; would fit: " + String.join("; ", alternatives.stream()
                    .map(a -> "%s %s".formatted(a.field(), a.value())).toList());
        } else {
            summary += "; no change of precision, context, sequences, replicas or node count makes it fit";
        }
        return new ModelPlan(false, summary, plan.pool(), plan.gpuModel(), plan.engine(), plan.precision(),
                plan.maxContext(), plan.concurrentSequences(), plan.tensorParallelSize(), plan.pipelineParallelSize(),
                plan.replicas(), plan.gpusPerReplica(), plan.gpusTotal(), plan.resourceName(), plan.migProfile(),
                plan.memory(), plan.arithmetic(), plan.problems(), alternatives, plan.warnings(), null);
    }

    private static String layoutText(ModelPlan plan) {
        return "%d × %s (tp %d × pp %d × %d replica(s)), %s of %s GiB per GPU".formatted(plan.gpusTotal(),
                plan.resourceName(), plan.tensorParallelSize(), plan.pipelineParallelSize(), plan.replicas(),
                gib(plan.memory().needPerGpuGiB()), gib(plan.memory().usablePerGpuGiB()));
    }

    // --- numbers -------------------------------------------------------------------------------------------------

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static String gib(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }

    private static String billions(long parameters) {
        return String.format(Locale.ROOT, "%.2fB", parameters / 1e9);
    }
}
