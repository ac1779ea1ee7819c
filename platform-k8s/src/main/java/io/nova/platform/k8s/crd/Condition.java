package io.nova.platform.k8s.crd;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A status condition in the shape of Kubernetes' {@code metav1.Condition}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
        @Required @JsonPropertyDescription("Ready, Reconciling or Degraded") String type,
        @Required @Pattern("^(True|False|Unknown)$") String status,
        @Pattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$") @JsonPropertyDescription("CamelCase reason") String reason,
        String message,
        @JsonPropertyDescription("RFC 3339 time of the last status change") String lastTransitionTime,
        Long observedGeneration) {

    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String DEGRADED = "Degraded";

    public static Condition of(String type, boolean status, String reason, String message, Instant at) {
        return new Condition(type, status ? "True" : "False", reason, message,
                at.truncatedTo(ChronoUnit.SECONDS).toString(), null);
    }

    public Condition withObservedGeneration(Long generation) {
        return new Condition(type, status, reason, message, lastTransitionTime, generation);
    }
}
