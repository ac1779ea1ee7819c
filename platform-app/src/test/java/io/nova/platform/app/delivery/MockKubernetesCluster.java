package io.nova.platform.app.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.nova.platform.k8s.direct.ManagedKind;

/**
 * Stands in for a cluster's API server: the fabric8 CRUD mock server (no real kube-apiserver can run here), with
 * the custom resources the platform writes registered. Counts the write requests it receives.
 */
final class MockKubernetesCluster {

    private static final String KUEUE = "kueue.x-k8s.io";
    /** The API groups the mock server knows by itself. */
    private static final java.util.Set<String> BUILT_IN = java.util.Set.of("", "rbac.authorization.k8s.io",
            "networking.k8s.io", "admissionregistration.k8s.io");

    private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
            new HashMap<>(), new KubernetesCrudDispatcher(), false);
    private final KubernetesClient client;

    MockKubernetesCluster() {
        server.init();
        for (ManagedKind kind : ManagedKind.DEFAULTS) {
            if (!BUILT_IN.contains(kind.group())) {
                server.expectCustomResource(new CustomResourceDefinitionContext.Builder()
                        .withGroup(kind.group()).withVersion(kind.version()).withKind(kind.kind())
                        .withPlural(kind.plural()).withScope(kind.namespaced() ? "Namespaced" : "Cluster").build());
            }
        }
        // what Kueue itself creates for each queued workload, for the tests that play Kueue
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup(KUEUE)
                .withVersion("v1beta2").withKind("Workload").withPlural("workloads").withScope("Namespaced").build());
        client = server.createClient();
    }

    KubernetesClient client() {
        return client;
    }

    /** The write requests (anything but GET) since the last call, as {@code METHOD path}. */
    List<String> writes() throws InterruptedException {
        var writes = new ArrayList<String>();
        for (RecordedRequest request; (request = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null; ) {
            if (!"GET".equals(request.getMethod())) {
                writes.add(request.getMethod() + " " + request.getPath());
            }
        }
        return writes;
    }
}
