package io.nova.platform.k8s.render;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.nova.platform.core.identity.VaultNames;
import io.nova.platform.core.serving.ModelDeploymentSnapshot;

/**
 * A tenant's model gateway: one nginx in the tenant namespace in front of all its model deployments, reached at
 * {@code https://<gateway host>/<deployment>/v1/...} through the tenant's route (Ingress or HTTPRoute). It lets a
 * request through only with {@code Authorization: Bearer <key>} whose SHA-256 is one of the tenant's API key
 * verifiers, which the External Secrets Operator brings from StarVault into the Secret
 * {@value VaultNames#API_KEYS_SECRET} (one file per key name, mounted; read on every request, so a revoked key is
 * refused as soon as the Secret no longer holds it). The key is not passed on to the model. Only the OpenAI-compatible
 * API of each deployment is routed: Ray's dashboard and job API, KServe's other paths and everything else answer 404.
 * Rendered only where StarVault holds the keys.
 */
final class ModelGatewayRenderer {

    static final String NAME = "nova-model-gateway";
    static final String IMAGE = "nginxinc/nginx-unprivileged:1.27-alpine";
    static final int PORT = 8080;
    static final String KEYS_DIR = "/etc/nova/api-keys";
    static final String APP_LABEL = "app.kubernetes.io/name";

    private final ToolRouteRenderer routes;
    private final TenantIsolationSettings isolation;
    private final RouteSettings routeSettings;

    ModelGatewayRenderer(ToolRouteRenderer routes, TenantIsolationSettings isolation, RouteSettings routeSettings) {
        this.routes = routes;
        this.isolation = isolation;
        this.routeSettings = routeSettings;
    }

    /** Whether the tenant gets a gateway: a model deployment the gateway routes to, with a gateway host. */
    static boolean wanted(List<ModelDeploymentSnapshot> models) {
        return models.stream().anyMatch(m -> m.gatewayHost() != null && m.plan().engine().behindTenantGateway());
    }

    List<HasMetadata> render(String cluster, String tenant, String namespace, List<ModelDeploymentSnapshot> models) {
        if (!wanted(models)) {
            return List.of();
        }
        String host = models.stream().map(ModelDeploymentSnapshot::gatewayHost).filter(h -> h != null).findFirst()
                .orElseThrow();
        var labels = new TreeMap<>(Labels.tenant(cluster, tenant));
        labels.put(APP_LABEL, NAME);
        var objects = new ArrayList<HasMetadata>();
        objects.add(new ConfigMapBuilder().withMetadata(meta(namespace, labels))
                .withData(Map.of("nginx.conf", NginxConfig.MAIN, "gateway.conf.template",
                        NginxConfig.server(upstreams(namespace, models)), "auth.js", NginxConfig.AUTH))
                .build());
        objects.add(deployment(namespace, labels));
        objects.add(new ServiceBuilder().withMetadata(meta(namespace, labels)).withNewSpec().withType("ClusterIP")
                .withSelector(Map.of(APP_LABEL, NAME)).addNewPort().withName("http").withPort(80)
                .withTargetPort(new IntOrString(PORT)).withProtocol("TCP").endPort().endSpec().build());
        objects.add(networkPolicy(namespace, labels));
        routes.route(new ObjectMetaBuilder().withName(NAME).withNamespace(namespace).withLabels(labels).build(),
                NAME, host, NAME, 80).ifPresent(objects::add);
        return objects;
    }

    /** Path prefix (the deployment's name) → {@code host:port/path} of its in-cluster OpenAI API. */
    static Map<String, String> upstreams(String namespace, List<ModelDeploymentSnapshot> models) {
        var upstreams = new TreeMap<String, String>();
        for (ModelDeploymentSnapshot model : models) {
            if (model.plan().engine().behindTenantGateway()) {
                URI url = URI.create(model.plan().engine().endpointUrl(model.name(), namespace));
                upstreams.put(model.name(), "%s:%d%s".formatted(url.getHost(), url.getPort() < 0 ? 80
                        : url.getPort(), url.getPath()));
            }
        }
        return upstreams;
    }

    private HasMetadata deployment(String namespace, Map<String, String> labels) {
        var container = new LinkedHashMap<String, Object>();
        container.put("name", "nginx");
        container.put("image", IMAGE);
        // the image's entrypoint writes the cluster DNS server into NGINX_LOCAL_RESOLVERS for the template
        container.put("env", List.of(Map.of("name", "NGINX_ENTRYPOINT_LOCAL_RESOLVERS", "value", "1")));
        container.put("ports", List.of(Map.of("name", "http", "containerPort", PORT)));
        container.put("readinessProbe", Map.of("httpGet", Map.of("path", "/healthz", "port", PORT),
                "periodSeconds", 5));
        container.put("resources", Map.of("requests", Map.of("cpu", "50m", "memory", "64Mi"),
                "limits", Map.of("memory", "256Mi")));
        container.put("securityContext", Map.of("allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true,
                "runAsNonRoot", true, "capabilities", Map.of("drop", List.of("ALL")),
                "seccompProfile", Map.of("type", "RuntimeDefault")));
        container.put("volumeMounts", List.of(
                Map.of("name", "config", "mountPath", "/etc/nginx/nginx.conf", "subPath", "nginx.conf"),
                Map.of("name", "config", "mountPath", "/etc/nginx/templates/gateway.conf.template",
                        "subPath", "gateway.conf.template"),
                Map.of("name", "config", "mountPath", "/etc/nginx/njs/auth.js", "subPath", "auth.js"),
                Map.of("name", "keys", "mountPath", KEYS_DIR, "readOnly", true),
                Map.of("name", "rendered", "mountPath", "/etc/nginx/conf.d"),
                Map.of("name", "tmp", "mountPath", "/tmp")));
        var pod = new LinkedHashMap<String, Object>();
        pod.put("automountServiceAccountToken", false);
        pod.put("containers", List.of(container));
        pod.put("volumes", List.of(
                Map.of("name", "config", "configMap", Map.of("name", NAME)),
                // optional: without keys yet the gateway starts and refuses everything
                Map.of("name", "keys", "secret", Map.of("secretName", VaultNames.API_KEYS_SECRET, "optional", true)),
                Map.of("name", "rendered", "emptyDir", Map.of()),
                Map.of("name", "tmp", "emptyDir", Map.of())));
        var spec = new LinkedHashMap<String, Object>();
        spec.put("replicas", 2);
        spec.put("selector", Map.of("matchLabels", Map.of(APP_LABEL, NAME)));
        spec.put("template", Map.of("metadata", Map.of("labels", labels), "spec", pod));
        return GenericObjects.of("apps/v1", "Deployment", namespace, NAME, labels, spec);
    }

    /** The route's controller may reach the gateway's port, and nothing else of the namespace is opened. */
    private HasMetadata networkPolicy(String namespace, Map<String, String> labels) {
        var from = Stream.concat(Stream.of(isolation.ingressNamespace()), routeSettings.gatewayNamespace().stream())
                .distinct().map(name -> new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder()
                        .withNewNamespaceSelector().addToMatchLabels(TenantNetworkPolicyRenderer.NAMESPACE_NAME, name)
                        .endNamespaceSelector().build()).toList();
        return new NetworkPolicyBuilder().withMetadata(meta(namespace, labels)).withNewSpec()
                .withNewPodSelector().addToMatchLabels(APP_LABEL, NAME).endPodSelector()
                .withPolicyTypes("Ingress").addNewIngress().withFrom(from).addNewPort().withProtocol("TCP")
                .withPort(new IntOrString(PORT)).endPort().endIngress().endSpec().build();
    }

    private static ObjectMeta meta(String namespace, Map<String, String> labels) {
        return new ObjectMetaBuilder().withName(NAME).withNamespace(namespace).withLabels(labels).build();
    }
}
