package io.nova.platform.core.module;

import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.module.integration.CredentialKey;
import io.nova.platform.core.module.integration.CredentialKind;
import io.nova.platform.core.module.integration.GeneratedCredential;
import io.nova.platform.core.module.integration.SignOn;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModuleCatalogTest {

    private static final List<String> TENANT_MODULES =
            List.of("jupyterhub", "mlflow", "airflow", "minio", "kserve", "kuberay", "vllm", "code-server");
    private static final List<String> CLUSTER_MODULES =
            List.of("gpu-operator", "node-feature-discovery", "kube-prometheus-stack", "neuvector", "kuberay-operator",
                    "kserve-crd", "kserve-controller", "kueue", "lws", "external-secrets");

    private final ModuleCatalog shipped = ModuleCatalog.loadDefault();

    @Test
    void ships_the_eighteen_modules_with_their_scopes() {
        assertThat(shipped.byScope(ModuleScope.TENANT)).extracting(ModuleDefinition::key)
                .containsExactlyElementsOf(TENANT_MODULES);
        assertThat(shipped.byScope(ModuleScope.CLUSTER)).extracting(ModuleDefinition::key)
                .containsExactlyElementsOf(CLUSTER_MODULES);
        assertThat(shipped.all()).hasSize(18);
    }

    @Test
    void kuberay_and_kserve_are_cluster_components_that_tenants_only_use() {
        assertThat(shipped.find("kuberay")).get().satisfies(module -> {
            assertThat(module.hasChart()).isFalse();
            assertThat(module.components()).containsExactly("kuberay-operator");
            assertThat(module.valueKeys()).isEmpty();
            assertThat(module.supportedVersions()).containsExactly(ModuleDefinition.NO_CHART_VERSION);
        });
        assertThat(shipped.find("kserve")).get().satisfies(module -> {
            assertThat(module.hasChart()).isFalse();
            assertThat(module.components()).containsExactly("kserve-controller");
        });
        assertThat(shipped.find("kuberay-operator").orElseThrow().defaultValues())
                .containsEntry("singleNamespaceInstall", false);
        assertThat(shipped.find("kserve-controller").orElseThrow().dependencies()).containsExactly("kserve-crd");
    }

    @Test
    void rejects_a_chartless_module_that_is_not_a_tenant_module_using_a_cluster_component() {
        var file = yaml("""
                modules:
                  - key: ray
                    name: Ray
                    description: Uses nothing.
                    scope: TENANT
                  - key: op
                    name: Operator
                    description: A tenant module used as a component.
                    scope: TENANT
                    chart: {type: HELM, url: https://example.com/, chart: op}
                    defaultVersion: "1.0.0"
                    supportedVersions: ["1.0.0"]
                    valueKeys: [image]
                  - key: serve
                    name: Serve
                    description: Uses a tenant module.
                    scope: TENANT
                    components: [op, nope]
                """);

        assertThatThrownBy(() -> ModuleCatalog.load(List.of(file)))
                .hasMessageContaining("module 'ray' has no chart; only a tenant module that uses cluster components")
                .hasMessageContaining("module 'serve' uses 'op' as a cluster component, but 'op' is a TENANT module")
                .hasMessageContaining("module 'serve' uses unknown cluster component 'nope'");
    }

    @Test
    void rejects_a_tenancy_that_does_not_make_sense() {
        var file = yaml("""
                modules:
                  - key: tool
                    name: Tool
                    description: A tool.
                    scope: TENANT
                    chart: {type: HELM, url: https://example.com/, chart: tool}
                    defaultVersion: "1.0.0"
                    supportedVersions: ["1.0.0"]
                    valueKeys: [image]
                    tenancy:
                      tenantValues: [image.tag, resources]
                      podSecurity: privileged
                      uiPorts: [70000]
                      kubernetesApi: false
                      serviceAccounts: [Tool_SA]
                """);

        assertThatThrownBy(() -> ModuleCatalog.load(List.of(file)))
                .hasMessageContaining("pod security 'privileged'")
                .hasMessageContaining("port 70000")
                .hasMessageContaining("tenant value path 'resources', but 'resources' is not a value key")
                .hasMessageContaining("service account 'Tool_SA'");
    }

    @Test
    void every_shipped_module_is_complete() {
        assertThat(shipped.all()).filteredOn(ModuleDefinition::hasChart).allSatisfy(module -> {
            assertThat(module.name()).isNotBlank();
            assertThat(module.description()).isNotBlank();
            assertThat(module.chart().url()).isNotBlank();
            assertThat(module.chart().chart()).isNotBlank();
            assertThat(module.supportedVersions()).hasSizeBetween(1, 4).contains(module.defaultVersion());
            assertThat(module.supports(module.defaultVersion())).isTrue();
            assertThat(module.valueKeys()).containsAll(module.defaultValues().keySet());
        });
    }

    @Test
    void every_shipped_web_tool_has_a_route_and_a_login_or_says_why_not() {
        assertThat(shipped.all()).filteredOn(ModuleDefinition::webUi).allSatisfy(module -> {
            assertThat(module.integration().route()).as("%s's route", module.key()).isNotNull();
            SignOn signOn = module.integration().signOn();
            assertThat(signOn.needsClient() || signOn.note() != null).as("%s's sign-on", module.key()).isTrue();
        });
    }

    @Test
    void rejects_a_route_on_a_tool_without_web_ui_and_a_credential_two_tools_declare() throws Exception {
        var file = yaml("""
                modules:
                  - key: a
                    name: A
                    scope: TENANT
                    chart: {type: HELM, url: https://example.com/charts, chart: a}
                    defaultVersion: "1.0.0"
                    supportedVersions: ["1.0.0"]
                    valueKeys: [x]
                    integration:
                      route: {service: a, port: 80}
                      credentials:
                        - secret: shared
                          keys: [{key: password, kind: PASSWORD}]
                  - key: b
                    name: B
                    scope: TENANT
                    chart: {type: HELM, url: https://example.com/charts, chart: b}
                    defaultVersion: "1.0.0"
                    supportedVersions: ["1.0.0"]
                    valueKeys: [x]
                    integration:
                      credentials:
                        - secret: shared
                          keys: [{key: token, kind: HEX_KEY}]
                """);

        assertThatThrownBy(() -> ModuleCatalog.load(List.of(file)))
                .hasMessageContaining("module 'a' has a route but no web UI")
                .hasMessageContaining("generated credential 'shared' is declared by more than one module");
    }

    @Test
    void every_shipped_default_passes_the_values_validator() {
        var validator = new ModuleValuesValidator();

        assertThat(shipped.all()).allSatisfy(module ->
                assertThat(validator.validate(module, module.defaultValues())).as(module.key()).isEmpty());
    }

    @Test
    void modules_with_a_web_ui_are_the_ones_that_need_an_oidc_client() {
        assertThat(shipped.all()).filteredOn(ModuleDefinition::webUi).extracting(ModuleDefinition::key)
                .containsExactlyInAnyOrder("jupyterhub", "mlflow", "airflow", "minio", "code-server",
                        "kube-prometheus-stack", "neuvector");
        assertThat(shipped.all()).filteredOn(module -> !module.webUi())
                .allSatisfy(module -> assertThat(module.uiUrlPattern()).isNull());
    }

    @Test
    void cluster_modules_name_their_release_namespace_and_tenant_modules_do_not() {
        assertThat(shipped.byScope(ModuleScope.CLUSTER))
                .allSatisfy(module -> assertThat(module.releaseNamespace()).isNotBlank());
        assertThat(shipped.find("gpu-operator")).get()
                .extracting(ModuleDefinition::releaseNamespace).isEqualTo("gpu-operator");
        assertThat(shipped.byScope(ModuleScope.TENANT))
                .allSatisfy(module -> assertThat(module.releaseNamespace()).isNull());
    }

    @Test
    void shipped_dependencies_are_closed_and_acyclic() {
        assertThat(shipped.dependencyClosure("mlflow")).containsExactly("minio");
        assertThat(shipped.dependencyClosure("gpu-operator")).containsExactly("node-feature-discovery");
        assertThat(shipped.all()).allSatisfy(module -> {
            assertThat(shipped.dependencyClosure(module.key())).doesNotContain(module.key());
            module.dependencies().forEach(dependency ->
                    assertThat(shipped.find(dependency)).get().extracting(ModuleDefinition::scope)
                            .isEqualTo(module.scope()));
        });
    }

    @Test
    void gpu_operator_defaults_leave_node_feature_discovery_to_its_own_module() {
        var gpuOperator = shipped.find("gpu-operator").orElseThrow();

        assertThat(gpuOperator.defaultValues()).containsEntry("nfd", Map.of("enabled", false));
    }

    @Test
    void mlflow_gets_a_fixed_minio_user_and_a_database_credential() {
        var mlflow = shipped.find("mlflow").orElseThrow();

        assertThat(mlflow.generatedCredentials()).extracting(GeneratedCredential::secret)
                .containsExactly("mlflow-s3-credentials", "mlflow-postgresql");
        assertThat(mlflow.generatedCredentials().getFirst().keys()).first()
                .isEqualTo(new CredentialKey("AWS_ACCESS_KEY_ID", CredentialKind.FIXED, "mlflow"));
    }

    @Test
    void oci_charts_are_full_oci_references() {
        assertThat(shipped.all()).filteredOn(module -> module.hasChart() && module.chart().type() == ChartSourceType.OCI)
                .isNotEmpty()
                .allSatisfy(module -> assertThat(module.chart().url()).startsWith("oci://")
                        .endsWith("/" + module.chart().chart()));
    }

    @Test
    void shipped_default_values_cannot_be_changed_by_their_readers() {
        var jupyterhub = shipped.find("jupyterhub").orElseThrow();

        assertThatThrownBy(() -> jupyterhub.defaultValues().put("debug", Map.of()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void finds_modules_by_key() {
        assertThat(shipped.find("kuberay-operator")).get().extracting(module -> module.chart().chart())
                .isEqualTo("kuberay-operator");
        assertThat(shipped.find("nope")).isEmpty();
    }

    @Test
    void fills_the_ui_address_of_a_tenant_module() {
        var jupyterhub = shipped.find("jupyterhub").orElseThrow();

        assertThat(jupyterhub.uiUrl("team-a", "prod-1", "nova.example.com"))
                .isEqualTo("https://jupyter-team-a.nova.example.com");
    }

    @Test
    void fills_the_ui_address_of_a_cluster_module_without_a_tenant() {
        var grafana = shipped.find("kube-prometheus-stack").orElseThrow();

        assertThat(grafana.uiUrl(null, "prod-1", "nova.example.com"))
                .isEqualTo("https://grafana-prod-1.nova.example.com");
    }

    @Test
    void refuses_a_ui_address_without_the_tenant_its_pattern_needs() {
        var jupyterhub = shipped.find("jupyterhub").orElseThrow();

        assertThatThrownBy(() -> jupyterhub.uiUrl(null, "prod-1", "nova.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jupyterhub").hasMessageContaining("tenant");
    }

    @Test
    void a_module_without_web_ui_has_no_ui_address() {
        assertThat(shipped.find("kserve").orElseThrow().uiUrl("team-a", "prod-1", "nova.example.com")).isNull();
    }

    @Test
    void an_override_file_replaces_one_entry_in_place_and_adds_another() {
        var override = yaml("""
                modules:
                  - key: minio
                    name: MinIO (site build)
                    description: Pinned for the site.
                    scope: TENANT
                    chart: {type: OCI, url: oci://registry.example.com/charts/minio, chart: minio}
                    defaultVersion: "5.3.0"
                    supportedVersions: ["5.3.0"]
                    webUi: true
                    uiUrlPattern: https://s3-{tenant}.{domain}
                    valueKeys: [mode, replicas]
                  - key: label-studio
                    name: Label Studio
                    description: Data labelling.
                    scope: TENANT
                    chart: {type: HELM, url: https://charts.heartex.com/, chart: label-studio}
                    defaultVersion: "1.9.0"
                    supportedVersions: ["1.9.0", "1.8.0"]
                    dependencies: [minio]
                    webUi: true
                    uiUrlPattern: https://labels-{tenant}.{domain}
                    valueKeys: [global, app]
                """);

        var catalog = ModuleCatalog.load(List.of(new ClassPathResource("modules.yaml"), override));

        assertThat(catalog.all()).hasSize(19);
        assertThat(catalog.all().get(3)).satisfies(minio -> {
            assertThat(minio.key()).isEqualTo("minio");
            assertThat(minio.name()).isEqualTo("MinIO (site build)");
            assertThat(minio.chart()).isEqualTo(
                    new ChartSource(ChartSourceType.OCI, "oci://registry.example.com/charts/minio", "minio"));
            assertThat(minio.supportedVersions()).containsExactly("5.3.0");
            assertThat(minio.defaultValues()).isEmpty();
        });
        assertThat(catalog.all().getLast().key()).isEqualTo("label-studio");
        assertThat(catalog.dependencyClosure("label-studio")).containsExactly("minio");
        assertThat(catalog.find("mlflow")).isPresent();
    }

    @Test
    void an_empty_override_file_changes_nothing() {
        var catalog = ModuleCatalog.load(List.of(new ClassPathResource("modules.yaml"), yaml("# nothing yet\n")));

        assertThat(catalog.all()).extracting(ModuleDefinition::key)
                .containsExactlyElementsOf(shipped.all().stream().map(ModuleDefinition::key).toList());
    }

    @Test
    void rejects_a_catalog_file_with_an_unknown_field() {
        var file = yaml("""
                modules:
                  - key: minio
                    chartVersion: "5.4.0"
                """);

        assertThatThrownBy(() -> ModuleCatalog.load(List.of(file)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed").hasMessageContaining("chartVersion");
    }

    @Test
    void rejects_a_catalog_file_that_defines_a_key_twice() {
        var file = yaml("""
                modules:
                  - {key: a, name: A, scope: TENANT, chart: {type: HELM, url: https://charts.example.com, chart: a},
                     defaultVersion: "1.0.0", supportedVersions: ["1.0.0"], valueKeys: [x]}
                  - {key: a, name: A, scope: TENANT, chart: {type: HELM, url: https://charts.example.com, chart: a},
                     defaultVersion: "1.0.0", supportedVersions: ["1.0.0"], valueKeys: [x]}
                """);

        assertThatThrownBy(() -> ModuleCatalog.load(List.of(file)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a' more than once");
    }

    @Test
    void rejects_a_dependency_cycle() {
        var modules = List.of(
                tenantModule("a", List.of("b")),
                tenantModule("b", List.of("c")),
                tenantModule("c", List.of("a")));

        assertThatThrownBy(() -> new ModuleCatalog(modules))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dependency cycle a -> b -> c -> a");
    }

    @Test
    void rejects_a_module_that_depends_on_itself() {
        assertThatThrownBy(() -> new ModuleCatalog(List.of(tenantModule("a", List.of("a")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dependency cycle a -> a");
    }

    @Test
    void rejects_an_unknown_dependency() {
        assertThatThrownBy(() -> new ModuleCatalog(List.of(tenantModule("mlflow", List.of("minio")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("module 'mlflow' depends on unknown module 'minio'");
    }

    @Test
    void rejects_a_dependency_on_a_module_of_the_other_scope() {
        var modules = List.of(tenantModule("notebooks", List.of("gpu-operator")), clusterModule("gpu-operator"));

        assertThatThrownBy(() -> new ModuleCatalog(modules))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'notebooks' (TENANT) depends on 'gpu-operator' (CLUSTER)")
                .hasMessageContaining("must share");
    }

    @Test
    void rejects_a_default_version_that_is_not_supported() {
        var module = new ModuleDefinition("a", "A", "", ModuleScope.TENANT, helmChart("a"), "2.0.0",
                List.of("1.1.0", "1.0.0"), Map.of(), List.of(), false, null, Set.of("x"), null);

        assertThatThrownBy(() -> new ModuleCatalog(List.of(module)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("module 'a' has default version '2.0.0', which is not one of its supported "
                        + "versions [1.1.0, 1.0.0]");
    }

    @Test
    void rejects_duplicate_keys() {
        assertThatThrownBy(() -> new ModuleCatalog(List.of(tenantModule("a", List.of()), tenantModule("a", List.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a' appear more than once");
    }

    @Test
    void rejects_an_oci_chart_without_an_oci_reference() {
        var module = new ModuleDefinition("a", "A", "", ModuleScope.TENANT,
                new ChartSource(ChartSourceType.OCI, "https://ghcr.io/x/a", "a"), "1.0.0", List.of("1.0.0"),
                Map.of(), List.of(), false, null, Set.of("x"), null);

        assertThatThrownBy(() -> new ModuleCatalog(List.of(module)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not start with oci://");
    }

    @Test
    void rejects_a_cluster_module_without_release_namespace_and_a_tenant_module_with_one() {
        var cluster = new ModuleDefinition("c", "C", "", ModuleScope.CLUSTER, helmChart("c"), "1.0.0",
                List.of("1.0.0"), Map.of(), List.of(), false, null, Set.of("x"), null);
        var tenant = new ModuleDefinition("t", "T", "", ModuleScope.TENANT, helmChart("t"), "1.0.0",
                List.of("1.0.0"), Map.of(), List.of(), false, null, Set.of("x"), "t-system");

        assertThatThrownBy(() -> new ModuleCatalog(List.of(cluster, tenant)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("module 'c' is a cluster module but has no release namespace")
                .hasMessageContaining("module 't' is a tenant module");
    }

    @Test
    void rejects_a_cluster_ui_address_that_needs_a_tenant() {
        var module = new ModuleDefinition("c", "C", "", ModuleScope.CLUSTER, helmChart("c"), "1.0.0",
                List.of("1.0.0"), Map.of(), List.of(), true, "https://c-{tenant}.{domain}", Set.of("x"), "c");

        assertThatThrownBy(() -> new ModuleCatalog(List.of(module)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uses {tenant}");
    }

    @Test
    void rejects_default_values_the_chart_does_not_know() {
        var module = new ModuleDefinition("a", "A", "", ModuleScope.TENANT, helmChart("a"), "1.0.0",
                List.of("1.0.0"), Map.of("replicas", 1), List.of(), false, null, Set.of("replicaCount"), null);

        assertThatThrownBy(() -> new ModuleCatalog(List.of(module)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("default values 'replicas'");
    }

    @Test
    void dependency_closure_lists_every_transitive_dependency_before_its_dependents() {
        var catalog = new ModuleCatalog(List.of(
                tenantModule("app", List.of("tracking", "storage")),
                tenantModule("tracking", List.of("storage", "database")),
                tenantModule("storage", List.of()),
                tenantModule("database", List.of())));

        assertThat(catalog.dependencyClosure("app")).containsExactly("storage", "database", "tracking");
        assertThat(catalog.dependencyClosure("storage")).isEmpty();
    }

    @Test
    void dependency_closure_of_an_unknown_module_is_not_found() {
        assertThatThrownBy(() -> shipped.dependencyClosure("nope"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("module 'nope' does not exist");
    }

    private static ByteArrayResource yaml(String text) {
        return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8), "test catalog");
    }

    private static ChartSource helmChart(String name) {
        return new ChartSource(ChartSourceType.HELM, "https://charts.example.com", name);
    }

    private static ModuleDefinition tenantModule(String key, List<String> dependencies) {
        return new ModuleDefinition(key, key, "", ModuleScope.TENANT, helmChart(key), "1.0.0", List.of("1.0.0"),
                Map.of(), dependencies, false, null, Set.of("x"), null);
    }

    private static ModuleDefinition clusterModule(String key) {
        return new ModuleDefinition(key, key, "", ModuleScope.CLUSTER, helmChart(key), "1.0.0", List.of("1.0.0"),
                Map.of(), List.of(), false, null, Set.of("x"), key);
    }
}
