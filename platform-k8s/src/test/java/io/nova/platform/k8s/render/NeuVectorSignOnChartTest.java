package io.nova.platform.k8s.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nova.platform.k8s.render.tool.PlatformGroups;
import io.nova.platform.k8s.schema.UpstreamSchemas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * NeuVector logs the platform's admins and viewers in through StarVault: its controller reads the OpenID Connect
 * init file from the Secret the platform's secret store renders. The platform's objects are checked against the
 * upstream External Secrets CRD; the chart is the real neuvector-helm {@code core} chart rendered by real Helm
 * (helm-java), Helm's lookups going to a stub API ({@link StubKubeApi}). The External Secrets Operator's template
 * engine is stood in for by replacing the two placeholders the way its {@code toJson} would.
 */
class NeuVectorSignOnChartTest {

    private static final String ISSUER = "https://vault.example.com/v1/identity/oidc/provider/nova";
    private static final String MODULE = "neuvector";
    private static final RenderSettings SETTINGS = RenderSettings.defaults().withOidc(ISSUER, null)
            .withPlatformGroups(new PlatformGroups(List.of("ops"), List.of("sre-readers", "ops")));
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private static Path chart;
    private static StubKubeApi api;

    @BeforeAll
    static void startStubApi() {
        chart = ReferenceCharts.dir().map(dir -> dir.resolve("neuvector-core")).orElse(null);
        api = chart == null ? null : StubKubeApi.start().orElse(null);
    }

    @AfterAll
    static void stopStubApi() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void the_secret_store_renders_neuvectors_oidc_init_file_from_the_clusters_client() {
        List<Map<String, Object>> neuvector = platformObjectsIn(SETTINGS, "neuvector");

        Map<String, Object> external = neuvector.stream().filter(o -> "ExternalSecret".equals(o.get("kind"))
                && "neuvector-secret".equals(TenantChartsRenderTest.name(o))).findFirst().orElseThrow();
        UpstreamSchemas.assertValid(external);
        assertThat(String.valueOf(external.get("spec"))).contains("key=clusters/lab/oidc/neuvector")
                .doesNotContain("tenants/");
        String template = String.valueOf(TenantChartsRenderTest.nested(external, "spec", "target", "template", "data",
                "oidcinitcfg.yaml"));

        Map<String, Object> init = YAML.readValue(template
                .replace("{{ .client_id | toJson }}", "\"client id\"")
                .replace("{{ .client_secret | toJson }}", "\"s3cr\\\"et\""), new TypeReference<>() {
                });

        assertThat(init).containsEntry("issuer", ISSUER).containsEntry("client_id", "client id")
                .containsEntry("client_secret", "s3cr\"et").containsEntry("enable", true)
                .containsEntry("always_reload", true).containsEntry("group_claim", "groups")
                .containsEntry("scopes", List.of("openid", "groups")).containsEntry("default_role", "");
        assertThat(init.get("group_mapped_roles")).isEqualTo(List.of(
                Map.of("group", "ops", "global_role", "admin"),
                Map.of("group", "sre-readers", "global_role", "reader")));
    }

    @Test
    void neuvectors_controller_reads_the_delivered_init_secret_and_no_value_holds_the_client() {
        assumeTrue(api != null, "no reference charts or stub Kubernetes API (see StubKubeApi)");
        List<HasMetadata> platform = new ClusterRenderer(SETTINGS).render(
                DesiredStates.gitops().module(null, MODULE).build());

        List<Map<String, Object>> objects = renderChart(platform);

        Map<String, Object> controller = objects.stream().filter(o -> "Deployment".equals(o.get("kind"))
                && "neuvector-controller-pod".equals(TenantChartsRenderTest.name(o))).findFirst().orElseThrow();
        assertThat(String.valueOf(TenantChartsRenderTest.nested(controller, "spec", "template", "spec", "volumes")))
                .contains("secret={name=neuvector-secret, optional=true}");
        assertThat(String.valueOf(release(platform).getAdditionalProperties().get("spec")))
                .doesNotContain("oidcinitcfg", "client_secret");
    }

    @Test
    void an_admins_own_oidc_init_file_is_dropped_while_the_platform_signs_neuvector_on() {
        Map<String, Object> own = Map.of("controller", Map.of("secret", Map.of("enabled", true, "data", Map.of(
                "oidcinitcfg.yaml", Map.of("issuer", "https://evil.example.com"),
                "sysinitcfg.yaml", Map.of("Cluster_Name", "lab")))));

        String spec = String.valueOf(release(new ClusterRenderer(SETTINGS).render(
                DesiredStates.gitops().module(null, MODULE, true, own).build())).getAdditionalProperties().get("spec"));
        assertThat(spec).doesNotContain("evil.example.com").contains("sysinitcfg.yaml");

        String withoutVault = String.valueOf(release(new ClusterRenderer(SETTINGS.withVaultSecrets(false)).render(
                DesiredStates.gitops().module(null, MODULE, true, own).build())).getAdditionalProperties().get("spec"));
        assertThat(withoutVault).as("without the platform's sign-on the admin's own stays").contains("evil.example.com");
        assertThat(platformObjectsIn(SETTINGS.withVaultSecrets(false), "neuvector"))
                .noneMatch(o -> "ExternalSecret".equals(o.get("kind")));
    }

    private static List<Map<String, Object>> platformObjectsIn(RenderSettings settings, String namespace) {
        return ToolChartsRenderTest.asMaps(new ClusterRenderer(settings).render(DesiredStates.gitops()
                .module(null, MODULE).build()).stream()
                .filter(o -> namespace.equals(o.getMetadata().getNamespace())).toList());
    }

    private static GenericKubernetesResource release(List<HasMetadata> platform) {
        return (GenericKubernetesResource) platform.stream().filter(o -> o.getKind().equals("HelmRelease")
                && o.getMetadata().getName().equals(MODULE)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> renderChart(List<HasMetadata> platform) {
        var spec = (Map<String, Object>) release(platform).getAdditionalProperties().get("spec");
        return ReferenceCharts.render(chart, MODULE, "neuvector", TenantChartsRenderTest.values(spec));
    }
}
