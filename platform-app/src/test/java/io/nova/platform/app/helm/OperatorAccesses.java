package io.nova.platform.app.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.nova.platform.core.module.ModuleCatalog;
import io.nova.platform.k8s.crd.ComponentSpec;
import io.nova.platform.k8s.crd.GpuPoolSpec;
import io.nova.platform.k8s.crd.MLCluster;
import io.nova.platform.k8s.crd.MLClusterSpec;
import io.nova.platform.k8s.crd.MLInfrastructure;
import io.nova.platform.k8s.crd.MLInfrastructureSpec;
import io.nova.platform.k8s.crd.ModuleSpec;
import io.nova.platform.k8s.operator.MLClusterOperator;
import io.nova.platform.k8s.operator.MLInfrastructureOperator;

/**
 * The API accesses of the two operators, recorded: both run against the CRUD mock with their own client (told apart
 * by its user agent from the requests that set the scene) until they have labelled a GPU node, delivered an
 * MLCluster's children and written both statuses.
 */
final class OperatorAccesses {

    private static final String AGENT = "nova-operators-under-test";
    private static final String PRODUCT = "nvidia.com/gpu.product";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private OperatorAccesses() {
    }

    static Set<ApiAccess> record(KubernetesMockServer server, KubernetesClient scene) throws InterruptedException {
        scene.nodes().resource(new NodeBuilder().withNewMetadata().withName("gpu-1")
                .withLabels(Map.of(PRODUCT, "Tesla-T4")).endMetadata().build()).create();
        var policy = new GenericKubernetesResource();
        policy.setApiVersion("nvidia.com/v1");
        policy.setKind("ClusterPolicy");
        policy.setMetadata(new ObjectMetaBuilder().withName("cluster-policy").build());
        policy.setAdditionalProperty("status", Map.of("state", "ready"));
        scene.genericKubernetesResources(MLInfrastructureOperator.CLUSTER_POLICIES).resource(policy).create();

        var config = new ConfigBuilder(scene.getConfiguration()).withUserAgent(AGENT).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
             var infrastructureOperator = new MLInfrastructureOperator(client).start();
             var clusterOperator = new MLClusterOperator(client, "local", ModuleCatalog.loadDefault()).start()) {
            await().atMost(WAIT).until(() -> infrastructureOperator.hasSynced() && clusterOperator.hasSynced());
            scene.resource(infrastructure()).create();
            scene.resource(mlCluster()).create();
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(scene.nodes().withName("gpu-1").get().getMetadata().getLabels())
                        .containsKey(MLInfrastructureOperator.POOL_LABEL);
                assertThat(scene.resources(MLInfrastructure.class).withName("lab").get().getStatus()).isNotNull();
                assertThat(scene.resources(MLCluster.class).inNamespace("team-a").withName("lab").get().getStatus())
                        .isNotNull();
                var helmRelease = MLClusterOperator.CHILD_KINDS.stream()
                        .filter(kind -> kind.kind().equals("HelmRelease")).findFirst().orElseThrow();
                assertThat(scene.genericKubernetesResources(helmRelease.context())
                        .inNamespace("team-a").withName("code-server").get()).isNotNull();
            });
        }
        var accesses = new LinkedHashSet<ApiAccess>();
        for (RecordedRequest request; (request = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null; ) {
            if (AGENT.equals(request.getHeader("User-Agent"))) {
                accesses.add(ApiAccess.of(request));
            }
        }
        return accesses;
    }

    private static MLInfrastructure infrastructure() {
        var infrastructure = new MLInfrastructure();
        infrastructure.setMetadata(new ObjectMetaBuilder().withName("lab").build());
        infrastructure.setSpec(new MLInfrastructureSpec("lab", new ComponentSpec(true, "v25.10.0", null),
                new ComponentSpec(true, null, null), null,
                List.of(new GpuPoolSpec("t4", "T4", 1, 4, Map.of(PRODUCT, "Tesla-T4"), null, "t4", null, null))));
        return infrastructure;
    }

    private static MLCluster mlCluster() {
        var mlCluster = new MLCluster();
        mlCluster.setMetadata(new ObjectMetaBuilder().withName("lab").withNamespace("team-a").build());
        mlCluster.setSpec(new MLClusterSpec("team-a", null, Map.of("code-server", new ModuleSpec(true, null, null, null))));
        return mlCluster;
    }
}
