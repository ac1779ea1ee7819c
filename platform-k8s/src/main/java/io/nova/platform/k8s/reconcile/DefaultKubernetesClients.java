package io.nova.platform.k8s.reconcile;

import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.nova.platform.core.cluster.ClusterView;
import jakarta.annotation.PreDestroy;

/**
 * A cluster without {@code credentialsRef} is reached with the ambient configuration (in-cluster service account
 * or the local kubeconfig), pointed at its {@code apiServer} when one is given. Credentials kept in Vault come with
 * the Vault integration; until then such a cluster fails its reconcile with a message that says so.
 */
class DefaultKubernetesClients implements KubernetesClients {

    private final ConcurrentHashMap<String, KubernetesClient> clients = new ConcurrentHashMap<>();

    @Override
    public KubernetesClient clientFor(ClusterView cluster) {
        if (cluster.credentialsRef() != null) {
            throw new IllegalStateException("Cluster '%s' takes its credentials from Vault (%s), which this version "
                    .formatted(cluster.name(), cluster.credentialsRef()) + "cannot read yet; remove credentialsRef to "
                    + "use the in-cluster service account or the local kubeconfig");
        }
        return clients.computeIfAbsent(cluster.name() + "|" + cluster.apiServer(), key -> {
            Config config = Config.autoConfigure(null);
            if (cluster.apiServer() != null) {
                config.setMasterUrl(cluster.apiServer());
            }
            return new KubernetesClientBuilder().withConfig(config).build();
        });
    }

    @PreDestroy
    void close() {
        clients.values().forEach(KubernetesClient::close);
    }
}
