package io.nova.platform.core.serving;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.nova.platform.core.common.FieldViolation;
import io.nova.platform.core.gpu.PoolSnapshot;
import io.nova.platform.core.gpu.SharingMode;

/**
 * Places several models together on a time-sliced pool (the pilot's setup: each card holds a pipeline stage of
 * every model). Per model and stage count the smallest share that holds its largest stage (balanced layers), then
 * the combination with the fewest time-slices whose pods, one per node per model, fit the nodes next to what the
 * pool already holds. When none does, the GPUs are loaded as densely as the models allow (every model over as many
 * nodes as it can use) and the shortfall per GPU is given, with the largest context, concurrency or a lighter
 * precision that would fit. Pure: no I/O, no Spring.
 */
public final class CoLocationPlanner {

    static final int MAX_DEPLOYMENTS = 8;
    /** Combinations of stage counts tried at most (the fewest time-slices per model first): bounds the search. */
    private static final int MAX_COMBINATIONS = 4096;
    private static final int MAX_OPTIONS_PER_MODEL = 8;
    private static final int CONTEXT_STEP = 256;
    private static final int MAX_PLACEMENTS = 512;

    private final ModelDeploymentPlanner planner;

    public CoLocationPlanner(ModelDeploymentPlanner planner) {
        this.planner = planner;
    }

    /** One way to run a model: {@code pp} stages of {@code slices} time-slices each. */
    private record Option(int pp, int slices, double needGiB, List<Integer> partition) {

        int total(int replicas) {
            return pp * slices * replicas;
        }
    }

    public CoLocationPlan plan(CoLocationRequest request) {
        CoLocationPlan plan = evaluate(request);
        return plan.feasible() ? plan : withAlternatives(plan, alternatives(request));
    }

    private CoLocationPlan evaluate(CoLocationRequest request) {
        PoolSnapshot pool = request.pool();
        var problems = new ArrayList<FieldViolation>();
        var arithmetic = new ArrayList<String>();
        if (pool.sharing().mode() != SharingMode.TIME_SLICING) {
            problems.add(new FieldViolation("pool", ("co-location shares time-sliced GPUs; pool '%s' is %s")
                    .formatted(pool.name(), pool.sharing().mode())));
            return result(request, false, problems.getFirst().message(), List.of(), List.of(), arithmetic, problems);
        }
        int replicasPerGpu = pool.sharing().replicas();
        double usable = pool.gpuModel().memoryGiB() * ModelDeploymentPlanner.GPU_MEMORY_UTILIZATION;
        double slice = usable / replicasPerGpu;
        arithmetic.add(("GPU: %s, %d GiB × %s = %s GiB usable, %d time-slices of %s GiB; every model's pods go one per "
                + "node (pod anti-affinity) with a budget of whole time-slices").formatted(pool.gpuModel().id(),
                pool.gpuModel().memoryGiB(), ModelDeploymentPlanner.GPU_MEMORY_UTILIZATION, gib(usable),
                replicasPerGpu, gib(slice)));

        var options = new ArrayList<List<Option>>();
        for (int i = 0; i < request.deployments().size(); i++) {
            var candidate = request.deployments().get(i);
            PlanRequest r = candidate.request();
            String field = "deployments[%d]".formatted(i);
            if (!r.precision().runsOn(pool.gpuModel().computeCapability())) {
                problems.add(new FieldViolation(field + ".precision", "%s needs compute capability %s; %s has %s"
                        .formatted(r.precision(), r.precision().minComputeCapability(), pool.gpuModel().id(),
                                pool.gpuModel().computeCapability())));
                options.add(List.of());
                continue;
            }
            int maxStages = Math.min(pool.nodeCount() / r.replicas(), r.facts().layers());
            if (maxStages == 0) {
                problems.add(new FieldViolation(field + ".replicas", ("%d replica(s) need a node each for every "
                        + "stage; pool '%s' has %d node(s)").formatted(r.replicas(), pool.name(), pool.nodeCount())));
                options.add(List.of());
                continue;
            }
            var found = new ArrayList<Option>();
            Option densest = null;
            for (int pp = 1; pp <= maxStages; pp++) {
                var need = planner.coLocatedStage(r, pp);
                int slices = r.gpuShare() != null ? ModelDeploymentPlanner.slices(r.gpuShare(), replicasPerGpu)
                        : smallestShare(pool, need.needGiB());
                Option option = new Option(pp, slices, need.needGiB(), need.partition());
                densest = option;
                if (need.needGiB() <= budget(pool, slices) && slices <= replicasPerGpu
                        && (slices == 1 || pool.gpusPerNode() == 1)) {
                    found.add(option);
                }
            }
            arithmetic.add("%s (%s, %s, context %,d × %d sequences, %d replica(s)): %s".formatted(candidate.name(),
                    candidate.model(), r.precision(), r.maxContext(), r.concurrentSequences(), r.replicas(),
                    found.isEmpty() ? "no stage count fits in one GPU" : String.join("; ", found.stream()
                            .map(o -> "pp %d needs %s GiB per GPU → %d time-slices".formatted(o.pp(),
                                    gib(o.needGiB()), o.slices())).toList())));
            if (found.isEmpty() && densest != null) {
                found.add(densest);
            }
            options.add(found.stream().sorted(Comparator.comparingInt((Option o) -> o.total(r.replicas()))
                    .thenComparingInt(Option::pp)).limit(optionsPerModel(request.deployments().size())).toList());
        }
        if (!problems.isEmpty()) {
            return result(request, false, problems.getFirst().message(), List.of(), List.of(), arithmetic, problems);
        }

        var best = search(request, options);
        if (best.isPresent()) {
            List<Option> chosen = best.get();
            var members = members(request, chosen, slice, replicasPerGpu);
            var placed = SlicePlacement.place(pool.nodeCount(), replicasPerGpu * pool.gpusPerNode(),
                    pods(request, chosen)).orElseThrow();
            var gpus = loads(request, chosen, placed, usable);
            quotaProblem(request, total(request, chosen)).ifPresent(problems::add);
            gpus.forEach(g -> arithmetic.add("node %d: %s = %d of %d time-slices, %s of %s GiB".formatted(g.node(),
                    String.join(" + ", g.holds()), g.timeSlices(), replicasPerGpu, gib(g.needGiB()), gib(usable))));
            boolean feasible = problems.isEmpty();
            String summary = feasible ? "%d model(s) share %d × %s: %s".formatted(members.size(), pool.nodeCount(),
                    pool.gpuModel().id(), String.join("; ", members.stream().map(m -> "%s pp %d with gpuShare %s"
                            .formatted(m.name(), m.pipelineParallelSize(), number(m.gpuShare()))).toList()))
                    : problems.getFirst().message();
            return result(request, feasible, summary, members, gpus, arithmetic, problems);
        }
        return shortfall(request, options, slice, usable, arithmetic);
    }

    /** Two models may try 8 stage counts each, eight models 2 each. */
    private static int optionsPerModel(int models) {
        return Math.min(MAX_OPTIONS_PER_MODEL, Math.max(2, (int) Math.floor(Math.pow(MAX_COMBINATIONS,
                1.0 / models) + 1e-9)));
    }

    /** The fewest time-slices whose budget holds {@code needGiB}; more than the GPU has when none does. */
    private static int smallestShare(PoolSnapshot pool, double needGiB) {
        int replicas = pool.sharing().replicas();
        int slices = Math.max(1, (int) Math.ceil(needGiB / (pool.gpuModel().memoryGiB()
                * ModelDeploymentPlanner.GPU_MEMORY_UTILIZATION) * replicas - 1e-9));
        while (slices <= replicas && budget(pool, slices) < needGiB) {
            slices++;
        }
        return slices;
    }

    private static double budget(PoolSnapshot pool, int slices) {
        return ModelDeploymentPlanner.sharedBudgetGiB(pool.gpuModel(), slices, pool.sharing().replicas());
    }

    /**
     * The combination with the fewest time-slices whose pods fit the nodes: combinations in order of their slices,
     * cheapest first, placed until one fits or {@value #MAX_PLACEMENTS} were tried (a bound on the work one request
     * can cause).
     */
    private static Optional<List<Option>> search(CoLocationRequest request, List<List<Option>> options) {
        var combinations = new ArrayList<int[]>();
        walk(options, new int[options.size()], 0, combinations);
        int capacity = request.pool().nodeCount() * request.pool().sharing().replicas() * request.pool().gpusPerNode()
                - request.others().stream().mapToInt(p -> p.slicesPerPod() * p.pods()).sum();
        var sorted = combinations.stream().map(c -> options(options, c))
                .filter(c -> total(request, c) <= capacity)
                .sorted(Comparator.comparingInt(c -> total(request, c))).limit(MAX_PLACEMENTS).toList();
        for (List<Option> combination : sorted) {
            if (SlicePlacement.place(request.pool().nodeCount(),
                    request.pool().sharing().replicas() * request.pool().gpusPerNode(),
                    pods(request, combination)).isPresent()) {
                return Optional.of(combination);
            }
        }
        return Optional.empty();
    }

    private static void walk(List<List<Option>> options, int[] current, int index, List<int[]> into) {
        if (index == options.size()) {
            into.add(current.clone());
            return;
        }
        for (int i = 0; i < options.get(index).size(); i++) {
            current[index] = i;
            walk(options, current, index + 1, into);
        }
    }

    private static List<Option> options(List<List<Option>> options, int[] choice) {
        var chosen = new ArrayList<Option>();
        for (int i = 0; i < choice.length; i++) {
            chosen.add(options.get(i).get(choice[i]));
        }
        return chosen;
    }

    private static int total(CoLocationRequest request, List<Option> combination) {
        int total = 0;
        for (int i = 0; i < combination.size(); i++) {
            total += combination.get(i).total(request.deployments().get(i).request().replicas());
        }
        return total;
    }

    private static List<PoolPods> pods(CoLocationRequest request, List<Option> chosen) {
        var pods = new ArrayList<>(request.others());
        for (int i = 0; i < chosen.size(); i++) {
            var candidate = request.deployments().get(i);
            pods.add(new PoolPods(candidate.name(), chosen.get(i).slices(),
                    chosen.get(i).pp() * candidate.request().replicas(), true));
        }
        return pods;
    }

    private static List<CoLocationPlan.Member> members(CoLocationRequest request, List<Option> chosen, double slice,
                                                       int replicasPerGpu) {
        var members = new ArrayList<CoLocationPlan.Member>();
        for (int i = 0; i < chosen.size(); i++) {
            var candidate = request.deployments().get(i);
            PlanRequest r = candidate.request();
            Option o = chosen.get(i);
            members.add(new CoLocationPlan.Member(candidate.name(), candidate.model(), r.precision(), r.maxContext(),
                    r.concurrentSequences(), r.replicas(), o.pp(), o.partition(), o.slices(),
                    round((double) o.slices() / replicasPerGpu, 1000), round(o.needGiB(), 100),
                    round(budget(request.pool(), o.slices()), 100)));
        }
        return members;
    }

    private static List<CoLocationPlan.GpuLoad> loads(CoLocationRequest request, List<Option> chosen,
                                                      List<SlicePlacement.Node> placed, double usable) {
        var loads = new ArrayList<CoLocationPlan.GpuLoad>();
        for (SlicePlacement.Node node : placed) {
            double need = 0;
            var holds = new ArrayList<String>();
            for (PoolPods pod : node.pods()) {
                int index = indexOf(request, pod.deployment());
                if (index >= 0) {
                    need += chosen.get(index).needGiB();
                    holds.add("%s %d (needs %s GiB)".formatted(pod.deployment(), pod.slicesPerPod(),
                            gib(chosen.get(index).needGiB())));
                } else {
                    need += pod.slicesPerPod() * usable / request.pool().sharing().replicas();
                    holds.add("%s %d".formatted(pod.deployment(), pod.slicesPerPod()));
                }
            }
            loads.add(new CoLocationPlan.GpuLoad(node.index(), holds, node.used(), round(need, 100), 0));
        }
        return loads;
    }

    private static int indexOf(CoLocationRequest request, String name) {
        for (int i = 0; i < request.deployments().size(); i++) {
            if (request.deployments().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * No combination fits: every model over as many nodes as it can use (the least memory per GPU), stage by
     * stage on the nodes in turn, and what each GPU would lack.
     */
    private CoLocationPlan shortfall(CoLocationRequest request, List<List<Option>> options, double slice,
                                     double usable, List<String> arithmetic) {
        PoolSnapshot pool = request.pool();
        var problems = new ArrayList<FieldViolation>();
        double[] need = new double[pool.nodeCount()];
        int[] slices = new int[pool.nodeCount()];
        var holds = new ArrayList<List<String>>();
        for (int n = 0; n < pool.nodeCount(); n++) {
            holds.add(new ArrayList<>());
        }
        for (PoolPods other : request.others()) {
            for (int p = 0; p < other.pods(); p++) {
                int node = lightest(slices);
                slices[node] += other.slicesPerPod();
                need[node] += other.slicesPerPod() * slice;
                holds.get(node).add("%s %d".formatted(other.deployment(), other.slicesPerPod()));
            }
        }
        var densest = new ArrayList<Option>();
        for (int i = 0; i < options.size(); i++) {
            var candidate = request.deployments().get(i);
            Option o = options.get(i).stream().max(Comparator.comparingInt(Option::pp)).orElseThrow();
            Option dense = denseOption(candidate.request(), o);
            densest.add(dense);
            int pods = dense.pp() * candidate.request().replicas();
            for (int p = 0; p < pods; p++) {
                need[p] += dense.needGiB();
                slices[p] += dense.slices();
                holds.get(p).add("%s %d (needs %s GiB)".formatted(candidate.name(), dense.slices(),
                        gib(dense.needGiB())));
            }
        }
        var gpus = new ArrayList<CoLocationPlan.GpuLoad>();
        boolean memoryShort = false;
        for (int n = 0; n < pool.nodeCount(); n++) {
            double lack = Math.max(0, need[n] - usable);
            memoryShort |= lack > 0;
            gpus.add(new CoLocationPlan.GpuLoad(n + 1, holds.get(n), slices[n], round(need[n], 100),
                    round(lack, 100)));
            if (!holds.get(n).isEmpty()) {
                arithmetic.add("node %d: %s = %s GiB of %s usable%s".formatted(n + 1, String.join(" + ",
                        holds.get(n)), gib(need[n]), gib(usable), lack > 0 ? ", %s GiB short".formatted(gib(lack))
                        : ""));
            }
        }
        String message;
        if (memoryShort) {
            message = "the models need more memory than the GPUs have, even spread over all %d node(s): %s".formatted(
                    pool.nodeCount(), String.join("; ", gpus.stream().filter(g -> g.shortfallGiB() > 0)
                            .map(g -> "GPU on node %d needs %s GiB of %s usable (%s GiB short)".formatted(g.node(),
                                    gib(g.needGiB()), gib(usable), gib(g.shortfallGiB()))).toList()));
        } else {
            message = ("the models fit the GPUs' memory but not in whole time-slices of %s GiB next to what the pool "
                    + "holds; a pool with more time-slicing replicas (finer shares) or fewer other deployments would "
                    + "fit").formatted(gib(slice));
        }
        problems.add(new FieldViolation("deployments", message));
        return result(request, false, message, members(request, densest, slice, pool.sharing().replicas()), gpus,
                arithmetic, problems);
    }

    /** Its densest layout, with the slices its largest stage would take even if more than a GPU has. */
    private static Option denseOption(PlanRequest request, Option option) {
        return new Option(option.pp(), smallestShare(request.pool(), option.needGiB()), option.needGiB(),
                option.partition());
    }

    private static int lightest(int[] slices) {
        int lightest = 0;
        for (int n = 1; n < slices.length; n++) {
            if (slices[n] < slices[lightest]) {
                lightest = n;
            }
        }
        return lightest;
    }

    private static Optional<FieldViolation> quotaProblem(CoLocationRequest request, int total) {
        String pool = request.pool().name();
        if (request.quotaLimit() == null) {
            return Optional.of(new FieldViolation("pool", ("the tenant has no GPU quota on pool '%s'; a platform admin "
                    + "grants one (PUT /api/v1/tenants/{slug}/gpu-quotas/%s)").formatted(pool, pool)));
        }
        if (request.inUse() + total > request.quotaLimit()) {
            return Optional.of(new FieldViolation("pool", ("the models take %d time-slices, but the tenant's quota on "
                    + "pool '%s' allows %d and its other model deployments use %d").formatted(total, pool,
                    request.quotaLimit(), request.inUse())));
        }
        return Optional.empty();
    }

    // --- alternatives --------------------------------------------------------------------------------------------

    /** The largest common context, the most concurrent sequences, or a lighter precision for one model, that fit. */
    private List<PlanAlternative> alternatives(CoLocationRequest request) {
        var found = new ArrayList<PlanAlternative>();
        if (request.pool().sharing().mode() != SharingMode.TIME_SLICING) {
            return found;
        }
        int context = request.deployments().stream().mapToInt(c -> c.request().maxContext()).max().orElse(0);
        int low = 1;
        int high = context / CONTEXT_STEP - 1;
        int fits = 0;
        while (low <= high) {
            int mid = (low + high) / 2;
            int tokens = mid * CONTEXT_STEP;
            if (evaluate(request.with(r -> r.withContext(Math.min(tokens, r.maxContext()),
                    r.concurrentSequences()))).feasible()) {
                fits = tokens;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        if (fits > 0) {
            int tokens = fits;
            CoLocationPlan plan = evaluate(request.with(r -> r.withContext(Math.min(tokens, r.maxContext()),
                    r.concurrentSequences())));
            found.add(new PlanAlternative("maxContext", Integer.toString(tokens),
                    "a context of at most %,d tokens for every model fits: %s".formatted(tokens, plan.summary())));
        }
        int sequences = request.deployments().stream().mapToInt(c -> c.request().concurrentSequences()).max()
                .orElse(1);
        int most = 0;
        low = 1;
        high = sequences - 1;
        while (low <= high) {
            int mid = (low + high) / 2;
            if (evaluate(request.with(r -> r.withContext(r.maxContext(), Math.min(mid, r.concurrentSequences()))))
                    .feasible()) {
                most = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        if (most > 0) {
            int cap = most;
            CoLocationPlan plan = evaluate(request.with(r -> r.withContext(r.maxContext(),
                    Math.min(cap, r.concurrentSequences()))));
            found.add(new PlanAlternative("concurrentSequences", Integer.toString(cap),
                    "at most %d concurrent sequence(s) per model fit: %s".formatted(cap, plan.summary())));
        }
        String cc = request.pool().gpuModel().computeCapability();
        for (int i = 0; i < request.deployments().size(); i++) {
            PlanRequest r = request.deployments().get(i).request();
            for (Precision precision : Precision.values()) {
                if (precision.bytesPerParameter() < r.precision().bytesPerParameter() && precision.runsOn(cc)) {
                    CoLocationPlan plan = evaluate(request.withCandidate(i, r.withPrecision(precision)));
                    if (plan.feasible()) {
                        found.add(new PlanAlternative("deployments[%d].precision".formatted(i), precision.name(),
                                "%s in %s fits: %s".formatted(request.deployments().get(i).name(), precision,
                                        plan.summary())));
                        break;
                    }
                }
            }
        }
        return found;
    }

    private static CoLocationPlan withAlternatives(CoLocationPlan plan, List<PlanAlternative> alternatives) {
        String summary = plan.summary() + (alternatives.isEmpty()
                ? "; no common context, concurrency or lighter precision makes them fit"
                : "; would fit: " + String.join("; ", alternatives.stream()
                .map(a -> "%s %s".formatted(a.field(), a.value())).toList()));
        return new CoLocationPlan(false, summary, plan.pool(), plan.gpuModel(), plan.timeSlicesPerGpu(),
                plan.usablePerGpuGiB(), plan.deployments(), plan.gpus(), plan.arithmetic(), plan.problems(),
                alternatives);
    }

    private static CoLocationPlan result(CoLocationRequest request, boolean feasible, String summary,
                                         List<CoLocationPlan.Member> members, List<CoLocationPlan.GpuLoad> gpus,
                                         List<String> arithmetic, List<FieldViolation> problems) {
        PoolSnapshot pool = request.pool();
        Integer replicas = pool.sharing().replicas();
        return new CoLocationPlan(feasible, summary, pool.name(), pool.gpuModel().id(), replicas == null ? 0 : replicas,
                round(pool.gpuModel().memoryGiB() * ModelDeploymentPlanner.GPU_MEMORY_UTILIZATION, 100), members,
                gpus, arithmetic, problems, List.of());
    }

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }

    private static String gib(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }
}
