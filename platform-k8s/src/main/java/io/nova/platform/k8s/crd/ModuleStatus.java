package io.nova.platform.k8s.crd;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModuleStatus(
        @Pattern("^(PENDING|RECONCILING|READY|DEGRADED|FAILED)$") String phase,
        String message,
        String version,
        String uiUrl) {
}
