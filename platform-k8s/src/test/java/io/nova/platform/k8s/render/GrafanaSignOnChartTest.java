package io.nova.platform.k8s.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nova.platform.core.identity.VaultNames;
import io.nova.platform.k8s.render.tool.PlatformGroups;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Grafana of the cluster's monitoring stack logs the platform's admins and viewers in through StarVault: the
 * platform's HelmRelease values rendered through the real kube-prometheus-stack chart (with its grafana subchart) by
 * real Helm (helm-java), and the Secret its pod reads delivered by the platform in its namespace. Helm's lookups go to
 * a stub API ({@link StubKubeApi}); no Kubernetes is involved.
 */
class GrafanaSignOnChartTest {

    private static final String ISSUER = "https://vault.example.com/v1/identity/oidc/provider/nova";
    private static final String MODULE = "kube-prometheus-stack";
    private static final String SECRET = "nova-oidc-" + MODULE;
    private static final RenderSettings SETTINGS = RenderSettings.defaults().withOidc(ISSUER, null)
            .withPlatformGroups(new PlatformGroups(List.of("ops", "platform-admins"), List.of("sre-readers")));

    private static Path chart;
    private static StubKubeApi api;

    @BeforeAll
    static void startStubApi() {
        chart = ReferenceCharts.dir().map(dir -> dir.resolve(MODULE)).orElse(null);
        assumeTrue(chart != null, "no reference charts (../shared/reference/charts): set -Dnova.reference.dir or "
                + "NOVA_REFERENCE_DIR to a shared/reference folder");
        api = StubKubeApi.start().orElse(null);
    }

    @AfterAll
    static void stopStubApi() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void grafana_logs_in_through_the_providers_browser_endpoint_with_roles_from_the_platforms_groups() {
        assumeTrue(api != null, "no stub Kubernetes API for Helm's lookup calls (see StubKubeApi)");
        List<Map<String, Object>> objects = renderChart(new ClusterRenderer(SETTINGS).render(
                DesiredStates.gitops().module(null, MODULE).build()));

        String ini = grafanaIni(objects);

        assertThat(section(ini, "server")).contains("root_url = https://grafana-lab.example.com");
        assertThat(section(ini, "auth.generic_oauth"))
                .contains("enabled = true")
                .contains("auth_url = https://vault.example.com/ui/identity/oidc/provider/nova/authorize")
                .contains("token_url = " + ISSUER + "/token")
                .contains("api_url = " + ISSUER + "/userinfo")
                .contains("scopes = openid groups")
                .contains("allowed_groups = ops,platform-admins,sre-readers")
                .contains("role_attribute_path = contains(groups[*], 'ops') && 'Admin' || contains(groups[*], "
                        + "'platform-admins') && 'Admin' || contains(groups[*], 'sre-readers') && 'Viewer'")
                .contains("role_attribute_strict = true")
                .doesNotContain("client_secret", "client_id");
        assertThat(String.valueOf(TenantChartsRenderTest.nested(grafana(objects), "spec", "template", "spec",
                "containers")))
                .contains("name=GF_AUTH_GENERIC_OAUTH_CLIENT_ID, valueFrom={secretKeyRef={key=client-id, name="
                        + SECRET + "}}")
                .contains("name=GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET, valueFrom={secretKeyRef={key=client-secret, "
                        + "name=" + SECRET + "}}");
    }

    @Test
    void the_client_grafana_reads_is_delivered_in_its_namespace_from_the_clusters_path_only() {
        List<HasMetadata> platform = new ClusterRenderer(SETTINGS).render(
                DesiredStates.gitops().module(null, MODULE).build());
        List<Map<String, Object>> monitoring = ToolChartsRenderTest.asMaps(platform.stream()
                .filter(o -> "monitoring".equals(o.getMetadata().getNamespace())).toList());

        Map<String, Object> external = monitoring.stream().filter(o -> "ExternalSecret".equals(o.get("kind")))
                .findFirst().orElseThrow();
        assertThat(TenantChartsRenderTest.name(external)).isEqualTo(SECRET);
        assertThat(String.valueOf(external.get("spec"))).contains("key=clusters/lab/oidc/" + MODULE)
                .doesNotContain("tenants/");
        Map<String, Object> store = monitoring.stream().filter(o -> "SecretStore".equals(o.get("kind")))
                .findFirst().orElseThrow();
        assertThat(TenantChartsRenderTest.nested(store, "spec", "provider", "vault", "auth", "kubernetes"))
                .isEqualTo(Map.of("mountPath", "kubernetes", "role", VaultNames.clusterToolName("lab", MODULE),
                        "serviceAccountRef", Map.of("name", VaultNames.SECRET_STORE_SERVICE_ACCOUNT)));
        assertThat(monitoring).filteredOn(o -> "ServiceAccount".equals(o.get("kind")))
                .extracting(TenantChartsRenderTest::name).containsExactly(VaultNames.SECRET_STORE_SERVICE_ACCOUNT);
        assertThat(platform).as("Flux applies nothing while an object names a missing namespace")
                .anyMatch(o -> o.getKind().equals("Namespace") && o.getMetadata().getName().equals("monitoring"));
        assumeTrue(api != null, "no stub Kubernetes API for Helm's lookup calls (see StubKubeApi)");
        List<Map<String, Object>> chartObjects = renderChart(platform);
        assertThat(PodSecretReferences.renderedBy(chartObjects).andDeliveredBy(monitoring)
                .unsatisfied(PodSecretReferences.of(chartObjects))).extracting(PodSecretReferences.Reference::secret)
                .isSubsetOf(TenantChartsRenderTest.CREATED_AT_INSTALL);
    }

    @Test
    void an_admins_own_grafana_settings_cannot_change_how_people_log_in() {
        assumeTrue(api != null, "no stub Kubernetes API for Helm's lookup calls (see StubKubeApi)");
        Map<String, Object> own = Map.of("grafana", Map.of(
                "env", Map.of("GF_AUTH_GENERIC_OAUTH_AUTH_URL", "https://evil.example.com/authorize",
                        "gf_server_root_url", "https://evil.example.com", "GF_LOG_LEVEL", "debug"),
                "grafana.ini", Map.of("auth.generic_oauth", Map.of("role_attribute_path", "'Admin'",
                        "auto_login", true))));
        List<Map<String, Object>> objects = renderChart(new ClusterRenderer(SETTINGS).render(
                DesiredStates.gitops().module(null, MODULE, true, own).build()));

        String containers = String.valueOf(TenantChartsRenderTest.nested(grafana(objects), "spec", "template", "spec",
                "containers"));
        assertThat(containers).contains("name=GF_LOG_LEVEL, value=debug").doesNotContain("evil.example.com");
        assertThat(section(grafanaIni(objects), "auth.generic_oauth"))
                .contains("role_attribute_path = contains(groups[*], 'ops') && 'Admin'")
                .contains("auto_login = true");
    }

    @Test
    void without_vault_grafana_keeps_its_own_login_and_nothing_is_delivered() {
        assumeTrue(api != null, "no stub Kubernetes API for Helm's lookup calls (see StubKubeApi)");
        List<HasMetadata> platform = new ClusterRenderer(SETTINGS.withVaultSecrets(false)).render(
                DesiredStates.gitops().module(null, MODULE).build());

        assertThat(platform).extracting(HasMetadata::getKind).doesNotContain("ExternalSecret", "SecretStore");
        List<Map<String, Object>> objects = renderChart(platform);
        assertThat(grafanaIni(objects)).doesNotContain("generic_oauth");
        assertThat(PodSecretReferences.renderedBy(objects).unsatisfied(PodSecretReferences.of(objects)))
                .extracting(PodSecretReferences.Reference::secret).isSubsetOf(TenantChartsRenderTest.CREATED_AT_INSTALL);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> renderChart(List<HasMetadata> platform) {
        HasMetadata release = platform.stream().filter(o -> o.getKind().equals("HelmRelease")
                && o.getMetadata().getName().equals(MODULE)).findFirst().orElseThrow();
        var spec = (Map<String, Object>) ((GenericKubernetesResource) release).getAdditionalProperties().get("spec");
        return ReferenceCharts.render(chart, MODULE, "monitoring", TenantChartsRenderTest.values(spec));
    }

    private static String grafanaIni(List<Map<String, Object>> objects) {
        return objects.stream().filter(o -> "ConfigMap".equals(o.get("kind"))
                        && o.get("data") instanceof Map<?, ?> data && data.containsKey("grafana.ini"))
                .map(o -> String.valueOf(((Map<?, ?>) o.get("data")).get("grafana.ini")))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap with grafana.ini"));
    }

    private static Map<String, Object> grafana(List<Map<String, Object>> objects) {
        return objects.stream().filter(o -> "Deployment".equals(o.get("kind"))
                        && TenantChartsRenderTest.name(o).endsWith("-grafana"))
                .findFirst().orElseThrow(() -> new AssertionError("no Grafana Deployment"));
    }

    /** The lines of one {@code [section]} of an ini file. */
    private static String section(String ini, String name) {
        int start = ini.indexOf("[" + name + "]");
        assertThat(start).as("section [%s] in%n%s", name, ini).isNotNegative();
        int end = ini.indexOf("\n[", start + 1);
        return end < 0 ? ini.substring(start) : ini.substring(start, end);
    }
}
