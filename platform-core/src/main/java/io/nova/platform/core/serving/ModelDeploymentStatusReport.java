package io.nova.platform.core.serving;

import io.nova.platform.core.module.ModulePhase;

/** What the reconciler observed for one model deployment; {@code endpointUrl} null keeps the known one. */
public record ModelDeploymentStatusReport(String tenant, String name, long observedGeneration, ModulePhase phase,
                                          String message, String endpointUrl) {
}
