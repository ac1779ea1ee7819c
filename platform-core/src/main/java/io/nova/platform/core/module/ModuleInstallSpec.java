package io.nova.platform.core.module;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Body of a PUT on a module install. {@code enabled} defaults to true; {@code version} to the installed one, or the
 * catalog default for a new install; {@code values} (chart value overrides) to none. With
 * {@code enableDependencies} the modules this one needs are switched on too.
 */
@JsonIgnoreProperties(value = {"module", "tenant", "cluster", "generation", "observedGeneration", "phase",
        "conditions", "message", "uiUrl", "dependencies", "resourceVersion", "createdAt", "updatedAt"},
        allowGetters = true)
public record ModuleInstallSpec(Boolean enabled, String version, Map<String, Object> values,
                                Boolean enableDependencies, SecretDelivery secretDelivery) {
}
