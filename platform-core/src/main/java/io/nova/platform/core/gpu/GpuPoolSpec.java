package io.nova.platform.core.gpu;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What an admin says about a GPU pool; {@code capacity} in a request body is read-only and ignored. */
@JsonIgnoreProperties(value = {"capacity", "totalGpus", "resourceVersion", "createdAt", "updatedAt"}, allowGetters = true)
public record GpuPoolSpec(String name, String cluster, String gpuModel, Integer nodeCount, Integer gpusPerNode,
                          Map<String, String> nodeSelector, GpuSharing sharing) {
}
