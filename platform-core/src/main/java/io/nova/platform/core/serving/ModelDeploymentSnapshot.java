package io.nova.platform.core.serving;

/**
 * A model deployment as the renderer sees it.
 *
 * @param gatewayHost the host of the tenant's model gateway, where callers with an API key reach it; null when the
 *                    platform keeps no API keys (no StarVault)
 */
public record ModelDeploymentSnapshot(String tenant, String name, String model, String pool, int replicas,
                                      int maxContext, ModelPlan plan, long generation, String gatewayHost) {

    /** A deployment without a gateway. */
    public ModelDeploymentSnapshot(String tenant, String name, String model, String pool, int replicas,
                                   int maxContext, ModelPlan plan, long generation) {
        this(tenant, name, model, pool, replicas, maxContext, plan, generation, null);
    }
}
