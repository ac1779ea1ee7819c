package io.nova.platform.k8s.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.nova.platform.k8s.direct.ManagedKind;

/** Helpers for the operator and agent tests against the fabric8 CRUD mock. */
public final class MockApi {

    private static final Set<String> CUSTOM_GROUPS =
            Set.of("source.toolkit.fluxcd.io", "helm.toolkit.fluxcd.io", "ml.nova.io");
    /** The kinds whose status is a subresource (on a real cluster: ours and Flux's). */
    private static final Set<String> WITH_STATUS = Set.of("HelmRelease", "MLCluster", "MLInfrastructure");

    private MockApi() {
    }

    /**
     * A started CRUD mock API server, as {@code @EnableKubernetesMockClient(crud = true)} makes one, but stopped by
     * {@link #stop} instead of the extension.
     */
    public static KubernetesMockServer start() {
        var responses = new java.util.HashMap<io.fabric8.mockwebserver.ServerRequest,
                java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
        var server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(
                io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()),
                new io.fabric8.mockwebserver.MockWebServer(), responses,
                new io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher(responses), false);
        server.init();
        return server;
    }

    /**
     * Stops the mock server. When a watch closes while it shuts down, the mock's watch listener blocks its event loop
     * for up to ten seconds (fabric8 8.0.0's {@code WatchEventsListener.onClosed} awaits its executor there) and the
     * shutdown gives up with "Unable to close MockWebServer": the test is over by then, so that is only logged.
     */
    public static void stop(KubernetesMockServer server) {
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            System.err.println("mock API server shut down slowly: " + e.getMessage());
        }
    }

    /**
     * Makes the Flux and ml.nova.io kinds known to the mock, as DirectDeliveryTest does, with the status subresource
     * for HelmRelease, MLCluster and MLInfrastructure; and the GPU Operator's ClusterPolicy (status written as a
     * whole, as the test plays the GPU Operator).
     */
    public static void registerKinds(KubernetesMockServer server) {
        for (ManagedKind kind : ManagedKind.DEFAULTS) {
            if (CUSTOM_GROUPS.contains(kind.group())) {
                server.expectCustomResource(new CustomResourceDefinitionContext.Builder()
                        .withGroup(kind.group())
                        .withVersion(kind.version())
                        .withKind(kind.kind())
                        .withPlural(kind.plural())
                        .withScope(kind.namespaced() ? "Namespaced" : "Cluster")
                        .withStatusSubresource(WITH_STATUS.contains(kind.kind()))
                        .build());
            }
        }
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder()
                .withGroup("nvidia.com").withVersion("v1").withKind("ClusterPolicy").withPlural("clusterpolicies")
                .withScope("Cluster").build());
    }

    /**
     * Runs a read-modify-write of the test again when it met a 409 Conflict: the operator writes the same object's
     * status meanwhile, as a real controller would, and a kubectl edit would be retried the same way.
     */
    static void retryOnConflict(Runnable edit) {
        for (int attempt = 1; ; attempt++) {
            try {
                edit.run();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** Every request the mock received since the last call (watches and test requests included). */
    static List<RecordedRequest> requests(KubernetesMockServer server) throws InterruptedException {
        var requests = new ArrayList<RecordedRequest>();
        for (RecordedRequest request; (request = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null; ) {
            requests.add(request);
        }
        return requests;
    }

    /** The writes (anything but GET) among {@link #requests}. */
    static List<RecordedRequest> writes(KubernetesMockServer server) throws InterruptedException {
        return requests(server).stream().filter(r -> !"GET".equals(r.getMethod())).toList();
    }
}
