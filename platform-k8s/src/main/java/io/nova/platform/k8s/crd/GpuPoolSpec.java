package io.nova.platform.k8s.crd;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record GpuPoolSpec(
        @Required @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") String name,
        String gpuModel,
        @Min(0) Integer nodeCount,
        @Min(0) Integer gpusPerNode,
        Map<String, String> nodeSelector,
        SharingSpec sharing,
        @JsonPropertyDescription("Key in the time-slicing ConfigMap; set as node label nvidia.com/device-plugin.config") String devicePluginConfig,
        @JsonPropertyDescription("Set as node label nvidia.com/mig.config") String migConfig,
        @JsonPropertyDescription("Schedulable resources of the whole pool by Kubernetes resource name, e.g. nvidia.com/gpu") Map<String, Long> capacity) {

    public GpuPoolSpec {
        nodeSelector = nodeSelector == null ? null : new TreeMap<>(nodeSelector);
        capacity = capacity == null ? null : new TreeMap<>(capacity);
    }
}
