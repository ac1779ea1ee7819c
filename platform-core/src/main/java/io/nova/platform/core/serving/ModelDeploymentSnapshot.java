package io.nova.platform.core.serving;

/** A model deployment as the renderer sees it. */
public record ModelDeploymentSnapshot(String tenant, String name, String model, String pool, int replicas,
                                      int maxContext, ModelPlan plan, long generation) {
}
