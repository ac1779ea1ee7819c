package io.nova.platform.core.serving;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long the co-location plan of eight models takes as the pool grows, in its most expensive case: nothing fits,
 * so every alternative is searched too. Not part of the test run:
 * {@code ./mvnw -B -o -pl platform-core test -Dnova.excluded-groups=none -Dtest=CoLocationPlannerBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; numbers in docs/benchmarks.md.
 */
@Tag("benchmark")
class CoLocationPlannerBenchmark {

    private static final String[] MODELS = {"Qwen/Qwen2.5-7B-Instruct", "Qwen/Qwen2.5-Coder-14B-Instruct",
            "Qwen/Qwen2.5-14B-Instruct", "Qwen/Qwen2.5-32B-Instruct", "meta-llama/Llama-3.1-8B-Instruct",
            "mistralai/Mistral-7B-Instruct-v0.3", "Qwen/Qwen2.5-3B-Instruct", "Qwen/Qwen2.5-Coder-7B-Instruct"};

    @Test
    void eight_models_that_do_not_fit_on_4_16_and_64_time_sliced_t4_nodes() {
        var planner = new CoLocationPlanner(new ModelDeploymentPlanner());
        for (int nodes : new int[]{4, 16, 64}) {
            var pool = ModelDeploymentPlannerTest.pool("T4", nodes, 1, "TS64");
            var candidates = new ArrayList<CoLocationRequest.Candidate>();
            for (int i = 0; i < MODELS.length; i++) {
                candidates.add(CoLocationPlannerTest.candidate("m" + i, MODELS[i], Precision.FP16, 32768, 64, pool));
            }
            var request = new CoLocationRequest(pool, candidates, List.of(new PoolPods("other/model", 30, nodes,
                    true)), 100_000L, 0);
            var times = new ArrayList<Double>();
            CoLocationPlan plan = null;
            for (int round = 0; round < 7; round++) {
                long start = System.nanoTime();
                plan = planner.plan(request);
                times.add((System.nanoTime() - start) / 1e6);
            }
            times.sort(Double::compare);
            System.out.printf("co-location plan, 8 models, %d nodes: median %.0f ms, max %.0f ms (feasible %s)%n",
                    nodes, times.get(3), times.getLast(), plan.feasible());
        }
    }
}
