package io.nova.platform.core.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.nova.platform.core.gpu.PoolSnapshot;

/**
 * Several models sharing the GPUs of a time-sliced pool. The pilot: Qwen2.5-7B-Instruct and Qwen2.5-Coder-14B-Instruct
 * in FP16 on four servers with one T4 each, every card holding a pipeline stage of each model.
 */
class CoLocationPlannerTest {

    private final CoLocationPlanner planner = new CoLocationPlanner(new ModelDeploymentPlanner());

    private static final String QWEN_7B = "Qwen/Qwen2.5-7B-Instruct";
    private static final String CODER_14B = "Qwen/Qwen2.5-Coder-14B-Instruct";

    @Test
    void answers_the_pilot_both_fp16_models_fit_four_t4s_with_4k_context_and_two_sequences() {
        PoolSnapshot pool = ModelDeploymentPlannerTest.pool("T4", 4, 1, "TS64");
        CoLocationPlan plan = planner.plan(request(pool, 64L,
                candidate("chat", QWEN_7B, Precision.FP16, 4096, 2, pool),
                candidate("coder", CODER_14B, Precision.FP16, 4096, 2, pool)));

        assertThat(plan.feasible()).as(plan.summary()).isTrue();
        var chat = plan.deployments().get(0);
        var coder = plan.deployments().get(1);
        assertThat(chat.pipelineParallelSize()).isEqualTo(4);
        assertThat(coder.pipelineParallelSize()).isEqualTo(4);
        assertThat(chat.layerPartition()).containsExactly(6, 8, 8, 6);
        assertThat(coder.layerPartition()).containsExactly(11, 13, 13, 11);
        assertThat(chat.timeSlices()).isEqualTo(24);
        assertThat(chat.gpuShare()).isEqualTo(0.375);
        assertThat(coder.timeSlices()).isEqualTo(40);
        assertThat(coder.gpuShare()).isEqualTo(0.625);
        assertThat(chat.needPerGpuGiB()).isLessThanOrEqualTo(chat.budgetPerGpuGiB());
        assertThat(coder.needPerGpuGiB()).isLessThanOrEqualTo(coder.budgetPerGpuGiB());
        // every card holds a stage of each model, within the card's memory
        assertThat(plan.gpus()).hasSize(4).allSatisfy(gpu -> {
            assertThat(gpu.holds()).hasSize(2);
            assertThat(gpu.timeSlices()).isEqualTo(64);
            assertThat(gpu.needGiB()).isLessThanOrEqualTo(plan.usablePerGpuGiB());
        });
    }

    @Test
    void refuses_the_pilot_at_8k_context_and_four_sequences_with_the_shortfall_per_gpu_and_what_would_fit() {
        PoolSnapshot pool = ModelDeploymentPlannerTest.pool("T4", 4, 1, "TS64");
        CoLocationPlan plan = planner.plan(request(pool, 64L,
                candidate("chat", QWEN_7B, Precision.FP16, 8192, 4, pool),
                candidate("coder", CODER_14B, Precision.FP16, 8192, 4, pool)));

        assertThat(plan.feasible()).isFalse();
        assertThat(plan.gpus()).hasSize(4).allSatisfy(gpu -> {
            assertThat(gpu.needGiB()).isEqualTo(15.46);
            assertThat(gpu.shortfallGiB()).isEqualTo(1.06);
        });
        assertThat(plan.problems().getFirst().message())
                .contains("GPU on node 1 needs 15.46 GiB of 14.40 usable (1.06 GiB short)");
        assertThat(plan.alternatives()).extracting(PlanAlternative::field, PlanAlternative::value)
                .contains(org.assertj.core.groups.Tuple.tuple("maxContext", "2304"),
                        org.assertj.core.groups.Tuple.tuple("concurrentSequences", "1"));
        // the nearest context it names does fit, and one step more does not
        assertThat(planner.plan(request(pool, 64L,
                candidate("chat", QWEN_7B, Precision.FP16, 2304, 4, pool),
                candidate("coder", CODER_14B, Precision.FP16, 2304, 4, pool))).feasible()).isTrue();
        assertThat(planner.plan(request(pool, 64L,
                candidate("chat", QWEN_7B, Precision.FP16, 2560, 4, pool),
                candidate("coder", CODER_14B, Precision.FP16, 2560, 4, pool))).feasible()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # scenario                                                 | gpu | nodes | sharing | models                                                                                   | feasible
            fits_three_models_on_four_t4s                              | T4  | 4     | TS64    | Qwen/Qwen2.5-7B-Instruct,Qwen/Qwen2.5-Coder-7B-Instruct,Qwen/Qwen2.5-1.5B-Instruct         | true
            refuses_a_third_model_next_to_the_pilot_pair_on_four_t4s   | T4  | 4     | TS64    | Qwen/Qwen2.5-7B-Instruct,Qwen/Qwen2.5-Coder-14B-Instruct,Qwen/Qwen2.5-1.5B-Instruct        | false
            refuses_two_14b_models_on_four_t4s                         | T4  | 4     | TS64    | Qwen/Qwen2.5-Coder-14B-Instruct,Qwen/Qwen2.5-14B-Instruct                                 | false
            fits_two_7b_models_in_bf16_on_two_l4s                      | L4  | 2     | TS32    | Qwen/Qwen2.5-7B-Instruct,mistralai/Mistral-7B-Instruct-v0.3                               | true
            fits_three_small_models_in_bf16_on_two_l4s                 | L4  | 2     | TS32    | Qwen/Qwen2.5-3B-Instruct,Qwen/Qwen2.5-1.5B-Instruct,Qwen/Qwen2.5-7B-Instruct               | true
            refuses_7b_and_14b_in_bf16_on_two_l4s                      | L4  | 2     | TS32    | Qwen/Qwen2.5-7B-Instruct,Qwen/Qwen2.5-14B-Instruct                                        | false
            """)
    void plans_models_sharing_a_pool(String scenario, String gpu, int nodes, String sharing, String models,
                                     boolean feasible) {
        PoolSnapshot pool = ModelDeploymentPlannerTest.pool(gpu, nodes, 1, sharing);
        Precision precision = gpu.equals("T4") ? Precision.FP16 : Precision.BF16;
        var candidates = new ArrayList<CoLocationRequest.Candidate>();
        String[] ids = models.split(",");
        for (int i = 0; i < ids.length; i++) {
            candidates.add(candidate("m" + i, ids[i], precision, 2048, 2, pool));
        }
        CoLocationPlan plan = planner.plan(new CoLocationRequest(pool, candidates, List.of(), 1000L, 0));

        assertThat(plan.feasible()).as(plan.summary()).isEqualTo(feasible);
        int slicesPerGpu = pool.sharing().replicas();
        if (feasible) {
            assertThat(plan.gpus()).allSatisfy(g -> {
                assertThat(g.timeSlices()).isLessThanOrEqualTo(slicesPerGpu);
                assertThat(g.needGiB()).isLessThanOrEqualTo(plan.usablePerGpuGiB());
            });
            assertThat(plan.deployments()).allSatisfy(m -> {
                assertThat(m.needPerGpuGiB()).isLessThanOrEqualTo(m.budgetPerGpuGiB());
                assertThat(m.pipelineParallelSize() * m.replicas()).isLessThanOrEqualTo(nodes);
            });
        } else {
            assertThat(plan.problems()).extracting(p -> p.field()).containsExactly("deployments");
            assertThat(plan.gpus()).anySatisfy(g -> assertThat(g.shortfallGiB()).isPositive());
            assertThat(plan.gpus()).filteredOn(g -> g.shortfallGiB() > 0).allSatisfy(g -> assertThat(g.shortfallGiB())
                    .isEqualTo(Math.round((g.needGiB() - plan.usablePerGpuGiB()) * 100) / 100.0));
        }
    }

    @Test
    void places_the_models_next_to_what_the_pool_already_holds() {
        PoolSnapshot pool = ModelDeploymentPlannerTest.pool("T4", 4, 1, "TS64");
        var others = List.of(new PoolPods("team-b/summarizer", 40, 4, true));
        CoLocationPlan plan = planner.plan(new CoLocationRequest(pool, List.of(
                candidate("chat", QWEN_7B, Precision.FP16, 4096, 2, pool)), others, 256L, 0));

        assertThat(plan.feasible()).as(plan.summary()).isTrue();
        assertThat(plan.gpus()).allSatisfy(g -> assertThat(g.holds()).contains("team-b/summarizer 40"));

        CoLocationPlan full = planner.plan(new CoLocationRequest(pool, List.of(
                candidate("chat", QWEN_7B, Precision.FP16, 4096, 2, pool)),
                List.of(new PoolPods("team-b/big", 60, 4, true)), 256L, 0));
        assertThat(full.feasible()).isFalse();
    }

    @Test
    void counts_the_tenants_quota_in_time_slices() {
        PoolSnapshot pool = ModelDeploymentPlannerTest.pool("T4", 4, 1, "TS64");
        CoLocationPlan plan = planner.plan(new CoLocationRequest(pool, List.of(
                candidate("chat", QWEN_7B, Precision.FP16, 4096, 2, pool),
                candidate("coder", CODER_14B, Precision.FP16, 4096, 2, pool)), List.of(), 200L, 0));

        assertThat(plan.feasible()).isFalse();
        assertThat(plan.problems().getFirst().message()).contains("take 256 time-slices", "allows 200");
    }

    @Test
    void refuses_pools_that_are_not_time_sliced() {
        PoolSnapshot pool = ModelDeploymentPlannerTest.pool("A100-40GB", 2, 8, "MIG:all-1g.5gb:single");
        CoLocationPlan plan = planner.plan(new CoLocationRequest(pool, List.of(
                candidate("chat", QWEN_7B, Precision.BF16, 4096, 2, pool)), List.of(), 64L, 0));

        assertThat(plan.feasible()).isFalse();
        assertThat(plan.problems()).extracting(p -> p.field()).containsExactly("pool");
    }

    private static CoLocationRequest request(PoolSnapshot pool, Long quota, CoLocationRequest.Candidate... candidates) {
        return new CoLocationRequest(pool, List.of(candidates), List.of(), quota * pool.nodeCount(), 0);
    }

    static CoLocationRequest.Candidate candidate(String name, String model, Precision precision, int context,
                                                 int sequences, PoolSnapshot pool) {
        ModelFacts facts = ModelDeploymentPlannerTest.MODELS.find(model).orElseThrow().facts();
        return new CoLocationRequest.Candidate(name, model, new PlanRequest(facts, precision, context, sequences, 1,
                null, pool, null, null));
    }
}
