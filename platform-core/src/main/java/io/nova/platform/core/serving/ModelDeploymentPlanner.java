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
import io.nova.platform.core.gpu.SharingMode;

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
    /** vLLM's attention backend on GPUs without FlashAttention 2 (below compute capability 8.0). */
    public static final String PRE_AMPERE_ATTENTION = "TRITON_ATTN";
    /** How the placement lines name the deployment being planned. */
    static final String SELF = "this";
    static final int KV_CACHE_BYTES = 2;
    static final int EMBEDDING_BYTES = 2;
    static final int MIN_CONTEXT = 512;
    static final int MAX_NODES_TO_SUGGEST = 64;
    private static final double GIB = 1024.0 * 1024 * 1024;

    /**
     * One kind of device the pool hands to a pod. {@code slices} > 0: a co-located deployment's share of a GPU, that
     * many time-slices per pod, one pod per node.
     */
    private record Device(String resourceName, double memoryGiB, double utilization, int perNode, String migProfile,
                          String label, boolean splittable, int slices) {

        Device(String resourceName, double memoryGiB, double utilization, int perNode, String migProfile,
               String label, boolean splittable) {
            this(resourceName, memoryGiB, utilization, perNode, migProfile, label, splittable, 0);
        }
    }

    /** A tp × pp layout on a device and its memory budget; {@code partition} null for an even split of the layers. */
    private record Layout(Device device, int tp, int pp, MemoryBudget memory, int layersPerStage,
                          List<Integer> partition) {

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

        coLocationProblem(request).ifPresent(problems::add);
        if (!problems.isEmpty() && request.gpuShare() != null) {
            return result(request, false, problems.getFirst().message(), null, arithmetic, problems, warnings);
        }
        List<Device> devices = devices(request);
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
        if (layout.device().slices() > 0) {
            arithmetic.add(("share: gpuShare %s → %d of the %d time-slices of each GPU; vLLM gpu_memory_utilization "
                    + "%s × %d/%d = %s").formatted(number(request.gpuShare()), layout.device().slices(),
                    pool.sharing().replicas(), number(GPU_MEMORY_UTILIZATION), layout.device().slices(),
                    pool.sharing().replicas(), number(m.gpuMemoryUtilization())));
        }
        if (layout.partition() != null) {
            arithmetic.add(("layers per stage: %s (VLLM_PP_LAYER_PARTITION; the first and last stages also hold the "
                    + "embeddings and the LM head, so they take fewer layers)").formatted(layout.partition().stream()
                    .map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))));
        }
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
        int slices = layout.device().slices();
        int perPod = slices > 0 ? slices : layout.tp();
        int gpusPerReplica = perPod * layout.pp();
        int total = gpusPerReplica * request.replicas();
        QuotaFit quotaFit = null;
        String resource = layout.device().resourceName();
        if (slices > 0) {
            arithmetic.add(("time-slices: %d replica(s) × pp %d × %d = %d %s, one pod per node (pod anti-affinity), "
                    + "%d pod(s) per replica").formatted(request.replicas(), layout.pp(), slices, total, resource,
                    layout.pp()));
        } else {
            arithmetic.add("GPUs: %d replica(s) × tp %d × pp %d = %d %s, %d pod(s) of %d per replica".formatted(
                    request.replicas(), layout.tp(), layout.pp(), total, resource, layout.pp(), layout.tp()));
        }
        if (chosen != null) {
            long slots = (long) pool.nodeCount() * (layout.device().perNode() / layout.tp());
            long pods = (long) layout.pp() * request.replicas();
            if (slices > 0 && pods > slots) {
                problems.add(new FieldViolation("replicas", ("%d replica(s) of %d pipeline stage(s) are %d pods that "
                        + "each need a node of their own; pool '%s' has %d node(s)").formatted(request.replicas(),
                        layout.pp(), pods, pool.name(), pool.nodeCount())));
            } else if (slices > 0) {
                placementProblem(request, layout, arithmetic).ifPresent(problems::add);
            } else if (pods > slots) {
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
        Double share = slices > 0 ? (double) slices / pool.sharing().replicas() : null;
        if (!Precision.BF16.runsOn(gpu.computeCapability())) {
            arithmetic.add(("engine arguments for %s (compute capability %s): dtype %s; attention backend %s, as "
                    + "FlashAttention 2 needs 8.0").formatted(gpu.id(), gpu.computeCapability(),
                    request.precision().vllmDtype(), PRE_AMPERE_ATTENTION));
        }
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
                warnings, feasible ? quotaFit : null, share, layout.partition());
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

    private static List<Device> devices(PlanRequest request) {
        PoolSnapshot pool = request.pool();
        if (request.gpuShare() != null) {
            return List.of(sharedDevice(pool, request.gpuShare()));
        }
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
        if (device.slices() > 0) {
            // one share per pod: two shares in one pod might be the same GPU
            for (int pp = 1; pp <= Math.min(request.pool().nodeCount(), facts.layers()); pp++) {
                layouts.add(layout(device, 1, pp, request, weightsGiB, kvCacheGiB));
            }
            return layouts;
        }
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

    /** What a co-located deployment's largest stage needs on one GPU at {@code pp} stages, and its layer split. */
    record StageNeed(double needGiB, List<Integer> partition) {
    }

    StageNeed coLocatedStage(PlanRequest request, int pp) {
        ModelFacts facts = request.facts();
        long embedding = facts.embeddingParameters();
        double weightsGiB = ((facts.parameters() - embedding) * request.precision().bytesPerParameter()
                + embedding * EMBEDDING_BYTES) / GIB;
        double kvCacheGiB = kvBytes(facts, facts.layers(), facts.kvHeads(), request) / GIB;
        Layout layout = layout(sharedDevice(request.pool(), 1.0), 1, pp, request, weightsGiB, kvCacheGiB);
        return new StageNeed(layout.memory().needPerGpuGiB(), layout.partition());
    }

    /** A co-located deployment's share of each GPU of a time-sliced pool, in whole time-slices. */
    private static Device sharedDevice(PoolSnapshot pool, double gpuShare) {
        GpuModel gpu = pool.gpuModel();
        int replicas = pool.sharing().replicas();
        int slices = slices(gpuShare, replicas);
        double share = (double) slices / replicas;
        String resource = pool.capacity().isEmpty() ? "nvidia.com/gpu" : pool.capacity().firstKey();
        return new Device(resource, gpu.memoryGiB() * share, GPU_MEMORY_UTILIZATION * share, 1, null,
                "%d of the %d time-slices of a %s: %d GiB × %d/%d = %s GiB".formatted(slices, replicas, gpu.id(),
                        gpu.memoryGiB(), slices, replicas, gib(gpu.memoryGiB() * share)), true, slices);
    }

    /** What vLLM may allocate with {@code slices} of a GPU's {@code replicas} time-slices (utilization rounded down). */
    static double sharedBudgetGiB(GpuModel gpu, int slices, int replicas) {
        return gpu.memoryGiB() * Math.floor(GPU_MEMORY_UTILIZATION * slices / replicas * 1000 + 1e-9) / 1000.0;
    }

    /** The time-slices a share takes, rounded up (a hair of float error does not cost a slice). */
    static int slices(double gpuShare, int replicas) {
        return Math.max(1, (int) Math.ceil(gpuShare * replicas - 1e-6));
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** Why the pool cannot take a co-located deployment with this share, if it cannot. */
    private static Optional<FieldViolation> coLocationProblem(PlanRequest request) {
        Double share = request.gpuShare();
        if (share == null) {
            return Optional.empty();
        }
        PoolSnapshot pool = request.pool();
        GpuSharing sharing = pool.sharing();
        if (share <= 0 || share > 1) {
            return Optional.of(new FieldViolation("gpuShare", "must be above 0 and at most 1 (got %s)"
                    .formatted(number(share))));
        }
        if (sharing.mode() != SharingMode.TIME_SLICING) {
            return Optional.of(new FieldViolation("gpuShare", "applies to time-sliced pools; pool '%s' is %s (%s)"
                    .formatted(pool.name(), sharing.mode(), sharing.mode() == SharingMode.MIG
                            ? "MIG instances already isolate memory: leave gpuShare out"
                            : "its pods get whole GPUs: leave gpuShare out")));
        }
        int slices = slices(share, sharing.replicas());
        if (slices > 1 && Boolean.TRUE.equals(sharing.failRequestsGreaterThanOne())) {
            return Optional.of(new FieldViolation("gpuShare", ("takes %d of the %d time-slices of a %s, but pool '%s' "
                    + "refuses requests for more than one (failRequestsGreaterThanOne); the largest share it can give "
                    + "a pod is 1/%d").formatted(slices, sharing.replicas(), pool.gpuModel().id(), pool.name(),
                    sharing.replicas())));
        }
        if (slices > 1 && pool.gpusPerNode() > 1) {
            return Optional.of(new FieldViolation("gpuShare", ("takes %d time-slices of one GPU, but pool '%s' has %d "
                    + "GPUs per node and the device plugin may hand a pod's time-slices out from different GPUs; "
                    + "co-locate with shares above 1/%d on a pool with one GPU per node").formatted(slices,
                    pool.name(), pool.gpusPerNode(), sharing.replicas())));
        }
        return Optional.empty();
    }

    /**
     * The co-located pods, with those every other deployment keeps on the pool, on the pool's nodes: each node
     * offers its GPU's time-slices (so the scheduler keeps every GPU's shares at or below 1).
     */
    private static Optional<FieldViolation> placementProblem(PlanRequest request, Layout layout,
                                                             List<String> arithmetic) {
        PoolSnapshot pool = request.pool();
        int perNode = pool.sharing().replicas() * pool.gpusPerNode();
        var all = new ArrayList<>(request.poolPods());
        all.add(new PoolPods(SELF, layout.device().slices(), layout.pp() * request.replicas(), true));
        var placed = SlicePlacement.place(pool.nodeCount(), perNode, all);
        if (placed.isEmpty()) {
            int taken = request.poolPods().stream().mapToInt(p -> p.slicesPerPod() * p.pods()).sum();
            return Optional.of(new FieldViolation("gpuShare", ("%d pod(s) of %d time-slices, one per node, find no "
                    + "room on pool '%s': its %d node(s) × %d time-slices hold %d already (%s)").formatted(
                    layout.pp() * request.replicas(), layout.device().slices(), pool.name(), pool.nodeCount(),
                    perNode, taken, request.poolPods().isEmpty() ? "nothing else"
                            : String.join(", ", request.poolPods().stream().map(p -> "%s %d × %d".formatted(
                            p.deployment(), p.pods(), p.slicesPerPod())).toList()))));
        }
        for (SlicePlacement.Node node : placed.get()) {
            if (!node.pods().isEmpty()) {
                arithmetic.add("node %d: %s = %d of %d time-slices".formatted(node.index(), String.join(" + ",
                        node.pods().stream().map(p -> "%s %d".formatted(p.deployment(), p.slicesPerPod())).toList()),
                        node.used(), node.capacity()));
            }
        }
        return Optional.empty();
    }

    /** vLLM: attention heads divisible by tp; KV heads divisible by tp, or replicated when tp is their multiple. */
    static boolean validTensorParallel(ModelFacts facts, int tp) {
        return facts.attentionHeads() % tp == 0
                && (facts.kvHeads() % tp == 0 || tp % facts.kvHeads() == 0);
    }

    private static Layout layout(Device device, int tp, int pp, PlanRequest request, double weightsGiB,
                                 double kvCacheGiB) {
        ModelFacts facts = request.facts();
        long embedding = facts.embeddingParameters();
        double body = (facts.parameters() - embedding) * request.precision().bytesPerParameter();
        int kvHeadsPerGpu = Math.max(1, facts.kvHeads() / tp);
        List<Integer> partition = null;
        int layersPerStage = (facts.layers() + pp - 1) / pp;
        // The first stage holds the input embeddings, the last the LM head; a single stage holds both.
        long stageEmbedding = pp == 1 ? embedding : facts.embeddingMatrixParameters();
        double weightsPerGpu = (body * layersPerStage / facts.layers() + stageEmbedding * EMBEDDING_BYTES) / GIB / tp;
        double kvPerGpu = kvBytes(facts, layersPerStage, kvHeadsPerGpu, request) / GIB;
        if (device.slices() > 0 && pp > 1 && stageEmbedding > 0) {
            // Co-located shares are tight: balance the stages instead of splitting the layers evenly.
            double perLayer = body / facts.layers() + kvBytes(facts, 1, kvHeadsPerGpu, request);
            List<Integer> balanced = LayerPartition.balanced(facts.layers(), pp, perLayer,
                    stageEmbedding * EMBEDDING_BYTES);
            double worst = 0;
            for (int stage = 0; stage < pp; stage++) {
                boolean end = stage == 0 || stage == pp - 1;
                double weights = (body * balanced.get(stage) / facts.layers() + (end ? stageEmbedding
                        * EMBEDDING_BYTES : 0)) / GIB;
                double kv = kvBytes(facts, balanced.get(stage), kvHeadsPerGpu, request) / GIB;
                if (weights + kv > worst) {
                    worst = weights + kv;
                    weightsPerGpu = weights;
                    kvPerGpu = kv;
                    layersPerStage = balanced.get(stage);
                }
            }
            partition = LayerPartition.even(balanced) ? null : balanced;
        }
        double need = weightsPerGpu + kvPerGpu + RUNTIME_OVERHEAD_GIB;
        // vLLM gets the utilization rounded down, so that co-located budgets on one GPU never add up to more than 0.9
        double utilization = Math.floor(device.utilization() * 1000 + 1e-9) / 1000.0;
        double usable = device.memoryGiB() * GPU_MEMORY_UTILIZATION * utilization / device.utilization();
        return new Layout(device, tp, pp, new MemoryBudget(round(weightsGiB), round(kvCacheGiB), round(weightsPerGpu),
                round(kvPerGpu), RUNTIME_OVERHEAD_GIB, round(need), round(device.memoryGiB()), utilization,
                round(usable)), layersPerStage, partition);
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
        if (memoryShort && !devices(request).isEmpty() && devices(request).getFirst().splittable()
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
        if (request.gpuShare() != null && request.precision().runsOn(cc)
                && coLocationProblem(request).isEmpty()) {
            int replicas = request.pool().sharing().replicas();
            for (int slices = slices(request.gpuShare(), replicas) + 1; slices <= replicas; slices++) {
                ModelPlan plan = evaluate(request.withShare((double) slices / replicas), true);
                if (plan.feasible()) {
                    found.add(new PlanAlternative("gpuShare", number(round3((double) slices / replicas)),
                            "a share of %d/%d fits: %s".formatted(slices, replicas, layoutText(plan))));
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
                plan.memory(), plan.arithmetic(), plan.problems(), alternatives, plan.warnings(), null,
                plan.gpuShare(), plan.layerPartition());
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
