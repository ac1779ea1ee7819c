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
 * or the local kubeconfig), and only when it is that configuration's own cluster: one whose {@code apiServer} names
 * another server is refused, so the platform's own token never goes to an address someone typed in. A cluster with
 * a {@code credentialsRef} is reached with
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

    static Config config(ClusterView cluster, String kubeconfig) {
        Config config;
        try {
            config = kubeconfig == null ? Config.autoConfigure(null) : Config.fromKubeconfig(kubeconfig);
        } catch (RuntimeException e) {
            // fabric8's message may quote the file; say only which reference was unusable.
            throw new IllegalStateException("the kubeconfig of cluster '%s' (%s) is not a usable kubeconfig"
                    .formatted(cluster.name(), cluster.credentialsRef()));
        }
        if (kubeconfig == null && cluster.apiServer() != null && !sameServer(cluster.apiServer(),
                config.getMasterUrl())) {
            throw new IllegalStateException(("cluster '%s' names API server %s but has no credentialsRef: the "
                    + "platform's own credentials go only to the cluster it runs in (%s); store a kubeconfig for "
                    + "that cluster in Vault and give its path as credentialsRef").formatted(cluster.name(),
                    cluster.apiServer(), config.getMasterUrl()));
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

    private static boolean sameServer(String a, String b) {
        if (b == null) {
            return false;
        }
        try {
            var x = java.net.URI.create(a.endsWith("/") ? a : a + "/");
            var y = java.net.URI.create(b.endsWith("/") ? b : b + "/");
            return x.getScheme().equalsIgnoreCase(y.getScheme()) && x.getHost().equalsIgnoreCase(y.getHost())
                    && port(x) == port(y);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int port(java.net.URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String sha256(String text) {
        return Sha256.hex(text);
    }

    @PreDestroy
    void close() {
        clients.values().forEach(c -> c.client().close());
    }
}
