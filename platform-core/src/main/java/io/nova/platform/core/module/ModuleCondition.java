package io.nova.platform.core.module;

import java.time.Instant;

/** A Kubernetes-style condition reported back for a module install ({@code Ready}, {@code Reconciling}, ...). */
public record ModuleCondition(String type, String status, String reason, String message,
                              Instant lastTransitionTime) {
}
