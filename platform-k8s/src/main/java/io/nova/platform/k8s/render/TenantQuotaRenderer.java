package io.nova.platform.k8s.render;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.nova.platform.core.quota.QuotaSnapshot;
import io.nova.platform.core.tenant.TenantSnapshot;
import io.nova.platform.core.tenant.TenantState;

/**
 * The namespace's hard limits: CPU, memory and storage from the tenant, and one {@code requests.<gpu resource>} per
 * resource name its GPU quotas grant (the limit; guarantees are the platform's promise, kept by the pool check).
 * A suspended tenant gets zero pods.
 */
final class TenantQuotaRenderer {

    static final String NAME = "nova-quota";

    Optional<ResourceQuota> render(String cluster, TenantSnapshot tenant, List<QuotaSnapshot> gpuQuotas) {
        var hard = new TreeMap<String, Quantity>();
        if (tenant.quota().cpu() != null) {
            hard.put("requests.cpu", new Quantity(tenant.quota().cpu()));
            hard.put("limits.cpu", new Quantity(tenant.quota().cpu()));
        }
        if (tenant.quota().memory() != null) {
            hard.put("requests.memory", new Quantity(tenant.quota().memory()));
            hard.put("limits.memory", new Quantity(tenant.quota().memory()));
        }
        if (tenant.quota().storage() != null) {
            hard.put("requests.storage", new Quantity(tenant.quota().storage()));
        }
        var gpus = new TreeMap<String, Long>();
        gpuQuotas.forEach(q -> q.resources().forEach((resource, amount) ->
                gpus.merge("requests." + resource, amount.limit(), Long::sum)));
        gpus.forEach((resource, count) -> hard.put(resource, new Quantity(Long.toString(count))));
        if (tenant.state() == TenantState.SUSPENDED) {
            hard.put("pods", new Quantity("0"));
        }
        if (hard.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ResourceQuotaBuilder()
                .withNewMetadata().withName(NAME).withNamespace(tenant.namespace())
                .withLabels(Labels.tenant(cluster, tenant.slug())).endMetadata()
                .withNewSpec().withHard(hard).endSpec()
                .build());
    }
}
