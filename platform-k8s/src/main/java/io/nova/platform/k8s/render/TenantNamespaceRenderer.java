package io.nova.platform.k8s.render;

import java.util.List;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.module.ModuleTenancy;
import io.nova.platform.core.tenant.TenantSnapshot;

/**
 * The tenant's namespace, labelled so that policies and selectors can find the tenant's objects, under Pod Security
 * admission: {@code enforce=restricted} when every enabled module's pods run under it (and for a tenant without
 * modules and model deployments), else {@code baseline}; always {@code warn} and {@code audit} at {@code restricted}; every mode pinned to
 * one version, so that a cluster upgrade does not tighten or loosen it unannounced. Model deployments count as
 * baseline: KServe and KubeRay add containers to their pods (storage initializer, autoscaler) that the platform does
 * not shape.
 */
final class TenantNamespaceRenderer {

    static final String PSS = "pod-security.kubernetes.io/";

    private final TenantIsolationSettings settings;

    TenantNamespaceRenderer(TenantIsolationSettings settings) {
        this.settings = settings;
    }

    Namespace render(String cluster, TenantSnapshot tenant, List<ModuleSnapshot> modules, boolean servesModels) {
        boolean restricted = !servesModels && modules.stream().filter(ModuleSnapshot::enabled)
                .allMatch(m -> ModuleTenancy.RESTRICTED.equals(m.module().tenancy().podSecurity()));
        var labels = Labels.tenant(cluster, tenant.slug());
        labels.put(PSS + "enforce", restricted ? ModuleTenancy.RESTRICTED : ModuleTenancy.BASELINE);
        labels.put(PSS + "warn", ModuleTenancy.RESTRICTED);
        labels.put(PSS + "audit", ModuleTenancy.RESTRICTED);
        for (String mode : List.of("enforce", "warn", "audit")) {
            labels.put(PSS + mode + "-version", settings.podSecurityVersion());
        }
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(tenant.namespace())
                .withLabels(labels)
                .addToAnnotations("ml.nova.io/display-name", tenant.displayName())
                .addToAnnotations("ml.nova.io/state", tenant.state().name())
                .endMetadata()
                .build();
    }
}
