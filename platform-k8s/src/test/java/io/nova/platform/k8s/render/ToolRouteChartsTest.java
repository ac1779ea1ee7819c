package io.nova.platform.k8s.render;

import static io.nova.platform.k8s.render.TenantChartsRenderTest.metadata;
import static io.nova.platform.k8s.render.TenantChartsRenderTest.name;
import static io.nova.platform.k8s.render.TenantChartsRenderTest.nested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.nova.platform.core.module.ModuleDefinition;
import io.nova.platform.core.module.ModuleScope;
import io.nova.platform.core.module.integration.SignOnMethod;
import io.nova.platform.core.module.SecretDelivery;
import io.nova.platform.core.module.integration.ToolRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every web tool's catalog route, read against what its real upstream chart renders with the platform's values: the
 * route's Service exists in the release's namespace with that port, and the port leads to a container port of a pod
 * the Service selects; for tenant tools that container port is one the tenant's network policies open to the ingress
 * controller ({@code tenancy.uiPorts}).
 */
class ToolRouteChartsTest {

    private static final String TENANT_NAMESPACE = "nova-team-a";
    /** Reference chart folders whose name is not the module's key. */
    private static final Map<String, String> CHART_FOLDERS = Map.of("neuvector", "neuvector-core");

    private static Path charts;
    private static StubKubeApi api;

    @BeforeAll
    static void startStubApi() {
        charts = ReferenceCharts.dir().orElse(null);
        assumeTrue(charts != null, "no reference charts (../shared/reference/charts)");
        api = StubKubeApi.start().orElse(null);
    }

    @AfterAll
    static void stopStubApi() {
        if (api != null) {
            api.close();
        }
    }

    static Stream<String> routedModules() {
        return DesiredStates.MODULES.all().stream().filter(m -> m.integration().webRoute().isPresent())
                .map(ModuleDefinition::key);
    }

    @Test
    void every_shipped_web_tool_with_a_chart_has_a_route() {
        assertThat(DesiredStates.MODULES.all()).filteredOn(m -> m.webUi() && m.hasChart())
                .allSatisfy(m -> assertThat(m.integration().webRoute()).as(m.key()).isPresent());
        assertThat(routedModules()).contains("jupyterhub", "mlflow", "airflow", "minio", "code-server",
                "kube-prometheus-stack", "neuvector");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routedModules")
    void the_route_leads_to_a_service_port_whose_target_is_a_container_port_of_a_pod_it_selects(String key) {
        assumeTrue(api != null, "no stub Kubernetes API for Helm's lookup calls (see StubKubeApi)");
        ModuleDefinition module = DesiredStates.MODULES.find(key).orElseThrow();
        ToolRoute route = module.integration().webRoute().orElseThrow();
        boolean tenantTool = module.scope() == ModuleScope.TENANT;
        String namespace = tenantTool ? TENANT_NAMESPACE : module.releaseNamespace();
        Map<String, Object> spec = tenantTool
                ? TenantChartsRenderTest.tenantReleaseSpec(key, Map.of(), SecretDelivery.VAULT_AGENT)
                : TenantChartsRenderTest.clusterReleaseSpec(key);

        List<Map<String, Object>> objects = ReferenceCharts.render(
                charts.resolve(CHART_FOLDERS.getOrDefault(key, key)), (String) spec.get("releaseName"), namespace,
                TenantChartsRenderTest.values(spec));

        Map<String, Object> service = objects.stream()
                .filter(o -> "Service".equals(o.get("kind")) && route.service().equals(name(o))).findFirst()
                .orElseThrow(() -> new AssertionError("%s renders no Service %s; its Services: %s".formatted(key,
                        route.service(), objects.stream().filter(o -> "Service".equals(o.get("kind")))
                                .map(TenantChartsRenderTest::name).toList())));
        Object serviceNamespace = metadata(service).get("namespace");
        assertThat(serviceNamespace == null || namespace.equals(serviceNamespace))
                .as("Service %s is in the route's namespace %s, not %s", route.service(), namespace, serviceNamespace)
                .isTrue();
        Map<String, Object> port = list(nested(service, "spec", "ports")).stream()
                .filter(p -> Integer.valueOf(route.port()).equals(p.get("port"))).findFirst()
                .orElseThrow(() -> new AssertionError("Service %s has no port %d: %s".formatted(route.service(),
                        route.port(), nested(service, "spec", "ports"))));
        Object targetPort = port.getOrDefault("targetPort", route.port());
        @SuppressWarnings("unchecked")
        var selector = (Map<String, Object>) nested(service, "spec", "selector");
        assertThat(selector).as("Service %s selects pods", route.service()).isNotEmpty();

        List<Integer> containerPorts = podTemplates(objects).stream()
                .filter(template -> selects(selector, template))
                .map(template -> containerPort(template, targetPort)).flatMap(Optional::stream).toList();
        assertThat(containerPorts).as("%s: container ports behind %s:%d (targetPort %s) in pods selected by %s", key,
                route.service(), route.port(), targetPort, selector).isNotEmpty();
        // behind oauth2-proxy the ingress controller reaches the proxy (OAuth2ProxyRenderTest), not the tool
        if (tenantTool && module.integration().signOn().method() != SignOnMethod.OAUTH2_PROXY) {
            assertThat(module.tenancy().uiPorts()).as("%s: the UI ports its network policies open", key)
                    .containsAll(containerPorts);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> podTemplates(List<Map<String, Object>> objects) {
        return objects.stream().filter(o -> List.of("Deployment", "StatefulSet", "DaemonSet").contains(o.get("kind")))
                .map(o -> (Map<String, Object>) nested(o, "spec", "template")).toList();
    }

    private static boolean selects(Map<String, Object> selector, Map<String, Object> template) {
        Object labels = nested(template, "metadata", "labels");
        return labels instanceof Map<?, ?> map && map.entrySet().containsAll(selector.entrySet());
    }

    /** The number of the container port a Service's targetPort (a number or a port name) stands for in this pod. */
    private static Optional<Integer> containerPort(Map<String, Object> template, Object targetPort) {
        return list(nested(template, "spec", "containers")).stream()
                .flatMap(container -> list(container.get("ports")).stream())
                .filter(port -> targetPort.equals(port.get("containerPort")) || targetPort.equals(port.get("name")))
                .map(port -> (Integer) port.get("containerPort")).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
