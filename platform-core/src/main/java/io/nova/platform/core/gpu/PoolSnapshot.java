package io.nova.platform.core.gpu;

import java.util.Map;
import java.util.SortedMap;

/** A pool as the renderer sees it: the model's data, the normalized sharing and the derived capacity. */
public record PoolSnapshot(String name, GpuModel gpuModel, int nodeCount, int gpusPerNode,
                           Map<String, String> nodeSelector, GpuSharing sharing, SortedMap<String, Long> capacity) {
}
