package io.nova.platform.k8s.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.nova.platform.core.cluster.ClusterView;

/** Gives the API client of a DIRECT cluster (replaced in tests by one that points at the fabric8 mock server). */
public interface KubernetesClients {

    KubernetesClient clientFor(ClusterView cluster);
}
