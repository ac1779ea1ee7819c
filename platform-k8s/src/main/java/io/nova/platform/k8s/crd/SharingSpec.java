package io.nova.platform.k8s.crd;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record SharingSpec(
        @Required @Pattern("^(EXCLUSIVE|TIME_SLICING|MIG)$") @JsonPropertyDescription("EXCLUSIVE, TIME_SLICING or MIG") String mode,
        @Min(1) @JsonPropertyDescription("Time-slicing replicas per GPU") Integer replicas,
        Boolean renameByDefault,
        Boolean failRequestsGreaterThanOne,
        @JsonPropertyDescription("MIG strategy: single or mixed") String migStrategy,
        @JsonPropertyDescription("Named mig-parted layout, e.g. all-1g.10gb") String migLayout,
        @JsonPropertyDescription("MIG devices per GPU by profile") Map<String, Integer> migDevices) {

    public SharingSpec {
        migDevices = migDevices == null ? null : new TreeMap<>(migDevices);
    }
}
