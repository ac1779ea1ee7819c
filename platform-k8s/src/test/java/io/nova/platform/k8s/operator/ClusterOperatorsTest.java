package io.nova.platform.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.nova.platform.k8s.crd.MLCluster;
import io.nova.platform.k8s.crd.MLClusterSpec;
import io.nova.platform.k8s.crd.ModuleSpec;
import io.nova.platform.k8s.direct.ManagedKind;
import io.nova.platform.k8s.render.DesiredStates;

/**
 * Starting and stopping a cluster's operators. The API server here is the fabric8 CRUD mock
 * ({@code kubernetes-server-mock} 8.0.0 with {@code crud = true}), with the Flux and ml.nova.io kinds made known to it
 * ({@link MockApi#registerKinds}).
 */
class ClusterOperatorsTest {

    KubernetesMockServer server;
    KubernetesClient client;

    /** Closes the watches before the mock server shuts down; it waits for open connections otherwise. */
    @org.junit.jupiter.api.AfterEach
    void closeClient() {
        client.close();
        MockApi.stop(server);
    }

    @BeforeEach
    void setUp() {
        server = MockApi.start();
        client = server.createClient();
        MockApi.registerKinds(server);
    }

    @Test
    void startAndStopAreIdempotentAndARunningClusterReconciles() {
        try (var operators = new ClusterOperators(DesiredStates.MODULES, OperatorSettings.defaults())) {
            assertThat(operators.start("lab", client)).isTrue();
            assertThat(operators.start("lab", client)).as("already running").isFalse();
            assertThat(operators.isRunning("lab")).isTrue();
            assertThat(operators.clusters()).containsExactly("lab");

            var mlCluster = new MLCluster();
            mlCluster.setMetadata(new ObjectMetaBuilder().withName("lab").withNamespace("team-a").build());
            mlCluster.setSpec(new MLClusterSpec("team-a", null, Map.of("code-server", new ModuleSpec(true, null, null, null))));
            client.resource(mlCluster).create();
            ManagedKind helmRelease = MLClusterOperator.CHILD_KINDS.stream()
                    .filter(kind -> kind.kind().equals("HelmRelease")).findFirst().orElseThrow();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(client
                    .genericKubernetesResources(helmRelease.context()).inNamespace("team-a").withName("code-server").get())
                    .isNotNull());

            assertThat(operators.stop("lab")).isTrue();
            assertThat(operators.stop("lab")).as("already stopped").isFalse();
            assertThat(operators.isRunning("lab")).isFalse();

            assertThat(operators.start("lab", client)).as("can start again").isTrue();
            operators.stopAll();
            operators.stopAll();
            assertThat(operators.clusters()).isEmpty();
        }
    }
}
