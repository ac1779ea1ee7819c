package io.nova.platform.k8s.render;

import java.util.Map;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.nova.platform.core.tenant.TenantSnapshot;

/**
 * Defaults for containers that set no requests or limits, so that a ResourceQuota on CPU and memory does not reject
 * them outright.
 */
final class TenantLimitRangeRenderer {

    LimitRange render(String cluster, TenantSnapshot tenant) {
        return new LimitRangeBuilder()
                .withNewMetadata().withName("nova-defaults").withNamespace(tenant.namespace())
                .withLabels(Labels.tenant(cluster, tenant.slug())).endMetadata()
                .withNewSpec().addNewLimit()
                .withType("Container")
                .withDefaultRequest(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("256Mi")))
                .withDefault(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi")))
                .endLimit().endSpec()
                .build();
    }
}
