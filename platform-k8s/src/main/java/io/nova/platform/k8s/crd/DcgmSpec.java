package io.nova.platform.k8s.crd;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record DcgmSpec(Boolean enabled, Boolean serviceMonitor) {
}
