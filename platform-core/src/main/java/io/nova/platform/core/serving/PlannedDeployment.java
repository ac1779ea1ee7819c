package io.nova.platform.core.serving;

import io.nova.platform.core.gpu.GpuPool;

/** A validated request with defaults filled in, and the feasible plan for it. */
record PlannedDeployment(String name, String model, ModelFacts facts, boolean factsFromCatalog, Precision precision,
                         GpuPool pool, int replicas, int maxContext, int concurrentSequences, ModelPlan plan) {
}
