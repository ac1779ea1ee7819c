package io.nova.platform.core.gpu;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;

/** A pool as callers see it, with the resources it offers ({@code capacity}: Kubernetes resource name to count). */
public record GpuPoolView(String name, String cluster, String gpuModel, int nodeCount, int gpusPerNode, int totalGpus,
                          Map<String, String> nodeSelector, GpuSharing sharing, SortedMap<String, Long> capacity,
                          long resourceVersion, Instant createdAt, Instant updatedAt) {

    public GpuPoolSpec spec() {
        return new GpuPoolSpec(name, cluster, gpuModel, nodeCount, gpusPerNode, nodeSelector, sharing);
    }
}
