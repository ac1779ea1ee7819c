package io.nova.platform.k8s.render;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.nova.platform.core.tenant.TenantSnapshot;

/** The tenant's namespace, labelled so that policies and selectors can find the tenant's objects. */
final class TenantNamespaceRenderer {

    Namespace render(String cluster, TenantSnapshot tenant) {
        var labels = Labels.tenant(cluster, tenant.slug());
        labels.put("pod-security.kubernetes.io/enforce", "baseline");
        labels.put("pod-security.kubernetes.io/warn", "restricted");
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
