package io.nova.platform.k8s.render;

import java.util.List;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.nova.platform.core.tenant.TenantSnapshot;

/**
 * Default deny for ingress, then what the tools need: traffic inside the namespace (notebook → MLflow → MinIO),
 * from the ingress controller (the tools' UIs) and from monitoring (metrics scrapes). Egress stays open: notebooks
 * pull packages and models.
 */
final class TenantNetworkPolicyRenderer {

    static final List<String> TRUSTED_NAMESPACES = List.of("ingress-nginx", "monitoring");

    List<NetworkPolicy> render(String cluster, TenantSnapshot tenant) {
        var labels = Labels.tenant(cluster, tenant.slug());
        var denyAll = new NetworkPolicyBuilder()
                .withNewMetadata().withName("nova-default-deny-ingress").withNamespace(tenant.namespace())
                .withLabels(labels).endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress").endSpec()
                .build();
        var allow = new NetworkPolicyBuilder()
                .withNewMetadata().withName("nova-allow-tools").withNamespace(tenant.namespace())
                .withLabels(labels).endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress")
                .addNewIngress()
                .addNewFrom().withNewPodSelector().endPodSelector().endFrom()
                .addNewFrom().withNewNamespaceSelector()
                .addNewMatchExpression().withKey("kubernetes.io/metadata.name").withOperator("In")
                .withValues(TRUSTED_NAMESPACES).endMatchExpression()
                .endNamespaceSelector().endFrom()
                .endIngress()
                .endSpec()
                .build();
        return List.of(denyAll, allow);
    }
}
