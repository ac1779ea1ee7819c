package io.nova.platform.k8s.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.module.ModuleDefinition;
import io.nova.platform.k8s.schema.UpstreamSchemas;
import org.junit.jupiter.api.Test;

/** The routes that take browsers to the tools' web UIs, as a cluster admin would read them. */
class ToolRouteRendererTest {

    private static final Map<String, String> BODY_SIZE = Map.of("nginx.ingress.kubernetes.io/proxy-body-size", "0");
    private static final RouteSettings GATEWAY = new RouteSettings(RouteSettings.Mode.GATEWAY, null, null, null,
            BODY_SIZE, new RouteSettings.Gateway("nova", "gateway-system", "https"));

    private final DesiredState teamA = DesiredStates.gitops().tenant("team-a", "team-a-owners")
            .module("team-a", "jupyterhub").module("team-a", "minio").module("team-a", "mlflow")
            .module(null, "kube-prometheus-stack").module(null, "gpu-operator").build();

    @Test
    void each_web_tool_gets_an_ingress_for_its_ui_host_to_its_catalog_route() {
        List<HasMetadata> objects = render(RouteSettings.defaults(), teamA);

        Ingress jupyter = one(objects, Ingress.class, "nova-team-a", "jupyterhub");
        assertThat(jupyter.getMetadata().getLabels()).isEqualTo(Labels.module("lab", "team-a", "jupyterhub"));
        assertThat(jupyter.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(jupyter.getSpec().getIngressClassName()).isNull();
        assertThat(jupyter.getSpec().getTls()).isNullOrEmpty();
        assertThat(jupyter.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isEqualTo("jupyter-team-a.example.com");
            assertThat(rule.getHttp().getPaths()).singleElement().satisfies(path -> {
                assertThat(path.getPath()).isEqualTo("/");
                assertThat(path.getPathType()).isEqualTo("Prefix");
                assertThat(path.getBackend().getService().getName()).isEqualTo("proxy-public");
                assertThat(path.getBackend().getService().getPort().getNumber()).isEqualTo(80);
            });
        });
        assertThat(objects).filteredOn(o -> o.getKind().equals("Ingress")).extracting(ClusterRenderer::id)
                .containsExactlyInAnyOrder("Ingress nova-team-a/jupyterhub", "Ingress nova-team-a/minio",
                        "Ingress nova-team-a/mlflow", "Ingress monitoring/kube-prometheus-stack");
    }

    @Test
    void a_cluster_tools_route_lives_in_its_release_namespace_next_to_its_service() {
        Ingress grafana = one(render(RouteSettings.defaults(), teamA), Ingress.class, "monitoring",
                "kube-prometheus-stack");

        assertThat(grafana.getMetadata().getLabels()).isEqualTo(Labels.module("lab", null, "kube-prometheus-stack"));
        assertThat(grafana.getSpec().getRules().getFirst().getHost()).isEqualTo("grafana-lab.example.com");
        assertThat(grafana.getSpec().getRules().getFirst().getHttp().getPaths().getFirst().getBackend().getService()
                .getName()).isEqualTo("kube-prometheus-stack-grafana");
    }

    @Test
    void with_gitops_a_cluster_tools_namespace_is_applied_before_its_route_and_never_pruned_by_flux() {
        List<HasMetadata> objects = render(RouteSettings.defaults(), teamA);

        var monitoring = one(objects, io.fabric8.kubernetes.api.model.Namespace.class, "monitoring");
        assertThat(monitoring.getMetadata().getLabels()).isEqualTo(Labels.owned("lab"));
        assertThat(monitoring.getMetadata().getAnnotations())
                .containsExactly(Map.entry("kustomize.toolkit.fluxcd.io/prune", "disabled"));
        assertThat(objects.indexOf(monitoring)).isLessThan(objects.indexOf(one(objects, Ingress.class, "monitoring",
                "kube-prometheus-stack")));
        assertThat(objects).filteredOn(o -> o.getKind().equals("Namespace")).extracting(o -> o.getMetadata().getName())
                .containsExactlyInAnyOrder("nova-team-a", "monitoring", AgentRenderer.NAMESPACE);
    }

    @Test
    void direct_delivery_and_routes_off_leave_a_cluster_tools_namespace_to_its_release() {
        var direct = DesiredStates.direct().module(null, "kube-prometheus-stack").build();
        var gitops = DesiredStates.gitops().module(null, "kube-prometheus-stack").build();

        assertThat(render(RouteSettings.defaults(), direct)).noneMatch(o -> o.getKind().equals("Namespace"));
        assertThat(render(new RouteSettings(RouteSettings.Mode.NONE, null, null, null, null, null), gitops))
                .filteredOn(o -> o.getKind().equals("Namespace")).extracting(o -> o.getMetadata().getName())
                .containsExactly(AgentRenderer.NAMESPACE);
    }

    @Test
    void a_cluster_issuer_gives_tls_with_the_tools_secret_and_the_cert_manager_annotation() {
        var settings = new RouteSettings(null, "nginx", "letsencrypt", null, BODY_SIZE, null);

        Ingress mlflow = one(render(settings, teamA), Ingress.class, "nova-team-a", "mlflow");

        assertThat(mlflow.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(mlflow.getMetadata().getAnnotations()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "cert-manager.io/cluster-issuer", "letsencrypt", "nginx.ingress.kubernetes.io/proxy-body-size", "0"));
        assertThat(mlflow.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getHosts()).containsExactly("mlflow-team-a.example.com");
            assertThat(tls.getSecretName()).isEqualTo("mlflow-tls");
        });
    }

    @Test
    void a_namespaced_issuer_is_named_with_the_issuer_annotation() {
        var settings = new RouteSettings(null, null, null, "team-ca", null, null);

        Ingress minio = one(render(settings, teamA), Ingress.class, "nova-team-a", "minio");

        assertThat(minio.getMetadata().getAnnotations())
                .containsExactly(Map.entry("cert-manager.io/issuer", "team-ca"));
        assertThat(minio.getSpec().getTls()).singleElement().extracting(t -> t.getSecretName()).isEqualTo("minio-tls");
    }

    @Test
    void an_ingress_survives_a_round_trip_through_the_kubernetes_model_unchanged() {
        var serialization = new KubernetesSerialization();
        Ingress ingress = one(render(new RouteSettings(null, "nginx", "letsencrypt", null, BODY_SIZE, null), teamA),
                Ingress.class, "nova-team-a", "jupyterhub");

        Ingress read = serialization.unmarshal(serialization.asYaml(ingress), Ingress.class);

        assertThat(read).isEqualTo(ingress);
        assertThat(read.getApiVersion()).isEqualTo("networking.k8s.io/v1");
        assertThat(read.getAdditionalProperties()).isEmpty();
        assertThat(read.getSpec().getAdditionalProperties()).isEmpty();
        assertThat(read.getSpec().getRules().getFirst().getAdditionalProperties()).isEmpty();
    }

    @Test
    void in_gateway_mode_each_web_tool_gets_an_http_route_that_matches_the_upstream_schema() {
        List<HasMetadata> objects = render(GATEWAY, teamA);

        assertThat(objects).noneMatch(o -> o.getKind().equals("Ingress"));
        var route = one(objects, GenericKubernetesResource.class, "nova-team-a", "jupyterhub");
        assertThat(route.getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
        assertThat(route.getKind()).isEqualTo("HTTPRoute");
        assertThat(route.getMetadata().getLabels()).isEqualTo(Labels.module("lab", "team-a", "jupyterhub"));
        assertThat(route.getMetadata().getAnnotations()).isEqualTo(BODY_SIZE);
        assertThat(route.getAdditionalProperties().get("spec")).isEqualTo(Map.of(
                "parentRefs", List.of(Map.of("group", "gateway.networking.k8s.io", "kind", "Gateway",
                        "name", "nova", "namespace", "gateway-system", "sectionName", "https")),
                "hostnames", List.of("jupyter-team-a.example.com"),
                "rules", List.of(Map.of("matches", List.of(Map.of("path", Map.of("type", "PathPrefix", "value", "/"))),
                        "backendRefs", List.of(Map.of("name", "proxy-public", "port", 80))))));
        for (HasMetadata httpRoute : objects.stream().filter(o -> o.getKind().equals("HTTPRoute")).toList()) {
            UpstreamSchemas.assertValid(httpRoute);
        }
    }

    @Test
    void a_gateway_in_the_routes_own_namespace_is_named_without_a_namespace() {
        var settings = new RouteSettings(RouteSettings.Mode.GATEWAY, null, null, null, null,
                new RouteSettings.Gateway("tools", null, null));

        var route = one(render(settings, teamA), GenericKubernetesResource.class, "nova-team-a", "mlflow");

        assertThat(route.getAdditionalProperties().get("spec")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("parentRefs",
                List.of(Map.of("group", "gateway.networking.k8s.io", "kind", "Gateway", "name", "tools")));
        UpstreamSchemas.assertValid(route);
    }

    @Test
    void gateway_mode_without_a_gateway_name_is_refused_with_the_setting_to_fix() {
        assertThatThrownBy(() -> new RouteSettings(RouteSettings.Mode.GATEWAY, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nova.reconcile.routes.gateway.name");
        assertThatThrownBy(() -> new RouteSettings(null, null, "letsencrypt", "team-ca", null, null))
                .hasMessageContaining("nova.reconcile.routes.cluster-issuer");
    }

    @Test
    void with_routes_off_nothing_is_rendered_for_any_tool() {
        List<HasMetadata> objects = render(new RouteSettings(RouteSettings.Mode.NONE, "nginx", "letsencrypt", null,
                BODY_SIZE, null), teamA);

        assertThat(objects).noneMatch(o -> o.getKind().equals("Ingress") || o.getKind().equals("HTTPRoute"));
        assertThat(objects).anyMatch(o -> o.getKind().equals("HelmRelease"));
    }

    @Test
    void a_tool_switched_off_has_no_route() {
        var state = DesiredStates.gitops().tenant("team-a").module("team-a", "jupyterhub")
                .module("team-a", "airflow", false, Map.of()).build();

        List<HasMetadata> objects = render(RouteSettings.defaults(), state);

        assertThat(objects).filteredOn(o -> o.getKind().equals("Ingress")).extracting(ClusterRenderer::id)
                .containsExactly("Ingress nova-team-a/jupyterhub");
    }

    @Test
    void a_tool_without_a_web_ui_has_no_route() {
        var state = DesiredStates.gitops().tenant("team-a").module(null, "kuberay-operator")
                .module("team-a", "kuberay").module(null, "gpu-operator").build();

        assertThat(render(RouteSettings.defaults(), state)).noneMatch(o -> o.getKind().equals("Ingress"));
    }

    @Test
    void a_tenants_values_cannot_move_the_route_to_another_host() {
        var state = DesiredStates.gitops().tenant("team-a").module("team-a", "jupyterhub", true, Map.of(
                "ingress", Map.of("enabled", true, "hosts", List.of("evil.example.org")),
                "hub", Map.of("extraEnv", Map.of("JUPYTERHUB_HOST", "evil.example.org")))).build();

        Ingress jupyter = one(render(RouteSettings.defaults(), state), Ingress.class, "nova-team-a", "jupyterhub");

        assertThat(jupyter.getSpec().getRules()).extracting(r -> r.getHost())
                .containsExactly("jupyter-team-a.example.com");
    }

    @Test
    void no_tenant_value_path_reaches_a_charts_own_ingress_or_route() {
        List<String> routeKeys = List.of("ingress", "httpRoute", "consoleIngress", "ingressRoute", "certificate");
        for (ModuleDefinition module : DesiredStates.MODULES.all()) {
            assertThat(module.tenancy().tenantValues()).as("%s's tenant value paths", module.key())
                    .noneMatch(path -> routeKeys.contains(path.split("\\.")[0]));
        }
    }

    @Test
    void the_ingress_controller_may_reach_the_tools_and_in_gateway_mode_the_gateways_namespace_too() {
        assertThat(uiPeers(RouteSettings.defaults())).containsExactly("ingress-nginx");
        assertThat(uiPeers(GATEWAY)).containsExactly("ingress-nginx", "gateway-system");
        assertThat(uiPeers(new RouteSettings(RouteSettings.Mode.GATEWAY, null, null, null, null,
                new RouteSettings.Gateway("nova", "ingress-nginx", null)))).containsExactly("ingress-nginx");
    }

    private List<String> uiPeers(RouteSettings routes) {
        NetworkPolicy policy = one(render(routes, teamA), NetworkPolicy.class, "nova-team-a",
                "nova-allow-ingress-controller");
        return policy.getSpec().getIngress().getFirst().getFrom().stream().map(NetworkPolicyPeer::getNamespaceSelector)
                .map(selector -> selector.getMatchLabels().get(TenantNetworkPolicyRenderer.NAMESPACE_NAME)).toList();
    }

    private static List<HasMetadata> render(RouteSettings routes, DesiredState state) {
        return new ClusterRenderer(RenderSettings.defaults().withRoutes(routes)).render(state);
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getNamespace() == null && name.equals(o.getMetadata().getName()))
                .findFirst().orElseThrow(() -> new AssertionError("no %s %s".formatted(type.getSimpleName(), name)));
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String namespace,
                                                 String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> namespace.equals(o.getMetadata().getNamespace()) && name.equals(o.getMetadata().getName()))
                .filter(o -> type != GenericKubernetesResource.class || o.getKind().equals("HTTPRoute"))
                .findFirst().orElseThrow(() -> new AssertionError("no %s %s/%s".formatted(type.getSimpleName(),
                        namespace, name)));
    }
}
