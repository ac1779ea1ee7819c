package io.nova.platform.k8s.render;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.gpu.GpuSharing;
import io.nova.platform.core.gpu.PoolSnapshot;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.k8s.crd.ComponentSpec;
import io.nova.platform.k8s.crd.DcgmSpec;
import io.nova.platform.k8s.crd.GpuPoolSpec;
import io.nova.platform.k8s.crd.MLInfrastructure;
import io.nova.platform.k8s.crd.MLInfrastructureSpec;
import io.nova.platform.k8s.crd.SharingSpec;

/** The cluster's MLInfrastructure: GPU components and every pool with how its nodes are labelled. */
final class MLInfrastructureRenderer {

    MLInfrastructure render(DesiredState state) {
        String cluster = state.cluster().name();
        List<GpuPoolSpec> pools = state.pools().stream().map(MLInfrastructureRenderer::pool)
                .sorted(java.util.Comparator.comparing(GpuPoolSpec::name)).toList();
        Optional<ModuleSnapshot> gpuOperator = clusterModule(state, "gpu-operator");
        var spec = new MLInfrastructureSpec(cluster, component(gpuOperator),
                component(clusterModule(state, "node-feature-discovery")),
                new DcgmSpec(gpuOperator.map(ModuleSnapshot::enabled).orElse(false),
                        clusterModule(state, "kube-prometheus-stack").map(ModuleSnapshot::enabled).orElse(false)),
                pools);
        var resource = new MLInfrastructure();
        resource.setMetadata(new ObjectMetaBuilder().withName(cluster).withLabels(Labels.owned(cluster)).build());
        resource.setSpec(spec);
        return resource;
    }

    private static Optional<ModuleSnapshot> clusterModule(DesiredState state, String key) {
        return state.clusterModules().stream().filter(m -> m.module().key().equals(key)).findFirst();
    }

    private static ComponentSpec component(Optional<ModuleSnapshot> module) {
        return module.map(m -> new ComponentSpec(m.enabled(), m.version(),
                m.values().isEmpty() ? null : new TreeMap<>(m.values())))
                .orElse(new ComponentSpec(false, null, null));
    }

    private static GpuPoolSpec pool(PoolSnapshot pool) {
        GpuSharing s = pool.sharing();
        var sharing = new SharingSpec(s.mode().name(), s.replicas(), s.renameByDefault(),
                s.failRequestsGreaterThanOne(), s.migStrategy() == null ? null : s.migStrategy().name(),
                s.migLayout(), s.migDevices());
        return new GpuPoolSpec(pool.name(), pool.gpuModel().id(), pool.nodeCount(), pool.gpusPerNode(),
                pool.nodeSelector(), sharing, GpuSharingRenderer.devicePluginConfig(pool),
                GpuSharingRenderer.migConfig(pool), pool.capacity());
    }
}
