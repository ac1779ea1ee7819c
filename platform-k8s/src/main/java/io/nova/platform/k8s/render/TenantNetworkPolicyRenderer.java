package io.nova.platform.k8s.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpecBuilder;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.module.ModuleTenancy;
import io.nova.platform.core.module.integration.SignOnMethod;
import io.nova.platform.core.tenant.TenantSnapshot;

/**
 * The tenant namespace's network fence: nothing in or out by default, then only what the tools need.
 * <ul>
 *   <li>DNS: to the cluster DNS pods ({@code k8s-app=kube-dns} in {@code kube-system}) on 53, UDP and TCP;</li>
 *   <li>everything between the namespace's own pods (notebook → MLflow → MinIO);</li>
 *   <li>from the ingress controller's namespace (and, with Gateway API routes, the Gateway's namespace), only on the
 *       enabled tools' UI ports; from the monitoring namespace, only on their metrics ports (a Grafana data source
 *       cannot reach a tool's other ports);</li>
 *   <li>to the internet, that is {@code 0.0.0.0/0} and {@code ::/0} without the private, shared (CGNAT) and
 *       link-local ranges, which hold the cluster's pods and nodes, other tenants and the cloud metadata service;</li>
 *   <li>to the Kubernetes API server's addresses on 443 and 6443, only from the pods of tools that talk to it
 *       (JupyterHub spawns notebooks, Airflow launches task pods): pods whose {@code release} label names such a
 *       tool's Helm release, the label both reference charts put on every pod (Airflow sets no
 *       {@code app.kubernetes.io/instance});</li>
 *   <li>to Vault's namespace on its port (agent, webhook init container);</li>
 *   <li>to the CIDRs a platform admin opened for the tenant.</li>
 * </ul>
 * A tool behind oauth2-proxy (code-server) runs without a login of its own, so its pods admit only their proxy's
 * pods: the namespace-wide allowances above leave them out (by the {@value #INSTANCE_LABEL} label both charts put on
 * their pods), and one policy lets in the proxy and lets them reach the namespace's other pods.
 * Peers are only ever the DNS pods, the ingress (or Gateway), monitoring and Vault namespaces (by their immutable
 * {@code kubernetes.io/metadata.name} label) and address blocks: no rule can select another tenant's namespace or
 * pods.
 */
final class TenantNetworkPolicyRenderer {

    static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";
    /** The label the JupyterHub and Airflow charts put on all their pods, with the Helm release's name. */
    static final String RELEASE_LABEL = "release";
    /** The label the code-server and oauth2-proxy charts put on their pods, with the Helm release's name. */
    static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    static final List<String> PRIVATE_IPV4 = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "100.64.0.0/10", "169.254.0.0/16");
    static final List<String> PRIVATE_IPV6 = List.of("fc00::/7", "fe80::/10");
    static final List<Integer> API_SERVER_PORTS = List.of(443, 6443);

    private final TenantIsolationSettings settings;
    private final List<String> routeNamespaces;

    TenantNetworkPolicyRenderer(TenantIsolationSettings settings, RouteSettings routes) {
        this.settings = settings;
        this.routeNamespaces = Stream.concat(Stream.of(settings.ingressNamespace()), routes.gatewayNamespace().stream())
                .distinct().toList();
    }

    List<NetworkPolicy> render(String cluster, TenantSnapshot tenant, List<ModuleSnapshot> modules) {
        List<ModuleSnapshot> enabled = modules.stream().filter(ModuleSnapshot::enabled).toList();
        List<String> proxied = enabled.stream()
                .filter(m -> m.module().integration().signOn().method() == SignOnMethod.OAUTH2_PROXY)
                .map(m -> m.module().key()).sorted().toList();
        LabelSelector notProxied = proxied.isEmpty() ? new LabelSelector() : new LabelSelectorBuilder()
                .addNewMatchExpression().withKey(INSTANCE_LABEL).withOperator("NotIn").withValues(proxied)
                .endMatchExpression().build();
        var policies = new ArrayList<NetworkPolicy>();
        var policy = new Policies(cluster, tenant);
        policies.add(policy.named("nova-default-deny", new NetworkPolicySpecBuilder()
                .withPodSelector(new LabelSelector()).withPolicyTypes("Ingress", "Egress")));
        policies.add(policy.named("nova-allow-dns", new NetworkPolicySpecBuilder()
                .withPodSelector(new LabelSelector()).withPolicyTypes("Egress")
                .addNewEgress().withTo(new NetworkPolicyPeerBuilder()
                        .withNamespaceSelector(namespace("kube-system"))
                        .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("k8s-app", "kube-dns"))
                                .build()).build())
                .withPorts(port("UDP", 53), port("TCP", 53)).endEgress()));
        policies.add(policy.named("nova-allow-same-namespace", new NetworkPolicySpecBuilder()
                .withPodSelector(notProxied).withPolicyTypes("Ingress", "Egress")
                .addNewIngress().withFrom(samePods()).endIngress()
                .addNewEgress().withTo(samePods()).endEgress()));
        for (String tool : proxied) {
            policies.add(policy.named("nova-allow-" + tool + "-from-its-proxy", new NetworkPolicySpecBuilder()
                    .withPodSelector(instance(tool)).withPolicyTypes("Ingress", "Egress")
                    .addNewIngress().withFrom(new NetworkPolicyPeerBuilder()
                            .withPodSelector(instance(OAuth2ProxyRenderer.name(tool))).build()).endIngress()
                    .addNewEgress().withTo(samePods()).endEgress()));
        }
        List<NetworkPolicyPort> uiPorts = ports(enabled, ModuleTenancy::uiPorts);
        if (!uiPorts.isEmpty()) {
            policies.add(policy.named("nova-allow-ingress-controller", new NetworkPolicySpecBuilder()
                    .withPodSelector(notProxied).withPolicyTypes("Ingress")
                    .addNewIngress().withFrom(routeNamespaces.stream().map(TenantNetworkPolicyRenderer::namespacePeer)
                            .toList()).withPorts(uiPorts)
                    .endIngress()));
        }
        List<NetworkPolicyPort> metricsPorts = ports(enabled, ModuleTenancy::metricsPorts);
        if (!metricsPorts.isEmpty()) {
            policies.add(policy.named("nova-allow-monitoring", new NetworkPolicySpecBuilder()
                    .withPodSelector(notProxied).withPolicyTypes("Ingress")
                    .addNewIngress().withFrom(namespacePeer(settings.monitoringNamespace())).withPorts(metricsPorts)
                    .endIngress()));
        }
        policies.add(policy.named("nova-allow-internet", new NetworkPolicySpecBuilder()
                .withPodSelector(new LabelSelector()).withPolicyTypes("Egress")
                .addNewEgress()
                .addNewTo().withNewIpBlock().withCidr("0.0.0.0/0").withExcept(PRIVATE_IPV4).endIpBlock().endTo()
                .addNewTo().withNewIpBlock().withCidr("::/0").withExcept(PRIVATE_IPV6).endIpBlock().endTo()
                .endEgress()));
        List<String> apiClients = enabled.stream().filter(m -> m.module().tenancy().kubernetesApi())
                .map(m -> m.module().key()).sorted().toList();
        if (!apiClients.isEmpty() && !settings.apiServerCidrs().isEmpty()) {
            policies.add(policy.named("nova-allow-kubernetes-api", new NetworkPolicySpecBuilder()
                    .withPodSelector(new LabelSelectorBuilder().addNewMatchExpression().withKey(RELEASE_LABEL)
                            .withOperator("In").withValues(apiClients).endMatchExpression().build())
                    .withPolicyTypes("Egress")
                    .addNewEgress().withTo(ipBlocks(settings.apiServerCidrs()))
                    .withPorts(API_SERVER_PORTS.stream().map(p -> port("TCP", p)).toList()).endEgress()));
        }
        policies.add(policy.named("nova-allow-vault", new NetworkPolicySpecBuilder()
                .withPodSelector(new LabelSelector()).withPolicyTypes("Egress")
                .addNewEgress().withTo(namespacePeer(settings.vaultNamespace()))
                .withPorts(port("TCP", settings.vaultPort())).endEgress()));
        if (!tenant.egressCidrs().isEmpty()) {
            policies.add(policy.named("nova-allow-extra-egress", new NetworkPolicySpecBuilder()
                    .withPodSelector(new LabelSelector()).withPolicyTypes("Egress")
                    .addNewEgress().withTo(ipBlocks(tenant.egressCidrs().stream().sorted().toList())).endEgress()));
        }
        return policies;
    }

    /** Names and labels policies of one tenant. */
    private record Policies(String cluster, TenantSnapshot tenant) {

        NetworkPolicy named(String name, NetworkPolicySpecBuilder spec) {
            return new NetworkPolicyBuilder()
                    .withNewMetadata().withName(name).withNamespace(tenant.namespace())
                    .withLabels(Labels.tenant(cluster, tenant.slug())).endMetadata()
                    .withSpec(spec.build())
                    .build();
        }
    }

    private static LabelSelector instance(String release) {
        return new LabelSelectorBuilder().withMatchLabels(Map.of(INSTANCE_LABEL, release)).build();
    }

    private static LabelSelector namespace(String name) {
        return new LabelSelectorBuilder().withMatchLabels(Map.of(NAMESPACE_NAME, name)).build();
    }

    private static NetworkPolicyPeer namespacePeer(String name) {
        return new NetworkPolicyPeerBuilder().withNamespaceSelector(namespace(name)).build();
    }

    /** A pod selector without a namespace selector: the policy's own namespace only. */
    private static NetworkPolicyPeer samePods() {
        return new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelector()).build();
    }

    private static List<NetworkPolicyPeer> ipBlocks(List<String> cidrs) {
        return cidrs.stream().map(cidr -> new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr).endIpBlock()
                .build()).toList();
    }

    private static List<NetworkPolicyPort> ports(List<ModuleSnapshot> modules,
                                                 Function<ModuleTenancy, List<Integer>> which) {
        var numbers = new TreeSet<Integer>();
        modules.forEach(m -> numbers.addAll(which.apply(m.module().tenancy())));
        return numbers.stream().map(p -> port("TCP", p)).toList();
    }

    private static NetworkPolicyPort port(String protocol, int number) {
        return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(new IntOrString(number)).build();
    }
}
