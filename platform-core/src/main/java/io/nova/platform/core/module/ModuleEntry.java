package io.nova.platform.core.module;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.nova.platform.core.module.integration.ModuleIntegration;

/**
 * One module as written in a catalog file: {@code valueKeys} is a list there so that its order survives, and
 * {@code webUi} may be left out for modules without one.
 */
record ModuleEntry(String key, String name, String description, ModuleScope scope, ChartSource chart,
                   String defaultVersion, List<String> supportedVersions, Map<String, Object> defaultValues,
                   List<String> dependencies, Boolean webUi, String uiUrlPattern, List<String> valueKeys,
                   String releaseNamespace, ModuleTenancy tenancy, List<String> components,
                   ModuleIntegration integration) {

    ModuleDefinition toDefinition() {
        return new ModuleDefinition(key, name, description, scope, chart, defaultVersion, supportedVersions,
                defaultValues, dependencies, Boolean.TRUE.equals(webUi), uiUrlPattern,
                valueKeys == null ? null : new LinkedHashSet<>(valueKeys), releaseNamespace, tenancy,
                components, integration);
    }
}
