package io.nova.platform.k8s.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.k8s.crd.MLInfrastructure;
import io.nova.platform.k8s.crd.MLInfrastructureSpec;
import io.nova.platform.k8s.crd.MLInfrastructureStatus;
import io.nova.platform.k8s.direct.ApiRateLimiter;
import io.nova.platform.k8s.operator.MockApi;
import io.nova.platform.k8s.render.DesiredStates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whether a GitOps cluster's agent reports, read back where the platform can reach the cluster. The API server is the
 * fabric8 CRUD mock with ml.nova.io made known to it; the test writes the MLInfrastructure's status as the agent would.
 */
class ClusterStatusReaderTest {

    private KubernetesMockServer server;
    private KubernetesClient client;
    private ClusterStatusReader reader;
    private final DesiredState state = DesiredStates.gitops().build();

    @BeforeEach
    void setUp() {
        server = MockApi.start();
        client = server.createClient();
        MockApi.registerKinds(server);
        reader = new ClusterStatusReader(() -> client, new ApiRateLimiter());
    }

    @AfterEach
    void tearDown() {
        client.close();
        MockApi.stop(server);
    }

    @Test
    void an_infrastructure_flux_has_not_applied_yet_says_so() {
        assertThat(reader.readWithAgent(state, "abc123").notes())
                .containsExactly("agent: Flux has not applied MLInfrastructure lab yet");
    }

    @Test
    void an_infrastructure_without_status_means_the_agent_is_not_reporting() {
        client.resource(infrastructure()).create();

        assertThat(reader.readWithAgent(state, "abc123").notes()).singleElement().asString()
                .startsWith("agent not reporting: MLInfrastructure lab has no status");
    }

    @Test
    void a_status_of_the_current_generation_is_no_news() {
        var created = client.resource(infrastructure()).create();
        var status = new MLInfrastructureStatus();
        status.setObservedGeneration(created.getMetadata().getGeneration() == null ? 1L
                : created.getMetadata().getGeneration());
        created.setStatus(status);
        client.resource(created).updateStatus();

        assertThat(reader.readWithAgent(state, "abc123").notes()).isEmpty();
    }

    private static MLInfrastructure infrastructure() {
        var infrastructure = new MLInfrastructure();
        infrastructure.setMetadata(new ObjectMetaBuilder().withName("lab").build());
        infrastructure.setSpec(new MLInfrastructureSpec("lab", null, null, null, List.of()));
        return infrastructure;
    }
}
