package io.nova.platform.k8s.render;

import java.util.List;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.tenant.TenantSnapshot;
import io.nova.platform.k8s.crd.MLCluster;
import io.nova.platform.k8s.crd.MLClusterSpec;
import io.nova.platform.k8s.crd.ModuleSpec;

/**
 * The tenant's MLCluster: every module install (switched off ones too, so the intent is visible). A module without a
 * chart (it uses a cluster component) is listed without a version.
 */
final class MLClusterRenderer {

    MLCluster render(String cluster, TenantSnapshot tenant, List<ModuleSnapshot> modules) {
        var specs = new TreeMap<String, ModuleSpec>();
        modules.forEach(m -> specs.put(m.module().key(), new ModuleSpec(m.enabled(),
                m.module().hasChart() ? m.version() : null,
                m.values().isEmpty() ? null : new TreeMap<>(m.values()),
                m.secretDelivery() == null ? null : m.secretDelivery().name())));
        var resource = new MLCluster();
        resource.setMetadata(new ObjectMetaBuilder().withName(tenant.slug()).withNamespace(tenant.namespace())
                .withLabels(Labels.tenant(cluster, tenant.slug())).build());
        resource.setSpec(new MLClusterSpec(tenant.slug(), tenant.displayName(), specs, tenant.ownerGroups(),
                tenant.memberGroups()));
        return resource;
    }
}
