package io.nova.platform.k8s.render.tool;

import java.util.List;
import java.util.Map;

/**
 * GPUs a tenant may ask for on one pool: the extended resource, how many at most (the tenant's quota limit), and how
 * its pods get onto the pool's nodes.
 *
 * @param pool         the pool's name
 * @param gpuModel     what the pool's cards are, for people choosing a profile
 * @param resource     the extended resource name, {@code nvidia.com/gpu} or a MIG profile's
 * @param limit        the tenant's limit of that resource on the pool
 * @param nodeSelector the pool's node selector (empty: no nodes)
 * @param tolerations  the toleration of the pool's taint
 * @param affinity     the required node affinity on the pool's selector
 */
public record GpuOffer(String pool, String gpuModel, String resource, long limit, Map<String, String> nodeSelector,
                       List<Map<String, Object>> tolerations, Map<String, Object> affinity) {

    public GpuOffer {
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        tolerations = List.copyOf(tolerations);
        affinity = affinity == null ? Map.of() : affinity;
    }
}
