package io.nova.platform.k8s.crd;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComponentSpec(
        Boolean enabled,
        String version,
        @PreserveUnknownFields @JsonPropertyDescription("Helm values for the component's chart") Map<String, Object> values) {
}
