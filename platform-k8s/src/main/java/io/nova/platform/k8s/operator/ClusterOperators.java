package io.nova.platform.k8s.operator;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nova.platform.core.module.ModuleCatalog;
import io.nova.platform.k8s.direct.ApiRateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators of each cluster, started and stopped as a pair: an {@link MLClusterOperator} and an
 * {@link MLInfrastructureOperator} that share one {@link ApiRateLimiter}. Starting a running cluster or stopping a
 * stopped one does nothing; to switch a cluster to another client, stop it first. Thread-safe. The clients stay the
 * caller's: stopping never closes them.
 */
public final class ClusterOperators implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterOperators.class);

    private final ModuleCatalog catalog;
    private final OperatorSettings settings;
    private final Map<String, Running> running = new TreeMap<>();

    private record Running(KubernetesClient client, MLClusterOperator mlClusters,
                           MLInfrastructureOperator infrastructure) {
    }

    public ClusterOperators(ModuleCatalog catalog, OperatorSettings settings) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Starts the operators of {@code cluster} on {@code client}; operators running on another client (the cluster's
     * credentials were rotated) are restarted on this one.
     *
     * @return true when they were started now, false when they were running already on this client
     */
    public synchronized boolean start(String cluster, KubernetesClient client) {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(client, "client");
        Running current = running.get(cluster);
        if (current != null && current.client() == client) {
            return false;
        }
        if (current != null) {
            stop(cluster);
        }
        var limiter = new ApiRateLimiter();
        var mlClusters = new MLClusterOperator(client, cluster, catalog, settings, limiter);
        var infrastructure = new MLInfrastructureOperator(client, settings, limiter);
        try {
            mlClusters.start();
            infrastructure.start();
        } catch (RuntimeException e) {
            mlClusters.close();
            infrastructure.close();
            throw e;
        }
        running.put(cluster, new Running(client, mlClusters, infrastructure));
        log.info("Operators of cluster {} started", cluster);
        return true;
    }

    /** @return true when they were running and are stopped now */
    public synchronized boolean stop(String cluster) {
        Running operators = running.remove(cluster);
        if (operators == null) {
            return false;
        }
        operators.mlClusters().close();
        operators.infrastructure().close();
        log.info("Operators of cluster {} stopped", cluster);
        return true;
    }

    public synchronized void stopAll() {
        for (String cluster : new TreeSet<>(running.keySet())) {
            stop(cluster);
        }
    }

    public synchronized boolean isRunning(String cluster) {
        return running.containsKey(cluster);
    }

    /** The clusters whose operators run. */
    public synchronized Set<String> clusters() {
        return Set.copyOf(running.keySet());
    }

    @Override
    public void close() {
        stopAll();
    }
}
