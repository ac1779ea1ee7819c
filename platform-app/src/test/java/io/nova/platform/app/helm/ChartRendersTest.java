package io.nova.platform.app.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chart renders with real Helm ({@link HelmChart}) and fabric8 parses every document as a Kubernetes object.
 * No API server is involved: admission, defaulting and the CRDs' installation are not exercised here.
 */
class ChartRendersTest {

    @Test
    void the_development_setup_is_refused_unless_asked_for() {
        assertThatThrownBy(() -> HelmChart.template(List.of(), "database.url=jdbc:postgresql://db:5432/nova",
                "database.username=nova", "database.existingSecret=nova-db"))
                .hasMessageContaining("login.issuer is required").hasMessageContaining("login.developmentSetup=true");
        assertThat(HelmChart.template(List.of(), "database.url=jdbc:postgresql://db:5432/nova",
                "database.username=nova", "database.existingSecret=nova-db",
                "login.issuer=https://vault.example.com/v1/identity/oidc/provider/nova",
                "login.clientId=nova-console").platformContainer()).isNotNull();
    }

    @Test
    void helm_lint_strict_passes() {
        var result = HelmChart.lintStrict();

        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal.yaml", "pilot.yaml", "gitops.yaml", "ha.yaml"})
    void every_values_file_renders_into_kubernetes_objects(String values) {
        var chart = HelmChart.template(values);

        assertThat(chart.kinds()).contains("Deployment", "Service", "ServiceAccount", "ClusterRole",
                "ClusterRoleBinding", "ConfigMap");
        assertThat(chart.objects()).allSatisfy(o -> {
            assertThat(o.getMetadata().getName()).isNotBlank();
            assertThat(o.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE);
        });
    }

    @Test
    void the_pilot_gets_ingress_with_tls_servicemonitor_and_networkpolicy() {
        var chart = HelmChart.template("pilot.yaml");

        Ingress ingress = chart.one(Ingress.class);
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getHosts()).containsExactly("nova.example.com");
            assertThat(tls.getSecretName()).isEqualTo("nova-platform-tls");
        });
        assertThat(ingress.getSpec().getRules().getFirst().getHttp().getPaths().getFirst().getBackend().getService()
                .getName()).isEqualTo(chart.one(Service.class).getMetadata().getName());
        var monitor = chart.generic("ServiceMonitor");
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        NetworkPolicy policy = chart.one(NetworkPolicy.class);
        assertThat(policy.getSpec().getIngress().getFirst().getFrom()).hasSize(3);
        assertThat(policy.getSpec().getIngress().getFirst().getPorts().getFirst().getPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void the_pilots_tool_routes_reach_the_platform_as_its_route_settings() {
        var chart = HelmChart.template("pilot.yaml");

        assertThat(chart.env("NOVA_RECONCILE_ROUTES_INGRESSCLASSNAME")).isEqualTo("nginx");
        assertThat(chart.env("NOVA_RECONCILE_ROUTES_CLUSTERISSUER")).isEqualTo("letsencrypt");
        assertThat(chart.env("NOVA_RECONCILE_ROUTES_ANNOTATIONS"))
                .isEqualTo("{\"nginx.ingress.kubernetes.io/proxy-body-size\":\"0\"}");
        assertThat(chart.env("NOVA_RECONCILE_ROUTES_ISSUER")).isNull();
    }

    @Test
    void gateway_routes_name_their_gateway() {
        var chart = HelmChart.template(List.of("minimal.yaml"), "tools.routes.mode=GATEWAY",
                "tools.routes.gateway.name=nova", "tools.routes.gateway.namespace=gateway-system",
                "tools.routes.gateway.sectionName=https");

        assertThat(chart.env("NOVA_RECONCILE_ROUTES_MODE")).isEqualTo("GATEWAY");
        assertThat(chart.env("NOVA_RECONCILE_ROUTES_GATEWAY_NAME")).isEqualTo("nova");
        assertThat(chart.env("NOVA_RECONCILE_ROUTES_GATEWAY_NAMESPACE")).isEqualTo("gateway-system");
        assertThat(chart.env("NOVA_RECONCILE_ROUTES_GATEWAY_SECTIONNAME")).isEqualTo("https");
    }

    @Test
    void the_minimal_install_has_no_optional_objects() {
        var chart = HelmChart.template("minimal.yaml");

        assertThat(chart.kinds()).doesNotContain("Ingress", "ServiceMonitor", "NetworkPolicy", "PersistentVolumeClaim",
                "Secret");
        assertThat(chart.env("NOVA_DELIVERY_MODE")).isEqualTo("DIRECT");
        assertThat(chart.env("NOVA_VAULT_URI")).isNull();
    }

    @Test
    void gitops_mode_names_the_repository_and_keeps_the_working_clone_on_a_volume() {
        var chart = HelmChart.template("gitops.yaml");

        assertThat(chart.env("NOVA_DELIVERY_MODE")).isEqualTo("GITOPS");
        assertThat(chart.env("NOVA_GITOPS_URL")).isEqualTo("https://git.example.com/platform/fleet.git");
        assertThat(chart.env("NOVA_GITOPS_BRANCH")).isEqualTo("main");
        assertThat(chart.kinds()).contains("PersistentVolumeClaim");
        assertThat(chart.deployment().getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(chart.deployment().getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(v -> v.getName().equals("data")).singleElement()
                .satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).endsWith("-data"));
    }

    @Test
    void the_dashboard_configmap_is_picked_up_by_grafana_and_shows_gpus_next_to_the_platform() {
        var dashboard = HelmChart.template("minimal.yaml").all(ConfigMap.class)
                .stream().filter(c -> c.getMetadata().getName().endsWith("-dashboard")).findFirst().orElseThrow();

        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getData().get("nova-platform.json"))
                .contains("DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_FB_USED", "http_server_requests_seconds_count");
    }

    @Test
    void the_chart_ships_the_crds_the_build_generates() throws IOException {
        try (Stream<Path> committed = Files.list(HelmChart.CHART.resolve("crds"))) {
            var files = committed.toList();
            assertThat(files).extracting(p -> p.getFileName().toString())
                    .containsExactlyInAnyOrder("mlclusters.ml.nova.io-v1.yml", "mlinfrastructures.ml.nova.io-v1.yml");
            for (Path file : files) {
                var generated = getClass().getResourceAsStream("/META-INF/fabric8/" + file.getFileName());
                assertThat(generated).as("generated by platform-k8s: " + file.getFileName()).isNotNull();
                try (generated) {
                    assertThat(Files.readString(file)).isEqualTo(new String(generated.readAllBytes(),
                            StandardCharsets.UTF_8));
                }
            }
        }
    }
}
