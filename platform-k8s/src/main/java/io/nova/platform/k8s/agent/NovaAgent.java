package io.nova.platform.k8s.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.nova.platform.core.module.ModuleCatalog;
import io.nova.platform.k8s.operator.ClusterOperators;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's image in agent mode ({@code --agent}, or {@code NOVA_MODE=agent}): runs inside a GitOps cluster,
 * without a database, a console or Vault, and acts on the MLInfrastructure and MLCluster resources Flux applies there —
 * the same operators the platform runs for DIRECT clusters: it labels and taints the GPU pools' nodes for the GPU
 * Operator, expands MLClusters written by hand, and writes both resources' status. Several replicas elect one leader
 * through a Lease in the agent's namespace; only the leader runs the operators. {@code /healthz} on the health port
 * answers 200 while the agent runs (and says whether this replica leads).
 */
public final class NovaAgent implements AutoCloseable {

    public static final String LEASE = "nova-agent";
    private static final Logger log = LoggerFactory.getLogger(NovaAgent.class);

    private final AgentSettings settings;
    private final KubernetesClient client;
    private final ClusterOperators operators;
    private final AtomicBoolean leading = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private HttpServer health;
    private CompletableFuture<?> election;

    public NovaAgent(AgentSettings settings, KubernetesClient client, ModuleCatalog catalog) {
        this.settings = settings;
        this.client = client;
        this.operators = new ClusterOperators(catalog, settings.operators());
    }

    /** Whether the process was started as the agent rather than the platform. */
    public static boolean requested(String[] args) {
        return Arrays.asList(args).contains("--agent") || "agent".equalsIgnoreCase(System.getenv("NOVA_MODE"));
    }

    /** Runs the agent until the process is told to stop. */
    public static void main(String[] args) throws Exception {
        AgentSettings settings = AgentSettings.from(System.getenv());
        try (KubernetesClient client = new KubernetesClientBuilder().build();
             NovaAgent agent = new NovaAgent(settings, client, ModuleCatalog.loadDefault())) {
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(agent::close));
            agent.start();
            agent.awaitStop();
        }
    }

    /** Starts the health endpoint and the leader election; returns at once. */
    public void start() throws IOException {
        health = HttpServer.create(new InetSocketAddress(settings.healthPort()), 0);
        health.createContext("/healthz", exchange -> {
            byte[] body = ("ok, " + (leading.get() ? "leading" : "standing by") + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        health.setExecutor(Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("agent-health")
                .factory()));
        health.start();
        var config = new LeaderElectionConfigBuilder().withName(LEASE)
                .withLeaseDuration(Duration.ofSeconds(15)).withRenewDeadline(Duration.ofSeconds(10))
                .withRetryPeriod(Duration.ofSeconds(2)).withReleaseOnCancel(true)
                .withLock(new LeaseLock(settings.namespace(), LEASE, settings.identity()))
                .withLeaderCallbacks(new LeaderCallbacks(this::lead, this::standBy,
                        leader -> log.info("Agent of cluster {}: {} leads", settings.cluster(), leader)))
                .build();
        election = client.leaderElector().withConfig(config).build().start();
        log.info("Agent of cluster {} started ({} in {})", settings.cluster(), settings.identity(),
                settings.namespace());
    }

    /** Whether this replica runs the operators now. */
    public boolean leading() {
        return leading.get();
    }

    void awaitStop() throws InterruptedException {
        stopped.await();
    }

    private void lead() {
        leading.set(true);
        operators.start(settings.cluster(), client);
    }

    private void standBy() {
        leading.set(false);
        operators.stop(settings.cluster());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (election != null) {
            election.cancel(true);
        }
        standBy();
        operators.close();
        if (health != null) {
            health.stop(0);
        }
        stopped.countDown();
    }
}
