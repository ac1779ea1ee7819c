package io.nova.platform.k8s.render;

import static io.nova.platform.k8s.render.TenantChartsRenderTest.name;
import static io.nova.platform.k8s.render.TenantChartsRenderTest.nested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.module.integration.ToolRoute;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The oauth2-proxy in front of code-server, rendered by the platform and then through the real oauth2-proxy chart
 * (10.7.0, {@code ../shared/reference/charts/oauth2-proxy}) with real Helm: what its pod reads exists, the login goes
 * to the provider's browser page and admits only the tenant's groups, it forwards to code-server, and the release
 * stays in the tenant namespace within what Flux may do there.
 */
class OAuth2ProxyRenderTest {

    private static final String NAMESPACE = ToolChartsRenderTest.NAMESPACE;
    private static final String ISSUER = "https://vault.example.com/v1/identity/oidc/provider/nova";
    private static final RenderSettings SETTINGS = RenderSettings.defaults().withOidc(ISSUER, null);
    private static final String PROXY = "code-server-oauth2-proxy";

    private static Path chart;

    @BeforeAll
    static void findChart() {
        chart = ReferenceCharts.dir().map(dir -> dir.resolve("oauth2-proxy")).filter(dir -> dir.toFile()
                .isDirectory()).orElse(null);
    }

    @Test
    void a_tool_behind_oauth2_proxy_gets_a_second_release_reconciled_like_a_tenant_release() {
        List<HasMetadata> platform = new ClusterRenderer(SETTINGS).render(ToolChartsRenderTest.everyTool().build());

        Map<String, Object> spec = spec(platform, "HelmRelease", PROXY);
        assertThat(spec).containsEntry("releaseName", PROXY)
                .containsEntry("serviceAccountName", TenantReconcilerRenderer.NAME);
        assertThat(nested(spec, "chart", "spec")).isEqualTo(Map.of("chart", "oauth2-proxy", "version", "10.7.0",
                "sourceRef", Map.of("kind", "HelmRepository", "name", PROXY), "interval", "1h"));
        assertThat(nested(spec, "install", "crds")).isEqualTo("Skip");
        assertThat(nested(spec, "upgrade", "crds")).isEqualTo("Skip");
        assertThat(nested(spec, "upgrade", "remediation", "strategy")).isEqualTo("rollback");
        assertThat(spec(platform, "HelmRepository", PROXY))
                .containsEntry("url", "https://oauth2-proxy.github.io/manifests");
        assertThat(platform).filteredOn(o -> o.getMetadata().getName().endsWith("-oauth2-proxy"))
                .extracting(ClusterRenderer::id).containsExactlyInAnyOrder(
                        "HelmRepository " + NAMESPACE + "/" + PROXY, "HelmRelease " + NAMESPACE + "/" + PROXY);
    }

    @Test
    void the_proxys_pod_reads_only_the_delivered_oidc_secret_with_the_keys_the_chart_expects() {
        List<HasMetadata> platform = new ClusterRenderer(SETTINGS).render(ToolChartsRenderTest.everyTool().build());

        List<Map<String, Object>> objects = renderProxy(platform);

        List<PodSecretReferences.Reference> references = PodSecretReferences.of(objects);
        assertThat(references).extracting(PodSecretReferences.Reference::secret, PodSecretReferences.Reference::key)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("nova-oidc-code-server", "client-id"),
                        org.assertj.core.groups.Tuple.tuple("nova-oidc-code-server", "client-secret"),
                        org.assertj.core.groups.Tuple.tuple("nova-oidc-code-server", "cookie-secret"));
        assertThat(PodSecretReferences.renderedBy(objects).andDeliveredBy(ToolChartsRenderTest.asMaps(platform))
                .unsatisfied(references)).as("Secrets the proxy reads that nobody creates").isEmpty();
        assertThat(objects).extracting(o -> o.get("kind")).doesNotContain("Secret");
    }

    @Test
    void the_browser_goes_to_the_providers_ui_and_only_the_tenants_groups_reach_code_server() {
        List<Map<String, Object>> objects = renderProxy(new ClusterRenderer(SETTINGS)
                .render(ToolChartsRenderTest.everyTool().build()));

        Map<String, Object> deployment = only(objects, "Deployment");
        Map<String, Object> container = container(deployment);
        assertThat(String.valueOf(container.get("args"))).contains("--config=/etc/oauth2_proxy/oauth2_proxy.cfg",
                "--http-address=0.0.0.0:4180");
        assertThat(String.valueOf(nested(deployment, "spec", "template", "spec", "volumes")))
                .contains("name=" + PROXY + "}, name=configmain");
        assertThat(config(objects)).contains(
                "provider = \"oidc\"",
                "oidc_issuer_url = \"" + ISSUER + "\"",
                "skip_oidc_discovery = true",
                "login_url = \"https://vault.example.com/ui/identity/oidc/provider/nova/authorize\"",
                "redeem_url = \"" + ISSUER + "/token\"",
                "oidc_jwks_url = \"" + ISSUER + "/.well-known/keys\"",
                "scope = \"openid groups\"",
                "user_id_claim = \"sub\"",
                "oidc_groups_claim = \"groups\"",
                "allowed_groups = [\"team-a-owners\", \"team-a-users\"]",
                "email_domains = [\"*\"]",
                "redirect_url = \"https://code-team-a.example.com/oauth2/callback\"",
                "upstreams = [\"http://code-server.nova-team-a.svc.cluster.local:8080/\"]",
                "cookie_secure = true",
                "skip_provider_button = true");
    }

    @Test
    void a_tenant_without_groups_admits_nobody() {
        var state = DesiredStates.gitops().tenant("team-a").module("team-a", "code-server").build();

        List<Map<String, Object>> objects = renderProxy(new ClusterRenderer(SETTINGS).render(state));

        assertThat(config(objects)).contains("email_domains = [\"nobody.invalid\"]").doesNotContain("allowed_groups",
                "\"*\"");
    }

    @Test
    void the_proxy_stays_in_the_tenant_namespace_within_the_reconcilers_role_and_runs_restricted() {
        List<Map<String, Object>> objects = renderProxy(new ClusterRenderer(SETTINGS)
                .render(ToolChartsRenderTest.everyTool().build()));

        assertThat(objects).extracting(o -> o.get("kind"))
                .containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "Service", "Deployment");
        TenantChartsRenderTest.assertNamespacedWithinReconciler(objects);
        Map<String, Object> serviceAccount = only(objects, "ServiceAccount");
        assertThat(name(serviceAccount)).isEqualTo(PROXY);
        assertThat(serviceAccount).containsEntry("automountServiceAccountToken", false);
        Map<String, Object> deployment = only(objects, "Deployment");
        Map<String, Object> pod = podSpec(deployment);
        assertThat(pod).containsEntry("serviceAccountName", PROXY).containsEntry("automountServiceAccountToken", false);
        assertThat(pod).doesNotContainKey("initContainers");
        assertThat(nested(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat(nested(pod, "securityContext", "seccompProfile", "type")).isEqualTo("RuntimeDefault");
        Map<String, Object> container = container(deployment);
        assertThat(nested(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(nested(container, "securityContext", "capabilities", "drop")).isEqualTo(List.of("ALL"));
        assertThat(nested(container, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat(String.valueOf(container.get("env"))).doesNotContain("REDIS");
    }

    @Test
    void the_route_backend_is_the_proxys_service_as_the_chart_renders_it() {
        DesiredState state = ToolChartsRenderTest.everyTool().build();
        List<Map<String, Object>> objects = renderProxy(new ClusterRenderer(SETTINGS).render(state));
        ModuleSnapshot codeServer = install(state, "code-server");

        ToolRoute backend = new OAuth2ProxyRenderer(SETTINGS).backend(codeServer);

        Map<String, Object> service = only(objects, "Service");
        assertThat(name(service)).isEqualTo(backend.service());
        @SuppressWarnings("unchecked")
        var ports = (List<Map<String, Object>>) nested(service, "spec", "ports");
        assertThat(ports).anySatisfy(port -> assertThat(port).containsEntry("port", backend.port())
                .containsEntry("targetPort", "http"));
        assertThat(String.valueOf(container(only(objects, "Deployment")).get("ports")))
                .contains("containerPort=" + OAuth2ProxyRenderer.CONTAINER_PORT + ", name=http");
        assertThat(new OAuth2ProxyRenderer(SETTINGS).backend(install(state, "jupyterhub")))
                .isEqualTo(new ToolRoute("proxy-public", 80));
    }

    @Test
    void without_vault_there_is_no_proxy_and_the_route_keeps_the_tools_own_service() {
        var settings = SETTINGS.withVaultSecrets(false);
        DesiredState state = ToolChartsRenderTest.everyTool().build();

        List<HasMetadata> rendered = new ClusterRenderer(settings).render(state);

        assertThat(rendered).extracting(o -> o.getMetadata().getName()).doesNotContain(PROXY);
        assertThat(new OAuth2ProxyRenderer(settings).backend(install(state, "code-server")))
                .isEqualTo(new ToolRoute("code-server", 8080));
    }

    @Test
    void the_ingress_controller_may_reach_the_proxy_and_not_code_servers_own_port() {
        var state = DesiredStates.gitops().tenant("team-a", "team-a-owners").module("team-a", "code-server").build();

        NetworkPolicy ingress = new ClusterRenderer(SETTINGS).render(state).stream()
                .filter(o -> o instanceof NetworkPolicy && objectName(o).equals("nova-allow-ingress-controller"))
                .map(NetworkPolicy.class::cast).findFirst().orElseThrow();

        assertThat(ingress.getSpec().getIngress().getFirst().getPorts())
                .extracting(port -> port.getPort().getIntVal()).containsExactly(OAuth2ProxyRenderer.CONTAINER_PORT);
    }

    @Test
    void code_server_runs_without_a_login_of_its_own_and_only_its_proxy_reaches_it() {
        List<HasMetadata> platform = new ClusterRenderer(SETTINGS).render(ToolChartsRenderTest.everyTool().build());
        Path codeServerChart = chart.resolveSibling("code-server");
        Map<String, Object> codeServer = ReferenceCharts.render(codeServerChart, "code-server", NAMESPACE,
                ToolChartsRenderTest.releaseValues(platform, "code-server")).stream()
                .filter(o -> List.of("Deployment", "StatefulSet").contains(o.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> proxy = only(renderProxy(platform), "Deployment");
        List<NetworkPolicy> policies = platform.stream().filter(o -> o instanceof NetworkPolicy
                && NAMESPACE.equals(o.getMetadata().getNamespace())).map(NetworkPolicy.class::cast).toList();

        assertThat(String.valueOf(container(codeServer).get("args"))).contains("--auth, none");
        Map<String, String> codeServerPod = podLabels(codeServer);
        List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer> admitted = policies.stream()
                .filter(p -> p.getSpec().getPolicyTypes().contains("Ingress"))
                .filter(p -> selects(p.getSpec().getPodSelector(), codeServerPod))
                .flatMap(p -> p.getSpec().getIngress().stream()).flatMap(rule -> rule.getFrom().stream()).toList();
        assertThat(admitted).as("who may reach code-server's pod").singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector()).as("its own namespace only").isNull();
            assertThat(selects(peer.getPodSelector(), podLabels(proxy))).as("the proxy's pod").isTrue();
            assertThat(selects(peer.getPodSelector(), Map.of("component", "singleuser-server", "release",
                    "jupyterhub"))).as("a notebook").isFalse();
        });
        Map<String, String> notebook = Map.of("component", "singleuser-server", "release", "jupyterhub");
        assertThat(policies.stream().filter(p -> p.getSpec().getPolicyTypes().contains("Ingress"))
                .filter(p -> selects(p.getSpec().getPodSelector(), notebook)).map(p -> p.getMetadata().getName()))
                .as("the namespace's other pods keep their allowances").contains("nova-allow-same-namespace");
    }

    @Test
    void a_tenants_own_auth_argument_is_dropped_while_the_proxy_logs_people_in() {
        var state = DesiredStates.gitops().tenant("team-a", "team-a-owners").module("team-a", "code-server", true,
                Map.of("extraArgs", List.of("--disable-telemetry", "--auth", "password", "--auth=password"))).build();

        Map<String, Object> values = ToolChartsRenderTest.releaseValues(new ClusterRenderer(SETTINGS).render(state),
                "code-server");

        assertThat(values.get("extraArgs")).isEqualTo(List.of("--disable-telemetry", "--auth", "none"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> podLabels(Map<String, Object> workload) {
        return (Map<String, String>) nested(workload, "spec", "template", "metadata", "labels");
    }

    /** Kubernetes' label selector semantics for matchLabels and In / NotIn / Exists / DoesNotExist. */
    private static boolean selects(io.fabric8.kubernetes.api.model.LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null && !selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        return selector.getMatchExpressions() == null || selector.getMatchExpressions().stream().allMatch(e ->
                switch (e.getOperator()) {
                    case "In" -> e.getValues().contains(labels.get(e.getKey()));
                    case "NotIn" -> !e.getValues().contains(labels.get(e.getKey()));
                    case "Exists" -> labels.containsKey(e.getKey());
                    case "DoesNotExist" -> !labels.containsKey(e.getKey());
                    default -> throw new AssertionError("operator " + e.getOperator());
                });
    }

    @Test
    void every_platform_value_path_of_the_proxy_is_one_the_chart_knows() {
        assumeTrue(chart != null, "no reference chart for oauth2-proxy");
        List<HasMetadata> platform = new ClusterRenderer(SETTINGS).render(ToolChartsRenderTest.everyTool().build());

        Map<String, Object> chartValues = ReferenceCharts.defaultValues(chart);

        // config.existingSecret is only a comment in values.yaml; the chart's "oauth2-proxy.secretName" reads it, and
        // the proxy reading nova-oidc-code-server (above) shows it lands
        assertThat(TenantChartsRenderTest.leafPaths("", ToolChartsRenderTest.releaseValues(platform, PROXY)))
                .filteredOn(path -> !path.equals("config.existingSecret"))
                .allSatisfy(path -> assertThat(TenantChartsRenderTest.known(chartValues, path))
                        .as("oauth2-proxy's values.yaml has %s", path).isTrue());
    }

    private static List<Map<String, Object>> renderProxy(List<HasMetadata> platform) {
        assumeTrue(chart != null, "no reference chart for oauth2-proxy (../shared/reference/charts)");
        List<Map<String, Object>> objects = ReferenceCharts.render(chart, PROXY, NAMESPACE,
                ToolChartsRenderTest.releaseValues(platform, PROXY));
        assertThat(objects).as("oauth2-proxy renders").isNotEmpty();
        return objects;
    }

    private static String config(List<Map<String, Object>> objects) {
        Map<String, Object> configMap = objects.stream().filter(o -> "ConfigMap".equals(o.get("kind"))
                && PROXY.equals(name(o))).findFirst().orElseThrow();
        return String.valueOf(nested(configMap, "data", "oauth2_proxy.cfg"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(List<HasMetadata> platform, String kind, String name) {
        HasMetadata object = platform.stream().filter(o -> o.getKind().equals(kind)
                && o.getMetadata().getName().equals(name) && NAMESPACE.equals(o.getMetadata().getNamespace()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
        return (Map<String, Object>) ((GenericKubernetesResource) object).getAdditionalProperties().get("spec");
    }

    private static ModuleSnapshot install(DesiredState state, String module) {
        return state.modulesOf("team-a").stream().filter(m -> m.module().key().equals(module)).findFirst()
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> podSpec(Map<String, Object> deployment) {
        return (Map<String, Object>) nested(deployment, "spec", "template", "spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> deployment) {
        return ((List<Map<String, Object>>) podSpec(deployment).get("containers")).getFirst();
    }

    private static Map<String, Object> only(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).reduce((a, b) -> {
            throw new AssertionError("more than one " + kind);
        }).orElseThrow(() -> new AssertionError("no " + kind));
    }

    private static String objectName(HasMetadata object) {
        return object.getMetadata().getName();
    }
}
