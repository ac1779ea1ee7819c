package io.nova.platform.k8s.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.cluster.DeliveryMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The platform's own (ambient) Kubernetes credentials never go to an API server an admin typed in. Two local HTTP
 * servers stand in for API servers and record the Authorization headers they receive: one is the platform's own
 * cluster (the ambient configuration points at it, with a token), the other a foreign one.
 */
class DefaultKubernetesClientsTest {

    private static final String AMBIENT_TOKEN = "the-platforms-own-token";

    private final List<String> ownSaw = new CopyOnWriteArrayList<>();
    private final List<String> foreignSaw = new CopyOnWriteArrayList<>();
    private HttpServer own;
    private HttpServer foreign;
    private DefaultKubernetesClients clients;

    @BeforeEach
    void start() throws Exception {
        own = recorder(ownSaw);
        foreign = recorder(foreignSaw);
        System.setProperty("kubernetes.master", url(own));
        System.setProperty("kubernetes.auth.token", AMBIENT_TOKEN);
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        clients = new DefaultKubernetesClients(ref -> {
            throw new IllegalStateException("no credential store in this test");
        });
    }

    @AfterEach
    void stop() {
        clients.close();
        List.of("kubernetes.master", "kubernetes.auth.token", "kubernetes.auth.tryKubeConfig",
                "kubernetes.auth.tryServiceAccount").forEach(System::clearProperty);
        own.stop(0);
        foreign.stop(0);
    }

    @Test
    void a_cluster_naming_a_foreign_api_server_without_credentials_is_refused_and_sent_nothing() {
        var elsewhere = cluster("elsewhere", url(foreign));

        assertThatThrownBy(() -> clients.clientFor(elsewhere)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no credentialsRef")
                .hasMessageContaining("only to the cluster it runs in")
                .hasMessageNotContaining(AMBIENT_TOKEN);
        assertThat(foreignSaw).isEmpty();
    }

    @Test
    void the_platforms_own_cluster_is_reached_with_the_ambient_credentials() {
        for (ClusterView local : List.of(cluster("local", null), cluster("same", url(own)))) {
            try {
                clients.clientFor(local).namespaces().list();
            } catch (RuntimeException e) {
                // the recorder answers 404; what matters is what it was sent
            }
        }

        assertThat(ownSaw).isNotEmpty().allMatch(("Bearer " + AMBIENT_TOKEN)::equals);
        assertThat(foreignSaw).isEmpty();
    }

    private static ClusterView cluster(String name, String apiServer) {
        return new ClusterView(name, DeliveryMode.DIRECT, apiServer, null, null, null, 0, Instant.EPOCH,
                Instant.EPOCH);
    }

    private static HttpServer recorder(List<String> saw) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            saw.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
