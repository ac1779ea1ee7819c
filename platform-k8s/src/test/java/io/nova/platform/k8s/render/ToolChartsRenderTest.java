package io.nova.platform.k8s.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nova.platform.core.gpu.GpuSharing;
import io.nova.platform.core.identity.VaultNames;
import io.nova.platform.core.module.ModuleDefinition;
import io.nova.platform.core.module.ModuleScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A tenant with every tool, a GPU quota and single sign-on, rendered by the platform and then through the tools' real
 * upstream charts with real Helm (helm-java; the charts of {@code ../shared/reference/charts}): every Secret a pod of
 * a tool reads is rendered by the chart or delivered by the platform under exactly that name and key, and the logins
 * land where the tools read them. Kubernetes is not involved: Helm's lookups go to a stub API ({@link StubKubeApi}).
 */
class ToolChartsRenderTest {

    static final String TENANT = "team-a";
    static final String NAMESPACE = "nova-team-a";
    private static final String ISSUER = "https://vault.example.com/v1/identity/oidc/provider/nova";
    private static final RenderSettings SETTINGS = RenderSettings.defaults().withOidc(ISSUER, null);
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static Path charts;
    private static StubKubeApi api;

    /** A tenant with owners and members, every tenant tool on, and four A100s of quota on pool a100. */
    static DesiredStates everyTool() {
        var state = DesiredStates.gitops().pool("a100", "A100-80GB", 2, 8, GpuSharing.exclusive())
                .module(null, "kuberay-operator").module(null, "kserve-crd").module(null, "kserve-controller")
                .tenant(TENANT, "team-a-owners").members(TENANT, "team-a-users")
                .quota(TENANT, "a100", "nvidia.com/gpu", 2, 4);
        DesiredStates.MODULES.byScope(ModuleScope.TENANT).forEach(module -> state.module(TENANT, module.key()));
        return state;
    }

    @BeforeAll
    static void startStubApi() {
        charts = ReferenceCharts.dir().orElse(null);
        assumeTrue(charts != null, "no reference charts (../shared/reference/charts): set -Dnova.reference.dir or "
                + "NOVA_REFERENCE_DIR to a shared/reference folder to render the tools' charts");
        api = StubKubeApi.start().orElse(null);
    }

    @AfterAll
    static void stopStubApi() {
        if (api != null) {
            api.close();
        }
    }

    static Stream<String> tenantCharts() {
        return DesiredStates.MODULES.byScope(ModuleScope.TENANT).stream().filter(ModuleDefinition::hasChart)
                .map(ModuleDefinition::key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantCharts")
    void every_secret_a_tool_reads_is_rendered_by_its_chart_or_delivered_by_the_platform(String key) {
        assumeTrue(api != null, "no stub Kubernetes API for Helm's lookup calls (see StubKubeApi)");
        List<HasMetadata> platform = new ClusterRenderer(SETTINGS).render(everyTool().build());

        List<Map<String, Object>> chart = renderChart(platform, key);

        List<PodSecretReferences.Reference> references = PodSecretReferences.of(chart);
        assertThat(references).as("%s's pods read Secrets", key).isNotEmpty();
        assertThat(PodSecretReferences.renderedBy(chart).andDeliveredBy(asMaps(platform)).unsatisfied(references))
                .as("Secrets (or keys) %s's pods read that neither its chart renders nor the platform delivers", key)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantCharts")
    void every_config_map_a_tool_reads_is_rendered_by_its_chart(String key) {
        assumeTrue(api != null, "no stub Kubernetes API for Helm's lookup calls (see StubKubeApi)");
        List<Map<String, Object>> chart = renderChart(new ClusterRenderer(SETTINGS).render(everyTool().build()), key);

        var configMaps = new java.util.HashMap<String, java.util.Set<String>>();
        chart.stream().filter(o -> "ConfigMap".equals(o.get("kind"))).forEach(o -> configMaps.put(
                TenantChartsRenderTest.name(o), o.get("data") instanceof Map<?, ?> data
                        ? data.keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet())
                        : java.util.Set.of()));
        var missing = new java.util.ArrayList<String>();
        for (String reference : configMapReferences(chart)) {
            String[] parts = reference.split("#", 2);
            java.util.Set<String> keys = configMaps.get(parts[0]);
            if (keys == null || parts.length == 2 && !keys.contains(parts[1])) {
                missing.add(reference);
            }
        }
        assertThat(missing).as("ConfigMaps (#key) %s's pods read that its chart does not render", key).isEmpty();
    }

    /** {@code name} or {@code name#key} of every non-optional ConfigMap a pod template of the manifest reads. */
    @SuppressWarnings("unchecked")
    private static List<String> configMapReferences(List<Map<String, Object>> objects) {
        var references = new java.util.ArrayList<String>();
        for (Map<String, Object> object : objects) {
            Object pod = switch (String.valueOf(object.get("kind"))) {
                case "Deployment", "StatefulSet", "DaemonSet", "Job" ->
                        TenantChartsRenderTest.nested(object, "spec", "template", "spec");
                case "CronJob" -> TenantChartsRenderTest.nested(object, "spec", "jobTemplate", "spec", "template",
                        "spec");
                default -> null;
            };
            if (!(pod instanceof Map<?, ?> podSpec)) {
                continue;
            }
            var spec = (Map<String, Object>) podSpec;
            for (String field : List.of("containers", "initContainers")) {
                for (Map<String, Object> container : (List<Map<String, Object>>) spec.getOrDefault(field, List.of())) {
                    for (Map<String, Object> env : (List<Map<String, Object>>) container.getOrDefault("env",
                            List.of())) {
                        if (TenantChartsRenderTest.nested(env, "valueFrom", "configMapKeyRef") instanceof Map<?, ?> ref
                                && !Boolean.TRUE.equals(ref.get("optional"))) {
                            references.add(ref.get("name") + "#" + ref.get("key"));
                        }
                    }
                    for (Map<String, Object> from : (List<Map<String, Object>>) container.getOrDefault("envFrom",
                            List.of())) {
                        if (from.get("configMapRef") instanceof Map<?, ?> ref && !Boolean.TRUE.equals(ref.get("optional"))) {
                            references.add(String.valueOf(ref.get("name")));
                        }
                    }
                }
            }
            for (Map<String, Object> volume : (List<Map<String, Object>>) spec.getOrDefault("volumes", List.of())) {
                if (volume.get("configMap") instanceof Map<?, ?> ref && !Boolean.TRUE.equals(ref.get("optional"))) {
                    references.add(String.valueOf(ref.get("name")));
                }
                if (TenantChartsRenderTest.nested(volume, "projected", "sources") instanceof List<?> sources) {
                    sources.stream().filter(source -> source instanceof Map<?, ?> m && m.get("configMap") instanceof Map<?, ?>)
                            .map(source -> (Map<?, ?>) ((Map<?, ?>) source).get("configMap"))
                            .filter(ref -> !Boolean.TRUE.equals(ref.get("optional")))
                            .forEach(ref -> references.add(String.valueOf(ref.get("name"))));
                }
            }
        }
        return references;
    }

    @Test
    void the_secret_store_logs_in_as_the_tenants_role_and_reads_only_the_tenants_paths() {
        List<Map<String, Object>> platform = asMaps(new ClusterRenderer(SETTINGS).render(everyTool().build()));

        Map<String, Object> store = only(platform, "SecretStore");
        assertThat(TenantChartsRenderTest.nested(store, "spec", "provider", "vault", "auth", "kubernetes"))
                .isEqualTo(Map.of("mountPath", "kubernetes", "role", VaultNames.secretStoreRole(TENANT),
                        "serviceAccountRef", Map.of("name", VaultNames.SECRET_STORE_SERVICE_ACCOUNT)));
        assertThat(platform).filteredOn(o -> "ExternalSecret".equals(o.get("kind"))).isNotEmpty()
                .allSatisfy(external -> assertThat(String.valueOf(external.get("spec")))
                        .contains("key=tenants/" + TENANT + "/").doesNotContain("tenants/team-b"));
        assertThat(platform).filteredOn(o -> "ServiceAccount".equals(o.get("kind")))
                .extracting(TenantChartsRenderTest::name).contains(VaultNames.SECRET_STORE_SERVICE_ACCOUNT);
    }

    @Test
    void without_vault_no_secret_and_no_secret_store_is_rendered() {
        var settings = RenderSettings.defaults().withOidc(ISSUER, null).withVaultSecrets(false);

        List<HasMetadata> rendered = new ClusterRenderer(settings).render(everyTool().build());

        assertThat(rendered).extracting(HasMetadata::getKind).doesNotContain("Secret", "ExternalSecret",
                "SecretStore");
    }

    @Test
    void jupyterhub_sends_the_browser_to_the_providers_ui_and_admits_only_the_tenants_groups() {
        assumeTrue(api != null, "no stub Kubernetes API for Helm's lookup calls (see StubKubeApi)");
        List<Map<String, Object>> chart = renderChart(new ClusterRenderer(SETTINGS).render(everyTool().build()),
                "jupyterhub");

        // the hub reads its configuration from the values the chart puts into the Secret 'hub'
        Map<String, Object> hubSecret = chart.stream().filter(o -> "Secret".equals(o.get("kind"))
                && "hub".equals(TenantChartsRenderTest.name(o))).findFirst().orElseThrow();
        String config = new String(java.util.Base64.getDecoder().decode(String.valueOf(
                ((Map<?, ?>) hubSecret.get("data")).get("values.yaml"))));
        Map<String, Object> values = tools.jackson.dataformat.yaml.YAMLMapper.builder().build().readValue(config,
                new tools.jackson.core.type.TypeReference<Map<String, Object>>() {
                });
        Object authenticator = TenantChartsRenderTest.nested(values, "hub", "config", "GenericOAuthenticator");
        assertThat(authenticator).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("authorize_url",
                        "https://vault.example.com/ui/identity/oidc/provider/nova/authorize")
                .containsEntry("token_url", ISSUER + "/token")
                .containsEntry("userdata_url", ISSUER + "/userinfo")
                .containsEntry("oauth_callback_url", "https://jupyter-team-a.example.com/hub/oauth_callback")
                .containsEntry("allowed_groups", List.of("team-a-owners", "team-a-users"))
                .containsEntry("admin_groups", List.of("team-a-owners"));
        assertThat(TenantChartsRenderTest.nested(values, "hub", "config", "JupyterHub", "authenticator_class"))
                .isEqualTo("generic-oauth");
        Map<String, Object> hub = chart.stream().filter(o -> "Deployment".equals(o.get("kind"))
                && "hub".equals(TenantChartsRenderTest.name(o))).findFirst().orElseThrow();
        assertThat(String.valueOf(TenantChartsRenderTest.nested(hub, "spec", "template", "spec", "containers")))
                .contains("name=OAUTH_CLIENT_ID, valueFrom={secretKeyRef={key=client-id, name=nova-oidc-jupyterhub}}");
    }

    @Test
    void notebooks_get_a_cpu_profile_and_a_gpu_profile_per_pool_the_tenant_has_quota_on() {
        Map<String, Object> values = releaseValues(new ClusterRenderer(SETTINGS).render(everyTool().build()),
                "jupyterhub");

        @SuppressWarnings("unchecked")
        var profiles = (List<Map<String, Object>>) TenantChartsRenderTest.nested(values, "singleuser", "profileList");
        assertThat(profiles).extracting(p -> p.get("slug")).containsExactly("cpu", "a100-gpu");
        Map<String, Object> gpu = profiles.get(1);
        assertThat(TenantChartsRenderTest.nested(gpu, "kubespawner_override", "tolerations")).isEqualTo(
                List.of(Map.of("key", PoolPlacement.TAINT, "operator", "Equal", "value", "a100", "effect",
                        "NoSchedule")));
        assertThat(TenantChartsRenderTest.nested(gpu, "kubespawner_override", "node_selector"))
                .isEqualTo(Map.of("nvidia.com/gpu.product", "NVIDIA-A100-SXM4-80GB"));
        @SuppressWarnings("unchecked")
        var choices = (Map<String, Object>) TenantChartsRenderTest.nested(gpu, "profile_options", "gpus", "choices");
        assertThat(choices).containsOnlyKeys("1", "2", "3", "4");
        assertThat(TenantChartsRenderTest.nested((Map<String, Object>) choices.get("4"), "kubespawner_override",
                "extra_resource_limits")).isEqualTo(Map.of("nvidia.com/gpu", "4"));
    }

    @Test
    void where_kueue_runs_gpu_notebooks_wait_in_the_tenants_queue_as_interactive_work() {
        List<HasMetadata> platform = new ClusterRenderer(SETTINGS).render(everyTool().module(null, "kueue").build());
        Map<String, Object> values = releaseValues(platform, "jupyterhub");

        @SuppressWarnings("unchecked")
        var profiles = (List<Map<String, Object>>) TenantChartsRenderTest.nested(values, "singleuser", "profileList");
        assertThat(TenantChartsRenderTest.nested(profiles.get(1), "kubespawner_override", "extra_labels"))
                .isEqualTo(Map.of("kueue.x-k8s.io/queue-name", "nova",
                        "kueue.x-k8s.io/priority-class", "nova-interactive"));
        assertThat(profiles.getFirst()).as("a CPU notebook is not Kueue's").doesNotContainKey("kubespawner_override");
        Map<String, Object> hubSecret = renderChart(platform, "jupyterhub").stream()
                .filter(o -> "Secret".equals(o.get("kind")) && "hub".equals(TenantChartsRenderTest.name(o)))
                .findFirst().orElseThrow();
        String hubValues = new String(java.util.Base64.getDecoder().decode(String.valueOf(
                TenantChartsRenderTest.nested(hubSecret, "data", "values.yaml"))), StandardCharsets.UTF_8);
        assertThat(hubValues).as("the values the hub reads, through the real chart")
                .contains("kueue.x-k8s.io/queue-name: nova", "kueue.x-k8s.io/priority-class: nova-interactive");
        assertThat(TenantChartsRenderTest.nested(releaseValues(new ClusterRenderer(SETTINGS)
                .render(everyTool().build()), "jupyterhub"), "singleuser", "profileList").toString())
                .as("without Kueue no queue label").doesNotContain("kueue.x-k8s.io");
    }

    @Test
    void a_tenant_without_gpu_quota_gets_no_profiles() {
        var state = DesiredStates.gitops().tenant(TENANT, "team-a-owners").module(TENANT, "jupyterhub").build();

        Map<String, Object> values = releaseValues(new ClusterRenderer(SETTINGS).render(state), "jupyterhub");

        assertThat(TenantChartsRenderTest.nested(values, "singleuser", "profileList")).isNull();
    }

    private static List<Map<String, Object>> renderChart(List<HasMetadata> platform, String key) {
        Path chart = charts.resolve(key);
        assumeTrue(chart.toFile().isDirectory(), "no reference chart for " + key);
        return ReferenceCharts.render(chart, key, NAMESPACE, releaseValues(platform, key));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> releaseValues(List<HasMetadata> platform, String key) {
        HasMetadata release = platform.stream().filter(o -> o.getKind().equals("HelmRelease")
                && o.getMetadata().getName().equals(key) && NAMESPACE.equals(o.getMetadata().getNamespace()))
                .findFirst().orElseThrow();
        var spec = (Map<String, Object>) ((GenericKubernetesResource) release).getAdditionalProperties().get("spec");
        return (Map<String, Object>) spec.getOrDefault("values", Map.of());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> asMaps(List<HasMetadata> objects) {
        return objects.stream().map(o -> (Map<String, Object>) SERIALIZATION.convertValue(o, Map.class)).toList();
    }

    private static Map<String, Object> only(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).reduce((a, b) -> {
            throw new AssertionError("more than one " + kind);
        }).orElseThrow(() -> new AssertionError("no " + kind));
    }
}
