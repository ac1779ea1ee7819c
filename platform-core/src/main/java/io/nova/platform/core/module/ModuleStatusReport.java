package io.nova.platform.core.module;

/** What the reconciler saw of one install; {@code tenant} is null for a cluster module. */
public record ModuleStatusReport(String tenant, String module, long observedGeneration, ModulePhase phase,
                                 String message) {
}
