package io.nova.platform.core.module;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A module install as callers see it: the desired state ({@code enabled}, {@code version}, {@code values}) and what
 * the reconciler reported ({@code observedGeneration}, {@code phase}, {@code conditions}, {@code message}).
 * {@code version} is the chart version; {@code resourceVersion} is the optimistic-locking version (the ETag).
 */
public record ModuleInstallView(String module, String tenant, String cluster, boolean enabled, String version,
                                Map<String, Object> values, SecretDelivery secretDelivery, long generation,
                                long observedGeneration, ModulePhase phase, List<ModuleCondition> conditions,
                                String message, String uiUrl, List<String> dependencies, long resourceVersion,
                                Instant createdAt, Instant updatedAt) {

    /** The install with other values (redacted ones). */
    public ModuleInstallView withValues(Map<String, Object> shown) {
        return new ModuleInstallView(module, tenant, cluster, enabled, version, shown, secretDelivery, generation,
                observedGeneration, phase, conditions, message, uiUrl, dependencies, resourceVersion, createdAt,
                updatedAt);
    }

    /** The install with its values left out. */
    public ModuleInstallView withoutValues() {
        return new ModuleInstallView(module, tenant, cluster, enabled, version, Map.of(), secretDelivery, generation,
                observedGeneration, phase, conditions, message, uiUrl, dependencies, resourceVersion, createdAt,
                updatedAt);
    }

    /** The desired part, for the audit log: the values as {@linkplain ValueFingerprints paths and hashes}. */
    public Map<String, Object> desired() {
        return Map.of("enabled", enabled, "version", version, "values", ValueFingerprints.of(values),
                "secretDelivery", secretDelivery == null ? "" : secretDelivery.name());
    }
}
