package io.nova.platform.k8s.reconcile;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.nova.platform.core.cluster.ClusterCredentials;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.common.Sha256;
import jakarta.annotation.PreDestroy;

/**
 * A cluster without {@code credentialsRef} is reached with the ambient configuration (in-cluster service account
 * or the local kubeconfig), pointed at its {@code apiServer} when one is given. A cluster with one is reached with
 * the kubeconfig read from there (Vault) at every reconcile, so a rotated credential is picked up; its client is
 * reused while the kubeconfig stays the same and closed when it changes.
 */
class DefaultKubernetesClients implements KubernetesClients {

    private final ClusterCredentials credentials;
    private final ConcurrentHashMap<String, Cached> clients = new ConcurrentHashMap<>();

    private record Cached(String fingerprint, KubernetesClient client) {
    }

    DefaultKubernetesClients(ClusterCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public KubernetesClient clientFor(ClusterView cluster) {
        String kubeconfig = cluster.credentialsRef() == null ? null : credentials.kubeconfig(cluster.credentialsRef());
        String fingerprint = cluster.apiServer() + "|" + (kubeconfig == null ? "ambient" : sha256(kubeconfig));
        Cached cached = clients.compute(cluster.name(), (name, old) -> {
            if (old != null && old.fingerprint().equals(fingerprint)) {
                return old;
            }
            if (old != null) {
                old.client().close();
            }
            return new Cached(fingerprint, new KubernetesClientBuilder().withConfig(config(cluster, kubeconfig))
                    .build());
        });
        return cached.client();
    }

    private static Config config(ClusterView cluster, String kubeconfig) {
        Config config;
        try {
            config = kubeconfig == null ? Config.autoConfigure(null) : Config.fromKubeconfig(kubeconfig);
        } catch (RuntimeException e) {
            // fabric8's message may quote the file; say only which reference was unusable.
            throw new IllegalStateException("the kubeconfig of cluster '%s' (%s) is not a usable kubeconfig"
                    .formatted(cluster.name(), cluster.credentialsRef()));
        }
        if (cluster.apiServer() != null) {
            config.setMasterUrl(cluster.apiServer());
        }
        // An unreachable cluster fails its reconcile within seconds; the scheduler retries with its own backoff
        // instead of fabric8's ten exponential retries per request holding the cluster's lock for minutes.
        config.setRequestRetryBackoffLimit(1);
        config.setConnectionTimeout(10_000);
        config.setRequestTimeout(30_000);
        return config;
    }

    private static String sha256(String text) {
        return Sha256.hex(text);
    }

    @PreDestroy
    void close() {
        clients.values().forEach(c -> c.client().close());
    }
}
