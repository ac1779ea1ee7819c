package io.nova.platform.core.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.nova.platform.core.common.FieldViolation;
import io.nova.platform.core.gpu.GpuModelCatalog;
import io.nova.platform.core.gpu.GpuSharing;
import io.nova.platform.core.gpu.GpuSharingRules;
import io.nova.platform.core.gpu.MigStrategy;
import io.nova.platform.core.gpu.PoolCapacity;
import io.nova.platform.core.gpu.PoolSnapshot;

class ModelDeploymentPlannerTest {

    static final GpuModelCatalog GPUS = GpuModelCatalog.load();
    static final ModelCatalog MODELS = ModelCatalog.load();
    private final ModelDeploymentPlanner planner = new ModelDeploymentPlanner();

    /** {@code EXCLUSIVE}, {@code TS<replicas>}, or {@code MIG:<layout>:<single|mixed>}. */
    static PoolSnapshot pool(String gpuId, int nodes, int gpusPerNode, String sharing) {
        var gpu = GPUS.find(gpuId).orElseThrow();
        GpuSharing requested;
        if (sharing.equals("EXCLUSIVE")) {
            requested = GpuSharing.exclusive();
        } else if (sharing.startsWith("TS")) {
            requested = GpuSharing.timeSlicing(Integer.parseInt(sharing.substring(2)), false, false);
        } else {
            String[] parts = sharing.split(":");
            requested = GpuSharing.migLayout(MigStrategy.valueOf(parts[2]), parts[1]);
        }
        var normalized = new GpuSharingRules(GPUS).normalized(gpu, requested);
        return new PoolSnapshot("pool", gpu, nodes, gpusPerNode, Map.of("nvidia.com/gpu.product", gpu.productLabel()),
                normalized, PoolCapacity.of(gpu, normalized, nodes * gpusPerNode));
    }

    static PlanRequest request(String model, Precision precision, PoolSnapshot pool, int replicas, Long quota,
                               long inUse) {
        ModelFacts facts = MODELS.find(model).orElseThrow().facts();
        return new PlanRequest(facts, precision, 8192, 4, replicas, null, pool,
                quota == null ? null : Map.of(pool.capacity().isEmpty() ? "nvidia.com/gpu"
                        : quotaResource(pool), quota), Map.of(quotaResource(pool), inUse));
    }

    // MIG mixed pools offer one resource per profile; the tests grant the same limit on each.
    private static String quotaResource(PoolSnapshot pool) {
        return pool.capacity().firstKey();
    }

    static PlanRequest requestWithQuotaOnEveryResource(String model, Precision precision, PoolSnapshot pool) {
        ModelFacts facts = MODELS.find(model).orElseThrow().facts();
        var limits = new java.util.HashMap<String, Long>();
        pool.capacity().keySet().forEach(resource -> limits.put(resource, 100L));
        return new PlanRequest(facts, precision, 8192, 4, 1, null, pool, limits, Map.of());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # scenario                                               | model                           | precision | gpu        | nodes | gpus | sharing                 | replicas | quota | inUse | feasible | tp | pp | total | resource               | field
            splits_qwen_7b_over_two_of_four_t4_nodes                  | Qwen/Qwen2.5-7B-Instruct        | FP16      | T4         | 4     | 1    | EXCLUSIVE               | 1        | 4     | 0     | true     | 1  | 2  | 2     | nvidia.com/gpu         |
            splits_qwen_14b_over_four_t4_nodes_with_pipeline_parallelism | Qwen/Qwen2.5-Coder-14B-Instruct | FP16  | T4         | 4     | 1    | EXCLUSIVE               | 1        | 4     | 0     | true     | 1  | 3  | 3     | nvidia.com/gpu         |
            refuses_qwen_14b_fp16_on_two_t4_nodes                     | Qwen/Qwen2.5-Coder-14B-Instruct | FP16      | T4         | 2     | 1    | EXCLUSIVE               | 1        | 4     | 0     | false    | 1  | 2  | 2     | nvidia.com/gpu         | pool
            refuses_bf16_on_a_t4                                      | Qwen/Qwen2.5-7B-Instruct        | BF16      | T4         | 4     | 1    | EXCLUSIVE               | 1        | 4     | 0     | false    | 1  | 2  | 2     | nvidia.com/gpu         | precision
            serves_qwen_7b_bf16_on_one_whole_l4                       | Qwen/Qwen2.5-7B-Instruct        | BF16      | L4         | 1     | 1    | EXCLUSIVE               | 1        | 1     | 0     | true     | 1  | 1  | 1     | nvidia.com/gpu         |
            uses_tensor_parallel_4_for_llama_70b_bf16_on_h100s        | meta-llama/Llama-3.1-70B-Instruct | BF16    | H100-80GB  | 1     | 8    | EXCLUSIVE               | 1        | 8     | 0     | true     | 4  | 1  | 4     | nvidia.com/gpu         |
            halves_the_h100s_for_llama_70b_in_fp8                     | meta-llama/Llama-3.1-70B-Instruct | FP8     | H100-80GB  | 1     | 8    | EXCLUSIVE               | 1        | 8     | 0     | true     | 2  | 1  | 2     | nvidia.com/gpu         |
            refuses_fp8_on_an_a100                                    | meta-llama/Llama-3.1-70B-Instruct | FP8     | A100-80GB  | 1     | 8    | EXCLUSIVE               | 1        | 8     | 0     | false    | 2  | 1  | 2     | nvidia.com/gpu         | precision
            spreads_llama_70b_over_two_l4_nodes_with_tp_4_and_pp_2    | meta-llama/Llama-3.1-70B-Instruct | BF16    | L4         | 2     | 4    | EXCLUSIVE               | 1        | 8     | 0     | true     | 4  | 2  | 8     | nvidia.com/gpu         |
            serves_qwen_72b_int4_on_h200s_with_tp_1                   | Qwen/Qwen2.5-72B-Instruct       | INT4_AWQ  | H200-141GB | 1     | 8    | EXCLUSIVE               | 1        | 8     | 0     | true     | 1  | 1  | 1     | nvidia.com/gpu         |
            refuses_qwen_72b_int4_on_one_a100_40gb                    | Qwen/Qwen2.5-72B-Instruct       | INT4_AWQ  | A100-40GB  | 1     | 1    | EXCLUSIVE               | 1        | 1     | 0     | false    | 1  | 1  | 1     | nvidia.com/gpu         | pool
            fits_qwen_0_5b_in_a_1g_5gb_mig_slice                      | Qwen/Qwen2.5-0.5B-Instruct      | FP16      | A100-40GB  | 1     | 8    | MIG:all-1g.5gb:single   | 1        | 56    | 0     | true     | 1  | 1  | 1     | nvidia.com/gpu         |
            refuses_qwen_1_5b_in_a_1g_5gb_mig_slice                   | Qwen/Qwen2.5-1.5B-Instruct      | BF16      | A100-40GB  | 1     | 8    | MIG:all-1g.5gb:single   | 1        | 56    | 0     | false    | 1  | 1  | 1     | nvidia.com/gpu         | pool
            refuses_qwen_7b_on_h200_1g_18gb_slices                    | Qwen/Qwen2.5-7B-Instruct        | BF16      | H200-141GB | 1     | 8    | MIG:all-1g.18gb:mixed   | 1        | 56    | 0     | false    | 1  | 1  | 1     | nvidia.com/mig-1g.18gb |   pool
            fits_qwen_1_5b_in_a_quarter_of_a_time_sliced_l4           | Qwen/Qwen2.5-1.5B-Instruct      | FP16      | L4         | 1     | 1    | TS4                     | 1        | 4     | 0     | true     | 1  | 1  | 1     | nvidia.com/gpu         |
            refuses_to_split_qwen_7b_over_time_sliced_l4_shares       | Qwen/Qwen2.5-7B-Instruct        | FP16      | L4         | 4     | 1    | TS2                     | 1        | 8     | 0     | false    | 1  | 1  | 1     | nvidia.com/gpu         | pool
            refuses_when_the_quota_limit_is_below_the_gpus_needed     | Qwen/Qwen2.5-Coder-14B-Instruct | FP16      | T4         | 4     | 1    | EXCLUSIVE               | 1        | 2     | 0     | false    | 1  | 3  | 3     | nvidia.com/gpu         | pool
            counts_the_gpus_of_other_model_deployments_against_the_quota | Qwen/Qwen2.5-7B-Instruct     | FP16      | T4         | 4     | 1    | EXCLUSIVE               | 1        | 4     | 3     | false    | 1  | 2  | 2     | nvidia.com/gpu         | pool
            refuses_without_any_quota_on_the_pool                     | Qwen/Qwen2.5-7B-Instruct        | FP16      | T4         | 4     | 1    | EXCLUSIVE               | 1        |       | 0     | false    | 1  | 2  | 2     | nvidia.com/gpu         | pool
            refuses_more_replicas_than_the_pool_has_nodes_for         | Qwen/Qwen2.5-7B-Instruct        | FP16      | T4         | 4     | 1    | EXCLUSIVE               | 3        | 8     | 0     | false    | 1  | 2  | 6     | nvidia.com/gpu         | replicas
            serves_two_replicas_of_qwen_7b_int8_on_t4s                | Qwen/Qwen2.5-7B-Instruct        | INT8      | T4         | 4     | 1    | EXCLUSIVE               | 2        | 4     | 0     | true     | 1  | 1  | 2     | nvidia.com/gpu         |
            keeps_awq_embeddings_16_bit_so_coder_14b_needs_two_t4s    | Qwen/Qwen2.5-Coder-14B-Instruct-AWQ | INT4_AWQ | T4        | 4     | 1    | EXCLUSIVE               | 1        | 4     | 0     | true     | 1  | 2  | 2     | nvidia.com/gpu         |
            splits_qwen_32b_gptq_int4_over_two_l4_nodes               | Qwen/Qwen2.5-32B-Instruct       | INT4_GPTQ | L4         | 2     | 1    | EXCLUSIVE               | 1        | 2     | 0     | true     | 1  | 2  | 2     | nvidia.com/gpu         |
            refuses_a_model_bigger_than_the_whole_time_sliced_pool    | meta-llama/Llama-3.1-70B-Instruct | INT4_AWQ | L4        | 4     | 1    | TS2                     | 1        | 8     | 0     | false    | 1  | 1  | 1     | nvidia.com/gpu         | pool
            """)
    void plans(String scenario, String model, Precision precision, String gpu, int nodes, int gpus, String sharing,
               int replicas, Long quota, long inUse, boolean feasible, int tp, int pp, int total, String resource,
               String field) {
        ModelPlan plan = planner.plan(request(model, precision, pool(gpu, nodes, gpus, sharing), replicas, quota,
                inUse));

        assertThat(plan.feasible()).as(String.join("\n", plan.arithmetic()) + "\n" + plan.summary())
                .isEqualTo(feasible);
        assertThat(plan.tensorParallelSize()).as("tp").isEqualTo(tp);
        assertThat(plan.pipelineParallelSize()).as("pp").isEqualTo(pp);
        assertThat(plan.gpusTotal()).as("GPUs").isEqualTo(total);
        assertThat(plan.resourceName()).isEqualTo(resource);
        if (field == null) {
            assertThat(plan.problems()).isEmpty();
        } else {
            assertThat(plan.problems()).extracting(FieldViolation::field).contains(field);
        }
    }

    @Test
    void picks_the_smallest_mig_instance_of_a_mixed_layout_that_fits() {
        ModelPlan plan = planner.plan(requestWithQuotaOnEveryResource("Qwen/Qwen2.5-7B-Instruct", Precision.BF16,
                pool("H200-141GB", 1, 8, "MIG:all-balanced:mixed")));

        assertThat(plan.feasible()).isTrue();
        assertThat(plan.migProfile()).isEqualTo("2g.35gb");
        assertThat(plan.resourceName()).isEqualTo("nvidia.com/mig-2g.35gb");
        assertThat(plan.memory().deviceGiB()).isEqualTo(35.0);
    }

    @Test
    void the_four_t4_arithmetic_for_qwen_7b_adds_up() {
        ModelPlan plan = planner.plan(request("Qwen/Qwen2.5-7B-Instruct", Precision.FP16, pool("T4", 4, 1,
                "EXCLUSIVE"), 1, 4L, 0));

        MemoryBudget m = plan.memory();
        assertThat(m.weightsGiB()).isEqualTo(14.19);
        assertThat(m.kvCacheGiB()).isEqualTo(1.75);
        assertThat(m.weightsPerGpuGiB()).isEqualTo(7.09);
        assertThat(m.kvCachePerGpuGiB()).isEqualTo(0.88);
        assertThat(m.needPerGpuGiB()).isEqualTo(9.47);
        assertThat(m.usablePerGpuGiB()).isEqualTo(14.4);
        assertThat(m.gpuMemoryUtilization()).isEqualTo(0.9);
        assertThat(plan.engine()).isEqualTo(ServingEngine.VLLM_KUBERAY);
        assertThat(plan.arithmetic()).anySatisfy(line -> assertThat(line)
                .isEqualTo("weights: 7,615,616,512 parameters × 2 bytes (FP16) = 14.19 GiB"));
    }

    @Test
    void a_rejection_says_what_is_missing_and_what_would_fit() {
        ModelPlan plan = planner.plan(request("Qwen/Qwen2.5-Coder-14B-Instruct", Precision.FP16, pool("T4", 2, 1,
                "EXCLUSIVE"), 1, 4L, 0));

        assertThat(plan.problems().getFirst().message()).isEqualTo("needs 18.26 GiB per GPU even spread over 2 GPU(s) "
                + "(tp 1 × pp 2), pool 'pool' offers 14.40 GiB usable per GPU (16 GiB of a whole T4) × 1 per node × 2 "
                + "node(s)");
        assertThat(plan.alternatives()).extracting(PlanAlternative::field, PlanAlternative::value)
                .contains(org.assertj.core.groups.Tuple.tuple("precision", "INT8"),
                        org.assertj.core.groups.Tuple.tuple("pool.nodeCount", "3"));
        assertThat(plan.alternatives()).extracting(PlanAlternative::field).doesNotContain("maxContext");
    }

    @Test
    void suggests_fp16_when_a_t4_cannot_do_bf16() {
        ModelPlan plan = planner.plan(request("Qwen/Qwen2.5-7B-Instruct", Precision.BF16, pool("T4", 4, 1,
                "EXCLUSIVE"), 1, 4L, 0));

        assertThat(plan.problems().getFirst().message())
                .isEqualTo("BF16 needs compute capability 8.0 or newer; T4 has 7.5 (use FP16)");
        assertThat(plan.alternatives()).extracting(PlanAlternative::value).contains("FP16");
    }

    @Test
    void suggests_a_shorter_context_when_only_the_kv_cache_is_too_big() {
        ModelPlan plan = planner.plan(request("Qwen/Qwen2.5-1.5B-Instruct", Precision.BF16, pool("A100-40GB", 1, 8,
                "MIG:all-1g.5gb:single"), 1, 56L, 0));

        assertThat(plan.alternatives()).extracting(PlanAlternative::field, PlanAlternative::value)
                .contains(org.assertj.core.groups.Tuple.tuple("maxContext", "1024"),
                        org.assertj.core.groups.Tuple.tuple("precision", "INT8"));
    }

    @Test
    void a_model_whose_single_layer_outgrows_the_gpu_has_no_alternative() {
        var facts = new ModelFacts(1_000_000_000_000L, 8, 64, 8, 128, 8192, null, null);
        var pool = pool("T4", 1, 1, "EXCLUSIVE");
        ModelPlan plan = planner.plan(new PlanRequest(facts, Precision.INT4_AWQ, 8192, 1, 1, null, pool,
                Map.of("nvidia.com/gpu", 1L), Map.of()));

        assertThat(plan.feasible()).isFalse();
        assertThat(plan.alternatives()).isEmpty();
        assertThat(plan.summary()).contains("no change of precision, context, sequences, replicas or node count");
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("facts.vocabSize"));
    }

    @ParameterizedTest(name = "{0} with tp {1}: {2}")
    @CsvSource({
            "Qwen/Qwen2.5-7B-Instruct, 4, true",
            "Qwen/Qwen2.5-7B-Instruct, 8, false",
            "Qwen/Qwen2.5-0.5B-Instruct, 2, true",
            "Qwen/Qwen2.5-0.5B-Instruct, 4, false",
            "Qwen/Qwen2.5-0.5B-Instruct, 7, false",
            "meta-llama/Llama-3.1-8B-Instruct, 16, true",
            "Qwen/Qwen2.5-14B-Instruct, 8, true",
            "Qwen/Qwen2.5-14B-Instruct, 16, false"})
    void tensor_parallel_sizes_must_divide_the_attention_heads_and_fit_the_kv_heads(String model, int tp,
                                                                                    boolean valid) {
        assertThat(ModelDeploymentPlanner.validTensorParallel(MODELS.find(model).orElseThrow().facts(), tp))
                .isEqualTo(valid);
    }

    @Test
    void time_sliced_shares_set_vllm_to_its_fraction_of_the_gpu() {
        ModelPlan plan = planner.plan(request("Qwen/Qwen2.5-1.5B-Instruct", Precision.FP16, pool("L4", 1, 1, "TS4"),
                1, 4L, 0));

        assertThat(plan.memory().deviceGiB()).isEqualTo(6.0);
        assertThat(plan.memory().gpuMemoryUtilization()).isEqualTo(0.225);
    }

    @ParameterizedTest(name = "guarantee {0}, {1} in use, limit 6 -> {2}")
    @CsvSource(textBlock = """
            4, 0, GUARANTEED
            4, 2, GUARANTEED
            1, 0, BORROWED
            3, 2, BORROWED
            0, 0, BORROWED
            """)
    void under_kueue_a_plan_says_whether_it_fits_the_guarantee_or_borrows(long guaranteed, long inUse,
                                                                          QuotaFit expected) {
        PoolSnapshot pool = pool("T4", 4, 1, "EXCLUSIVE");
        ModelFacts facts = MODELS.find("Qwen/Qwen2.5-7B-Instruct").orElseThrow().facts();

        ModelPlan plan = planner.plan(new PlanRequest(facts, Precision.FP16, 8192, 4, 1, null, pool,
                Map.of("nvidia.com/gpu", 6L), Map.of("nvidia.com/gpu", inUse), Map.of("nvidia.com/gpu", guaranteed)));

        assertThat(plan.feasible()).isTrue();
        assertThat(plan.gpusTotal()).isEqualTo(2);
        assertThat(plan.quotaFit()).isEqualTo(expected);
        if (expected == QuotaFit.BORROWED) {
            long borrowed = Math.max(0, inUse + 2 - guaranteed) - Math.max(0, inUse - guaranteed);
            assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).startsWith(
                    "runs on borrowed capacity: %d of its 2 nvidia.com/gpu are above the tenant's guarantee of %d"
                            .formatted(borrowed, guaranteed)).contains("preempts it when they reclaim them"));
        } else {
            assertThat(plan.warnings()).noneMatch(w -> w.contains("borrowed"));
            assertThat(plan.arithmetic()).contains("Kueue: %d + 2 = %d within the guarantee of %d nvidia.com/gpu: not "
                    .formatted(inUse, inUse + 2, guaranteed) + "preempted by other tenants");
        }
    }

    @Test
    void without_kueue_a_plan_does_not_tell_guaranteed_from_borrowed() {
        ModelPlan plan = planner.plan(request("Qwen/Qwen2.5-7B-Instruct", Precision.FP16, pool("T4", 4, 1,
                "EXCLUSIVE"), 1, 4L, 0));

        assertThat(plan.quotaFit()).isNull();
        assertThat(plan.arithmetic()).noneMatch(line -> line.startsWith("Kueue"));
    }

    // --- co-located deployments on time-sliced pools ---------------------------------------------------------------

    private static PlanRequest shared(String model, PoolSnapshot pool, double share, long quota,
                                      java.util.List<PoolPods> others) {
        ModelFacts facts = MODELS.find(model).orElseThrow().facts();
        return new PlanRequest(facts, Precision.FP16, 4096, 2, 1, null, pool,
                Map.of(pool.capacity().firstKey(), quota), Map.of(), null, share, others);
    }

    private static PoolSnapshot pool(String gpuId, int nodes, int gpusPerNode, GpuSharing sharing) {
        var gpu = GPUS.find(gpuId).orElseThrow();
        var normalized = new GpuSharingRules(GPUS).normalized(gpu, sharing);
        return new PoolSnapshot("pool", gpu, nodes, gpusPerNode, Map.of("nvidia.com/gpu.product", gpu.productLabel()),
                normalized, PoolCapacity.of(gpu, normalized, nodes * gpusPerNode));
    }

    @Test
    void plans_a_co_located_share_with_balanced_stages_one_pod_per_node() {
        ModelPlan plan = planner.plan(shared("Qwen/Qwen2.5-7B-Instruct", pool("T4", 4, 1, "TS64"), 0.375, 256,
                java.util.List.of()));

        assertThat(plan.feasible()).as(plan.summary()).isTrue();
        assertThat(plan.coLocated()).isTrue();
        assertThat(plan.gpuShare()).isEqualTo(0.375);
        assertThat(plan.tensorParallelSize()).isEqualTo(1);
        assertThat(plan.pipelineParallelSize()).isEqualTo(4);
        assertThat(plan.layerPartition()).containsExactly(6, 8, 8, 6);
        assertThat(plan.devicesPerPod()).as("time-slices per pod").isEqualTo(24);
        assertThat(plan.gpusTotal()).as("the quota counts time-slices").isEqualTo(96);
        assertThat(plan.memory().gpuMemoryUtilization()).as("0.9 × 24/64 rounded down").isEqualTo(0.337);
        assertThat(plan.memory().needPerGpuGiB()).isLessThanOrEqualTo(plan.memory().usablePerGpuGiB());
        assertThat(plan.arithmetic()).contains("node 1: this 24 = 24 of 64 time-slices")
                .anyMatch(line -> line.startsWith("engine arguments for T4 (compute capability 7.5): dtype half; "
                        + "attention backend TRITON_ATTN"));
    }

    @Test
    void suggests_the_smallest_share_that_fits() {
        ModelPlan plan = planner.plan(shared("Qwen/Qwen2.5-7B-Instruct", pool("T4", 4, 1, "TS64"), 0.25, 256,
                java.util.List.of()));

        assertThat(plan.feasible()).isFalse();
        assertThat(plan.alternatives()).anySatisfy(a -> {
            assertThat(a.field()).isEqualTo("gpuShare");
            assertThat(a.value()).isEqualTo("0.375");
        });
    }

    @Test
    void refuses_a_co_located_share_without_room_next_to_the_pools_other_deployments() {
        var others = java.util.List.of(new PoolPods("team-b/summarizer", 50, 4, true));
        ModelPlan plan = planner.plan(shared("Qwen/Qwen2.5-7B-Instruct", pool("T4", 4, 1, "TS64"), 0.375, 256,
                others));

        assertThat(plan.feasible()).isFalse();
        assertThat(plan.problems()).extracting(FieldViolation::field).contains("gpuShare");
        assertThat(plan.problems().stream().filter(p -> p.field().equals("gpuShare")).findFirst().orElseThrow()
                .message()).contains("find no room on pool 'pool'", "team-b/summarizer 4 × 50");
    }

    @Test
    void counts_a_co_located_share_against_the_quota_in_time_slices() {
        ModelPlan plan = planner.plan(shared("Qwen/Qwen2.5-7B-Instruct", pool("T4", 4, 1, "TS64"), 0.375, 64,
                java.util.List.of()));

        assertThat(plan.feasible()).isFalse();
        assertThat(plan.problems().getFirst().message()).contains("needs 96 nvidia.com/gpu", "allows 64");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            refuses_a_share_on_a_mig_pool                              | A100-40GB | 1 | MIG  | applies to time-sliced pools
            refuses_a_share_on_an_exclusive_pool                       | T4        | 1 | EXCL | its pods get whole GPUs
            refuses_several_slices_where_the_pool_allows_one_per_pod   | T4        | 1 | ONE  | refuses requests for more than one
            refuses_several_slices_of_one_gpu_on_nodes_with_two        | T4        | 2 | TS64 | may hand a pod's time-slices out from different GPUs
            """)
    void refuses_a_co_located_share_the_pool_cannot_enforce(String scenario, String gpu, int gpusPerNode,
                                                             String sharing, String message) {
        GpuSharing requested = switch (sharing) {
            case "MIG" -> GpuSharing.migLayout(MigStrategy.single, "all-1g.5gb");
            case "EXCL" -> GpuSharing.exclusive();
            case "ONE" -> GpuSharing.timeSlicing(64, false, true);
            default -> GpuSharing.timeSlicing(64, false, false);
        };
        ModelPlan plan = planner.plan(shared("Qwen/Qwen2.5-7B-Instruct", pool(gpu, 4, gpusPerNode, requested), 0.375,
                1000, java.util.List.of()));

        assertThat(plan.feasible()).isFalse();
        assertThat(plan.problems()).extracting(FieldViolation::field).containsExactly("gpuShare");
        assertThat(plan.problems().getFirst().message()).contains(message);
    }
}
