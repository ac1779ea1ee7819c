package io.nova.platform.core.serving;

import java.util.List;

import io.nova.platform.core.common.FieldViolation;

/**
 * Whether several models can share the GPUs of a time-sliced pool, each with an explicit memory budget, and how:
 * per deployment its pipeline stages and share of every GPU, per GPU (node) what it holds; when they cannot, the
 * shortfall per GPU and the nearest setting that fits.
 *
 * @param timeSlicesPerGpu the pool's time-slicing replicas: shares are whole multiples of one over it
 * @param usablePerGpuGiB  a whole GPU × vLLM's 0.90, what all co-located budgets on it together may take
 */
public record CoLocationPlan(boolean feasible, String summary, String pool, String gpuModel, int timeSlicesPerGpu,
                             double usablePerGpuGiB, List<Member> deployments, List<GpuLoad> gpus,
                             List<String> arithmetic, List<FieldViolation> problems,
                             List<PlanAlternative> alternatives) {

    public CoLocationPlan {
        deployments = List.copyOf(deployments);
        gpus = List.copyOf(gpus);
        arithmetic = List.copyOf(arithmetic);
        problems = List.copyOf(problems);
        alternatives = List.copyOf(alternatives);
    }

    /**
     * One deployment's place: create it with {@code gpuShare} to get this plan.
     *
     * @param needPerGpuGiB   its largest stage: weights, KV cache and runtime overhead on one GPU
     * @param budgetPerGpuGiB what its share lets vLLM take: GPU memory × 0.90 × gpuShare
     */
    public record Member(String name, String model, Precision precision, int maxContext, int concurrentSequences,
                         int replicas, int pipelineParallelSize, List<Integer> layerPartition, int timeSlices,
                         double gpuShare, double needPerGpuGiB, double budgetPerGpuGiB) {
    }

    /**
     * One GPU (one node: co-location needs one GPU per node for shares above one time-slice).
     *
     * @param holds        what it holds, one entry per pod
     * @param needGiB      the sum of the largest-stage needs of what it holds
     * @param shortfallGiB how much more than {@code usablePerGpuGiB} it would need; 0 when it fits
     */
    public record GpuLoad(int node, List<String> holds, int timeSlices, double needGiB, double shortfallGiB) {

        public GpuLoad {
            holds = List.copyOf(holds);
        }
    }
}
