package io.nova.platform.k8s.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.nova.platform.core.module.ModuleCatalog;
import io.nova.platform.k8s.crd.ComponentSpec;
import io.nova.platform.k8s.crd.GpuPoolSpec;
import io.nova.platform.k8s.crd.MLInfrastructure;
import io.nova.platform.k8s.crd.MLInfrastructureSpec;
import io.nova.platform.k8s.operator.MockApi;
import io.nova.platform.k8s.render.Labels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent as it runs in a cluster, against the fabric8 CRUD mock API server (ml.nova.io made known to it): it
 * takes the leader Lease, then its operators label the GPU pools' nodes and write the MLInfrastructure's status.
 * The process around it (the image's entrypoint with {@code --agent}) is not started here.
 */
class NovaAgentTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private KubernetesMockServer server;
    private KubernetesClient client;
    private NovaAgent agent;
    private int port;

    @BeforeEach
    void setUp() throws Exception {
        server = MockApi.start();
        client = server.createClient();
        MockApi.registerKinds(server);
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    @AfterEach
    void tearDown() {
        if (agent != null) {
            agent.close();
        }
        client.close();
        MockApi.stop(server);
    }

    @Test
    void the_agent_takes_the_lease_labels_the_pools_nodes_and_reports_the_infrastructures_status() throws Exception {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("gpu-1")
                .withLabels(Map.of("nvidia.com/gpu.product", "Tesla-T4")).endMetadata().build()).create();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("cpu-1")
                .withLabels(Map.of("kubernetes.io/os", "linux")).endMetadata().build()).create();
        var infrastructure = new MLInfrastructure();
        infrastructure.setMetadata(new ObjectMetaBuilder().withName("lab").build());
        infrastructure.setSpec(new MLInfrastructureSpec("lab", new ComponentSpec(true, "v25.10.0", null),
                new ComponentSpec(true, null, null), null, List.of(new GpuPoolSpec("t4", "T4", 1, 4,
                Map.of("nvidia.com/gpu.product", "Tesla-T4"), null, "t4", null, null))));
        client.resource(infrastructure).create();

        agent = new NovaAgent(AgentSettings.from(environment("agent-0")), client, ModuleCatalog.loadDefault());
        agent.start();

        await().atMost(WAIT).until(agent::leading);
        Lease lease = client.leases().inNamespace("nova-agent").withName(NovaAgent.LEASE).get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("agent-0");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(client.nodes().withName("gpu-1").get().getMetadata().getLabels())
                    .containsEntry(Labels.DEVICE_PLUGIN_CONFIG, "t4");
            var status = client.resources(MLInfrastructure.class).withName("lab").get().getStatus();
            assertThat(status).isNotNull();
            assertThat(status.getObservedGeneration()).isNotNull();
        });
        assertThat(client.nodes().withName("cpu-1").get().getMetadata().getLabels())
                .doesNotContainKey(Labels.DEVICE_PLUGIN_CONFIG);
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("leading");
    }

    @Test
    void a_second_replica_stands_by_while_the_first_leads() throws Exception {
        agent = new NovaAgent(AgentSettings.from(environment("agent-0")), client, ModuleCatalog.loadDefault());
        agent.start();
        await().atMost(WAIT).until(agent::leading);
        int firstPort = port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (var second = new NovaAgent(AgentSettings.from(environment("agent-1")), client,
                ModuleCatalog.loadDefault())) {
            second.start();
            Thread.sleep(3_000);
            assertThat(second.leading()).isFalse();
            assertThat(agent.leading()).isTrue();
            assertThat(client.leases().inNamespace("nova-agent").withName(NovaAgent.LEASE).get().getSpec()
                    .getHolderIdentity()).isEqualTo("agent-0");
        }
        assertThat(firstPort).isNotEqualTo(port);
    }

    @Test
    void settings_name_what_is_missing() {
        var without = environment("agent-0");
        without.remove(AgentSettings.CLUSTER);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AgentSettings.from(without))
                .hasMessageContaining(AgentSettings.CLUSTER);
        var settings = AgentSettings.from(environment("agent-0"));
        assertThat(settings.operators().ingressDomain()).isEqualTo("lab.example.com");
        assertThat(settings.operators().render().platformGroups().admins()).containsExactly("ops", "sre");
        assertThat(settings.operators().render().oidcIssuer()).isEqualTo("https://vault.example.com/v1/identity/oidc/provider/nova");
    }

    private Map<String, String> environment(String identity) {
        var environment = new HashMap<String, String>();
        environment.put(AgentSettings.CLUSTER, "lab");
        environment.put(AgentSettings.NAMESPACE, "nova-agent");
        environment.put(AgentSettings.IDENTITY, identity);
        environment.put(AgentSettings.HEALTH_PORT, String.valueOf(port));
        environment.put(AgentSettings.INGRESS_DOMAIN, "lab.example.com");
        environment.put(AgentSettings.OIDC_ISSUER, "https://vault.example.com/v1/identity/oidc/provider/nova");
        environment.put(AgentSettings.ADMIN_GROUPS, "ops, sre");
        return environment;
    }
}
