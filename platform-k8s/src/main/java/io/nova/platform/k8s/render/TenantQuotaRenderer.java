package io.nova.platform.k8s.render;

import java.util.List;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.nova.platform.core.gpu.PoolSnapshot;
import io.nova.platform.core.quota.QuotaSnapshot;
import io.nova.platform.core.tenant.TenantSnapshot;
import io.nova.platform.core.tenant.TenantState;

/**
 * The namespace's hard limits, always present: CPU, memory and storage from the tenant; {@code requests.<name>} for
 * <em>every</em> GPU resource name any pool of the cluster offers ({@code nvidia.com/gpu}, each
 * {@code nvidia.com/mig-*}, renamed shared names), set to the tenant's grant or {@code 0}, so that a name nobody
 * granted cannot be requested without limit; and object counts: no LoadBalancer or NodePort Services (the ingress
 * controller is the only way in), a cap on pods and claims. A suspended tenant gets zero pods.
 *
 * <p>Grants on pools that offer the same resource name are summed into one number here, because a ResourceQuota
 * cannot tell pools apart. What keeps a workload on the pools its tenant was granted is elsewhere: each pool's nodes
 * carry the taint {@value PoolPlacement#TAINT}{@code =<pool>:NoSchedule} and only the platform sets the matching
 * toleration (with a required node affinity to the pool) on the workloads it renders. Kueue will enforce grants per
 * pool (one ResourceFlavor per pool); this quota stays the hard backstop.
 */
final class TenantQuotaRenderer {

    static final String NAME = "nova-quota";

    private final TenantIsolationSettings settings;

    TenantQuotaRenderer(TenantIsolationSettings settings) {
        this.settings = settings;
    }

    ResourceQuota render(String cluster, TenantSnapshot tenant, List<QuotaSnapshot> gpuQuotas,
                         List<PoolSnapshot> pools) {
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
        pools.forEach(pool -> pool.capacity().keySet().forEach(resource -> gpus.put("requests." + resource, 0L)));
        gpuQuotas.forEach(q -> q.resources().forEach((resource, amount) ->
                gpus.merge("requests." + resource, amount.limit(), Long::sum)));
        gpus.forEach((resource, count) -> hard.put(resource, new Quantity(Long.toString(count))));
        hard.put("services.loadbalancers", new Quantity("0"));
        hard.put("services.nodeports", new Quantity("0"));
        hard.put("persistentvolumeclaims", new Quantity(Integer.toString(settings.maxVolumeClaims())));
        hard.put("pods", new Quantity(tenant.state() == TenantState.SUSPENDED ? "0"
                : Integer.toString(settings.maxPods())));
        return new ResourceQuotaBuilder()
                .withNewMetadata().withName(NAME).withNamespace(tenant.namespace())
                .withLabels(Labels.tenant(cluster, tenant.slug())).endMetadata()
                .withNewSpec().withHard(hard).endSpec()
                .build();
    }
}
