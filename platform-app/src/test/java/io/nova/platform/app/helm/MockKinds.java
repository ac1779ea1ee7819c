package io.nova.platform.app.helm;

import java.util.Set;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.nova.platform.k8s.direct.ManagedKind;
import io.nova.platform.k8s.operator.MLInfrastructureOperator;

/** Makes the custom kinds the platform uses known to the fabric8 CRUD mock (once per server; repeats are harmless). */
final class MockKinds {

    private static final Set<String> BUILT_IN = Set.of("", "rbac.authorization.k8s.io", "networking.k8s.io");
    private static final Set<String> WITH_STATUS = Set.of("HelmRelease", "MLCluster", "MLInfrastructure");

    private MockKinds() {
    }

    static void register(KubernetesMockServer server) {
        for (ManagedKind kind : ManagedKind.DEFAULTS) {
            if (!BUILT_IN.contains(kind.group())) {
                server.expectCustomResource(new CustomResourceDefinitionContext.Builder()
                        .withGroup(kind.group()).withVersion(kind.version()).withKind(kind.kind())
                        .withPlural(kind.plural()).withScope(kind.namespaced() ? "Namespaced" : "Cluster")
                        .withStatusSubresource(WITH_STATUS.contains(kind.kind())).build());
            }
        }
        var policies = MLInfrastructureOperator.CLUSTER_POLICIES;
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder()
                .withGroup(policies.getGroup()).withVersion(policies.getVersion()).withKind(policies.getKind())
                .withPlural(policies.getPlural()).withScope("Cluster").build());
        // Kueue's own kind, which the platform reads for the live picture of its queues
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup("kueue.x-k8s.io")
                .withVersion("v1beta2").withKind("Workload").withPlural("workloads").withScope("Namespaced").build());
    }
}
