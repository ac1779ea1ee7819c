package io.nova.platform.k8s.render;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpecBuilder;
import io.nova.platform.core.module.ModuleSnapshot;

/**
 * The route that takes browsers from a web tool's UI address ({@code https://jupyter-team-a.example.com}) to a
 * Service of its release: an Ingress or a Gateway API HTTPRoute, as {@link RouteSettings#mode} says. The route is the
 * platform's object, not a chart value: its host comes from the tool's UI URL and nothing a tenant sets changes it.
 * It lives where the Service does: the tenant's namespace, or a cluster tool's release namespace.
 */
final class ToolRouteRenderer {

    static final String GATEWAY_API = "gateway.networking.k8s.io/v1";
    static final String CLUSTER_ISSUER_ANNOTATION = "cert-manager.io/cluster-issuer";
    static final String ISSUER_ANNOTATION = "cert-manager.io/issuer";
    static final String FLUX_PRUNE = "kustomize.toolkit.fluxcd.io/prune";

    private final RouteSettings settings;

    ToolRouteRenderer(RouteSettings settings) {
        this.settings = settings;
    }

    /**
     * The route of {@code install} to {@code service}:{@code port}; empty when the tool is switched off, has no UI
     * URL, or routes are off.
     *
     * @param namespace the tenant's namespace (cluster tools' routes go to their release namespace)
     */
    Optional<HasMetadata> render(String cluster, String namespace, ModuleSnapshot install, String service, int port) {
        if (!routed(install)) {
            return Optional.empty();
        }
        String key = install.module().key();
        String host = URI.create(install.uiUrl()).getHost();
        ObjectMeta metadata = new ObjectMetaBuilder().withName(key)
                .withNamespace(install.tenant() == null ? install.module().releaseNamespace() : namespace)
                .withLabels(Labels.module(cluster, install.tenant(), key)).build();
        return Optional.of(settings.mode() == RouteSettings.Mode.GATEWAY
                ? httpRoute(metadata, host, service, port)
                : ingress(metadata, key, host, service, port));
    }

    /** A route of {@code host} to {@code service}:{@code port} under {@code metadata}; empty when routes are off. */
    Optional<HasMetadata> route(ObjectMeta metadata, String key, String host, String service, int port) {
        if (settings.mode() == RouteSettings.Mode.NONE) {
            return Optional.empty();
        }
        return Optional.of(settings.mode() == RouteSettings.Mode.GATEWAY
                ? httpRoute(metadata, host, service, port)
                : ingress(metadata, key, host, service, port));
    }

    /**
     * For GitOps delivery, the release namespaces of the cluster tools that get a route, and those of {@code others}
     * (the tools' Secrets, the GPU Operator's sharing ConfigMaps). Flux creates such a namespace with the tool's release, but it applies a cluster's objects
     * together and applies none of them while one names a namespace that does not exist yet
     * (fluxcd/kustomize-controller#511): the route would hold its own release back. Flux never prunes these
     * namespaces, so switching the tool off leaves the namespace and what is in it.
     */
    List<Namespace> releaseNamespaces(String cluster, List<ModuleSnapshot> clusterModules,
                                      List<HasMetadata> others) {
        return java.util.stream.Stream.concat(clusterModules.stream().filter(install -> install.tenant() == null
                                && install.module().hasChart() && install.module().integration().webRoute().isPresent()
                                && routed(install)).map(install -> install.module().releaseNamespace()),
                        others.stream().map(object -> object.getMetadata().getNamespace()))
                .distinct().sorted()
                .map(name -> new NamespaceBuilder().withNewMetadata().withName(name)
                        .withLabels(Labels.owned(cluster)).withAnnotations(Map.of(FLUX_PRUNE, "disabled"))
                        .endMetadata().build())
                .toList();
    }

    private boolean routed(ModuleSnapshot install) {
        return install.enabled() && install.uiUrl() != null && settings.mode() != RouteSettings.Mode.NONE;
    }

    private HasMetadata ingress(ObjectMeta metadata, String key, String host, String service, int port) {
        var annotations = new TreeMap<>(settings.annotations());
        var spec = new IngressSpecBuilder().withIngressClassName(settings.ingressClassName())
                .addNewRule().withHost(host).withNewHttp().addNewPath().withPath("/").withPathType("Prefix")
                .withNewBackend().withNewService().withName(service).withNewPort().withNumber(port).endPort()
                .endService().endBackend().endPath().endHttp().endRule();
        String issuer = settings.clusterIssuer() != null ? settings.clusterIssuer() : settings.issuer();
        if (issuer != null) {
            annotations.put(settings.clusterIssuer() != null ? CLUSTER_ISSUER_ANNOTATION : ISSUER_ANNOTATION, issuer);
            spec.addNewTl().withHosts(host).withSecretName(key + "-tls").endTl();
        }
        metadata.setAnnotations(annotations.isEmpty() ? null : annotations);
        return new IngressBuilder().withMetadata(metadata).withSpec(spec.build()).build();
    }

    private HasMetadata httpRoute(ObjectMeta metadata, String host, String service, int port) {
        RouteSettings.Gateway gateway = settings.gateway();
        var parent = new LinkedHashMap<String, Object>();
        parent.put("group", "gateway.networking.k8s.io");
        parent.put("kind", "Gateway");
        parent.put("name", gateway.name());
        if (gateway.namespace() != null) {
            parent.put("namespace", gateway.namespace());
        }
        if (gateway.sectionName() != null) {
            parent.put("sectionName", gateway.sectionName());
        }
        Map<String, Object> spec = Map.of("parentRefs", List.of(parent), "hostnames", List.of(host),
                "rules", List.of(Map.of(
                        "matches", List.of(Map.of("path", Map.of("type", "PathPrefix", "value", "/"))),
                        "backendRefs", List.of(Map.of("name", service, "port", port)))));
        GenericKubernetesResource route = GenericObjects.of(GATEWAY_API, "HTTPRoute", metadata.getNamespace(),
                metadata.getName(), metadata.getLabels(), spec);
        route.getMetadata().setAnnotations(settings.annotations().isEmpty() ? null
                : new TreeMap<>(settings.annotations()));
        return route;
    }
}
