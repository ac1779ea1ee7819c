package io.nova.platform.k8s.render;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How browsers reach the tools' web UIs ({@code nova.reconcile.routes.*}): the platform renders one route per web tool,
 * in the tool's release namespace, for the host of its UI URL.
 *
 * @param mode             {@link Mode#INGRESS} (default), {@link Mode#GATEWAY} or {@link Mode#NONE}
 * @param ingressClassName the Ingresses' {@code ingressClassName}; empty: the cluster's default class
 * @param clusterIssuer    a cert-manager ClusterIssuer: Ingresses get TLS with the Secret {@code <module>-tls} and the
 *                         {@code cert-manager.io/cluster-issuer} annotation
 * @param issuer           a cert-manager Issuer of the route's namespace instead ({@code cert-manager.io/issuer})
 * @param annotations      more annotations of every Ingress or HTTPRoute (e.g. the controller's body size limit)
 * @param gateway          the Gateway the HTTPRoutes attach to; its listener terminates TLS
 */
public record RouteSettings(Mode mode, String ingressClassName, String clusterIssuer, String issuer,
                            Map<String, String> annotations, Gateway gateway) {

    public enum Mode {
        /** A networking.k8s.io/v1 Ingress per tool. */
        INGRESS,
        /** A Gateway API HTTPRoute per tool, attached to {@link RouteSettings#gateway}. */
        GATEWAY,
        /** No routes: the cluster's operators expose the tools themselves. */
        NONE
    }

    /**
     * The Gateway HTTPRoutes name as their parent.
     *
     * @param name        required in {@link Mode#GATEWAY}
     * @param namespace   the Gateway's namespace; empty: the route's own namespace
     * @param sectionName the listener to attach to; empty: every listener that admits the route
     */
    public record Gateway(String name, String namespace, String sectionName) {

        public Gateway {
            name = blankToNull(name);
            namespace = blankToNull(namespace);
            sectionName = blankToNull(sectionName);
        }
    }

    public RouteSettings {
        mode = mode == null ? Mode.INGRESS : mode;
        ingressClassName = blankToNull(ingressClassName);
        clusterIssuer = blankToNull(clusterIssuer);
        issuer = blankToNull(issuer);
        annotations = annotations == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(annotations));
        gateway = gateway == null ? new Gateway(null, null, null) : gateway;
        if (mode == Mode.GATEWAY && gateway.name() == null) {
            throw new IllegalArgumentException("nova.reconcile.routes.mode is GATEWAY but "
                    + "nova.reconcile.routes.gateway.name is empty: name the Gateway the tools' HTTPRoutes attach to "
                    + "(and its namespace in nova.reconcile.routes.gateway.namespace)");
        }
        if (clusterIssuer != null && issuer != null) {
            throw new IllegalArgumentException("nova.reconcile.routes.cluster-issuer and nova.reconcile.routes.issuer "
                    + "are both set: the tools' certificates come from one cert-manager issuer");
        }
    }

    /** Ingresses of the cluster's default class, without TLS or extra annotations. */
    public static RouteSettings defaults() {
        return new RouteSettings(null, null, null, null, null, null);
    }

    /** The namespace whose proxies send browsers to the tools, in {@link Mode#GATEWAY} with a Gateway elsewhere. */
    public Optional<String> gatewayNamespace() {
        return mode == Mode.GATEWAY ? Optional.ofNullable(gateway.namespace()) : Optional.empty();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
