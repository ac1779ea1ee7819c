package io.nova.platform.k8s.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.nova.platform.core.gpu.GpuSharing;
import io.nova.platform.core.gpu.MigStrategy;
import io.nova.platform.core.module.ModuleDefinition;
import io.nova.platform.core.module.ModuleScope;
import io.nova.platform.core.module.SecretDelivery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HelmRelease values the platform renders for a tenant, put through the tools' real upstream charts with real
 * Helm (helm-java): what a tenant release installs stays in the tenant namespace, is namespaced, holds no
 * NetworkPolicy, and is allowed by the {@value TenantReconcilerRenderer#NAME} Role Flux impersonates, so Flux can
 * install it. The charts are those of {@code <reference dir>/charts}, whose versions differ from the catalog's pins
 * (see its README): this renders the reference chart of each tool, not the pinned version.
 */
class TenantChartsRenderTest {

    private static final String TENANT = "team-a";
    static final String NAMESPACE = "nova-team-a";
    private static final RenderSettings SETTINGS = RenderSettings.defaults()
            .withOidc("https://vault.example.com/v1/identity/oidc/provider/nova", null);

    /** Kinds that are not namespaced: a tenant release must never render one. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
            "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "Namespace", "PriorityClass",
            "StorageClass", "PersistentVolume", "APIService", "CSIDriver", "IngressClass", "RuntimeClass", "Node",
            "ClusterIssuer", "ClusterServingRuntime", "ClusterStorageContainer", "GatewayClass");
    private static final List<String> CREATE_AND_MANAGE =
            List.of("get", "list", "watch", "create", "update", "patch", "delete");

    /**
     * A typical tenant's values per module, made only of the module's {@code tenancy.tenantValues} paths (checked in
     * {@link #typical_values_use_only_tenant_value_paths}).
     */
    static final Map<String, Map<String, Object>> TYPICAL = Map.of(
            "jupyterhub", Map.of("singleuser", Map.of(
                            "image", Map.of("name", "quay.io/jupyter/pytorch-notebook", "tag", "2026-06-01"),
                            "defaultUrl", "/lab", "cpu", Map.of("limit", 4, "guarantee", 1),
                            "memory", Map.of("limit", "16G", "guarantee", "4G"), "storage", Map.of("capacity", "50Gi"),
                            "startTimeout", 600, "extraEnv", Map.of("HF_HOME", "/home/jovyan/.cache/hf")),
                    "cull", Map.of("enabled", true, "timeout", 7200), "debug", Map.of("enabled", true)),
            "mlflow", Map.of("replicaCount", 2,
                    "resources", Map.of("requests", Map.of("cpu", "500m", "memory", "1Gi")),
                    "log", Map.of("level", "debug"),
                    "artifactRoot", Map.of("s3", Map.of("path", "team-a")),
                    "extraEnvVars", Map.of("MLFLOW_WORKERS", "4"),
                    "livenessProbe", Map.of("initialDelaySeconds", 30),
                    "autoscaling", Map.of("enabled", true, "minReplicas", 1, "maxReplicas", 3)),
            "airflow", Map.of("env", List.of(Map.of("name", "AIRFLOW__CORE__LOAD_EXAMPLES", "value", "False")),
                    "dags", Map.of("persistence", Map.of("enabled", true, "size", "5Gi")),
                    "logs", Map.of("persistence", Map.of("enabled", true, "size", "10Gi")),
                    "scheduler", Map.of("replicas", 2, "resources", Map.of("requests", Map.of("cpu", "1"))),
                    "apiServer", Map.of("replicas", 2),
                    "workers", Map.of("resources", Map.of("requests", Map.of("cpu", "2", "memory", "4Gi")))),
            "minio", Map.of("persistence", Map.of("size", "200Gi", "storageClass", "fast"),
                    "resources", Map.of("requests", Map.of("memory", "2Gi")),
                    "buckets", List.of(Map.of("name", "mlflow", "policy", "none", "purge", false),
                            Map.of("name", "datasets", "policy", "none", "purge", false)),
                    "environment", Map.of("MINIO_BROWSER_LOGIN_ANIMATION", "off")),
            "code-server", Map.of("image", Map.of("tag", "4.100.0"),
                    "resources", Map.of("limits", Map.of("cpu", "2", "memory", "4Gi")),
                    "persistentVolumeClaim", Map.of("size", "20Gi", "storageClassName", "fast"),
                    "env", List.of(Map.of("name", "TZ", "value", "Europe/Berlin")),
                    "extraArgs", List.of("--disable-telemetry")));

    private static Path charts;
    private static StubKubeApi api;

    @BeforeAll
    static void startStubApi() {
        charts = ReferenceCharts.dir().orElse(null);
        assumeTrue(charts != null, "no reference charts (../shared/reference/charts): set -Dnova.reference.dir or "
                + "NOVA_REFERENCE_DIR to a shared/reference folder to render the tenant modules' charts");
        api = StubKubeApi.start().orElse(null);
    }

    @AfterAll
    static void stopStubApi() {
        if (api != null) {
            api.close();
        }
    }

    static Stream<Arguments> tenantReleases() {
        return DesiredStates.MODULES.byScope(ModuleScope.TENANT).stream().filter(ModuleDefinition::hasChart)
                .flatMap(module -> Stream.of(
                        Arguments.of(module.key(), "default", Map.of(), SecretDelivery.EXTERNAL_SECRETS),
                        Arguments.of(module.key(), "typical", TYPICAL.get(module.key()), SecretDelivery.VAULT_AGENT)));
    }

    @ParameterizedTest(name = "{0} with {1} values")
    @MethodSource("tenantReleases")
    void a_tenant_release_stays_in_its_namespace_and_within_what_flux_may_do_there(String key, String label,
                                                                                   Map<String, Object> values,
                                                                                   SecretDelivery delivery) {
        assumeTrue(api != null, "no stub Kubernetes API for Helm's lookup calls (see StubKubeApi)");
        Map<String, Object> spec = tenantReleaseSpec(key, values, delivery);
        assertThat(spec).containsEntry("serviceAccountName", TenantReconcilerRenderer.NAME);
        assertThat(spec.get("install")).asInstanceOf(MAP).containsEntry("crds", "Skip");
        assertThat(spec.get("upgrade")).asInstanceOf(MAP).containsEntry("crds", "Skip");

        @SuppressWarnings("unchecked")
        var releaseValues = (Map<String, Object>) spec.getOrDefault("values", Map.of());
        List<Map<String, Object>> objects = ReferenceCharts.render(charts.resolve(key), (String) spec.get("releaseName"),
                NAMESPACE, releaseValues);

        assertThat(objects).as("%s renders", key).isNotEmpty();
        assertNamespacedWithinReconciler(objects);
    }

    /**
     * Every object a tenant release installs is namespaced, in {@value #NAMESPACE}, no NetworkPolicy, and one the
     * {@value TenantReconcilerRenderer#NAME} Role may manage; its Roles grant only what that Role holds.
     */
    static void assertNamespacedWithinReconciler(List<Map<String, Object>> objects) {
        for (Map<String, Object> object : objects) {
            String kind = (String) object.get("kind");
            String id = kind + " " + name(object);
            assertThat(CLUSTER_SCOPED).as("%s is cluster-scoped", id).doesNotContain(kind);
            assertThat(kind).as(id).isNotEqualTo("NetworkPolicy");
            Object namespace = metadata(object).get("namespace");
            assertThat(namespace == null || NAMESPACE.equals(namespace)).as("%s is in namespace %s", id, namespace)
                    .isTrue();
            for (String verb : CREATE_AND_MANAGE) {
                assertThat(allowed(group(object), plural(kind), verb))
                        .as("nova-reconciler may %s %s (%s)", verb, plural(kind), id).isTrue();
            }
            if (kind.equals("Role")) {
                assertRoleWithinReconciler(object);
            }
            if (kind.equals("RoleBinding")) {
                assertThat(nested(object, "roleRef", "kind")).as("%s binds a Role of the namespace", id)
                        .isEqualTo("Role");
            }
        }
    }

    @Test
    void the_kuberay_operator_renders_from_its_cluster_release_and_watches_every_namespace() {
        assumeTrue(api != null, "no stub Kubernetes API (see StubKubeApi)");
        Map<String, Object> spec = clusterReleaseSpec("kuberay-operator");
        assertThat(spec).containsEntry("serviceAccountName", ModuleReleaseRenderer.CLUSTER_RECONCILER)
                .containsEntry("targetNamespace", "kuberay-system");
        assertThat(spec.get("install")).asInstanceOf(MAP).containsEntry("crds", "CreateReplace");

        List<Map<String, Object>> objects = ReferenceCharts.render(charts.resolve("kuberay-operator"),
                (String) spec.get("releaseName"), "kuberay-system", values(spec));

        assertThat(objects).extracting(o -> o.get("kind")).contains("Deployment", "ClusterRole", "ClusterRoleBinding");
        Map<String, Object> deployment = objects.stream().filter(o -> "Deployment".equals(o.get("kind"))).findFirst()
                .orElseThrow();
        assertThat(String.valueOf(nested(deployment, "spec", "template", "spec", "containers")))
                .doesNotContain("--watch-namespace");
    }

    @Test
    void the_kserve_controller_renders_in_standard_mode_from_its_cluster_release() {
        assumeTrue(api != null, "no stub Kubernetes API (see StubKubeApi)");
        Map<String, Object> spec = clusterReleaseSpec("kserve-controller");
        assertThat(spec).containsEntry("serviceAccountName", ModuleReleaseRenderer.CLUSTER_RECONCILER)
                .containsEntry("dependsOn", List.of(Map.of("name", "kserve-crd")));

        // the catalog pins the 'kserve' chart; its successor 'kserve-resources' (v0.20.0) is the reference chart
        List<Map<String, Object>> objects = ReferenceCharts.render(charts.resolve("kserve-resources"),
                (String) spec.get("releaseName"), "kserve", values(spec));

        assertThat(objects).extracting(o -> o.get("kind")).contains("Deployment", "ClusterRole");
        assertThat(objects).filteredOn(o -> "ConfigMap".equals(o.get("kind"))
                        && "inferenceservice-config".equals(name(o)))
                .singleElement().satisfies(config -> assertThat(String.valueOf(nested(config, "data", "deploy")))
                        .contains("Standard"));
        List<Map<String, Object>> crds = ReferenceCharts.render(charts.resolve("kserve-crd"),
                (String) clusterReleaseSpec("kserve-crd").get("releaseName"), "kserve", Map.of());
        assertThat(crds).extracting(o -> o.get("kind")).containsOnly("CustomResourceDefinition");
        assertThat(crds).extracting(TenantChartsRenderTest::name)
                .contains("inferenceservices.serving.kserve.io", "servingruntimes.serving.kserve.io");
    }

    @Test
    void the_external_secrets_operator_renders_from_its_cluster_release_with_the_kinds_the_tenants_use() {
        assumeTrue(api != null, "no stub Kubernetes API (see StubKubeApi)");
        Map<String, Object> spec = clusterReleaseSpec("external-secrets");
        assertThat(spec).containsEntry("targetNamespace", "external-secrets");

        List<Map<String, Object>> objects = ReferenceCharts.render(charts.resolve("external-secrets"),
                (String) spec.get("releaseName"), "external-secrets", values(spec));

        assertThat(objects).filteredOn(o -> "CustomResourceDefinition".equals(o.get("kind")))
                .extracting(TenantChartsRenderTest::name)
                .contains("externalsecrets.external-secrets.io", "secretstores.external-secrets.io");
        Map<String, Object> controller = objects.stream().filter(o -> "Deployment".equals(o.get("kind"))
                && "external-secrets".equals(name(o))).findFirst().orElseThrow();
        assertThat(String.valueOf(nested(controller, "spec", "template", "spec", "containers")))
                .contains("--enable-cluster-store-reconciler=false");
    }

    @Test
    void tenants_use_kuberay_and_kserve_without_releases_of_their_own() {
        var state = DesiredStates.gitops().tenant(TENANT).module(null, "kuberay-operator")
                .module(null, "kserve-crd").module(null, "kserve-controller")
                .module(TENANT, "kuberay").module(TENANT, "kserve").build();

        List<HasMetadata> rendered = new ClusterRenderer(SETTINGS).render(state);

        assertThat(rendered).filteredOn(o -> o.getKind().equals("HelmRelease")).extracting(ClusterRenderer::id)
                .containsExactlyInAnyOrder("HelmRelease flux-system/kuberay-operator",
                        "HelmRelease flux-system/kserve-crd", "HelmRelease flux-system/kserve-controller");
        assertThat(rendered).filteredOn(o -> o.getKind().equals("MLCluster")).singleElement()
                .satisfies(mlCluster -> assertThat(((io.nova.platform.k8s.crd.MLCluster) mlCluster).getSpec()
                        .getModules()).containsKeys("kuberay", "kserve"));
    }

    /**
     * Values maps a cluster chart renders whole, whatever their keys: Grafana's {@code grafana.ini} ("values in map
     * will be converted to ini format", its values.yaml), whose settings GrafanaSignOnChartTest finds in the rendered
     * ConfigMap.
     */
    private static final Map<String, List<String>> FREE_FORM = Map.of("kube-prometheus-stack",
            List.of("grafana.grafana.ini"));

    /** Secrets a cluster chart's own install creates at run time, not as a manifest. */
    static final Set<String> CREATED_AT_INSTALL = Set.of(
            "kube-prometheus-stack-admission"); // by the chart's kube-webhook-certgen Job (a pre-install hook)

    /** The reference chart folder of each cluster module whose chart has another name there. */
    static final Map<String, String> CLUSTER_CHARTS = Map.of("neuvector", "neuvector-core",
            "kserve-controller", "kserve-resources");

    @Test
    void every_value_path_of_a_cluster_release_is_known_to_its_chart_and_it_renders_with_every_secret_its_pods_read() {
        assumeTrue(api != null, "no stub Kubernetes API (see StubKubeApi)");
        var state = DesiredStates.gitops().pool("t4", "T4", 2, 4, GpuSharing.timeSlicing(4, false, false))
                .pool("h100", "H100-80GB", 1, 8, GpuSharing.migLayout(MigStrategy.mixed, "all-balanced"));
        DesiredStates.MODULES.byScope(ModuleScope.CLUSTER).forEach(module -> state.module(null, module.key()));
        List<HasMetadata> rendered = new ClusterRenderer(SETTINGS).render(state.build());
        var unknown = new ArrayList<String>();
        var missingSecrets = new ArrayList<String>();
        for (ModuleDefinition module : DesiredStates.MODULES.byScope(ModuleScope.CLUSTER)) {
            Path chart = charts.resolve(CLUSTER_CHARTS.getOrDefault(module.key(), module.key()));
            @SuppressWarnings("unchecked")
            var spec = (Map<String, Object>) ((GenericKubernetesResource) rendered.stream()
                    .filter(o -> o.getKind().equals("HelmRelease") && o.getMetadata().getName().equals(module.key()))
                    .findFirst().orElseThrow()).getAdditionalProperties().get("spec");
            Map<String, Object> values = values(spec);
            Map<String, Object> chartValues = ReferenceCharts.defaultValuesWithSubcharts(chart);
            Map<String, Object> schema = ReferenceCharts.valuesSchema(chart);
            List<String> freeForm = FREE_FORM.getOrDefault(module.key(), List.of());
            // a chart passes `resources` to the container whole: requests and limits are Kubernetes' own fields
            leafPaths("", values).stream().filter(path -> !path.matches("(.*\\.)?resources\\.(requests|limits)\\.[^.]+"))
                    .filter(path -> freeForm.stream().noneMatch(map -> path.startsWith(map + ".")))
                    .filter(path -> !known(chartValues, path) && !allowedBySchema(schema, path))
                    .forEach(path -> unknown.add(module.key() + ": " + path));
            var objects = ReferenceCharts.render(chart, module.key(), module.releaseNamespace(), values);
            assertThat(objects).as("%s renders", module.key()).isNotEmpty();
            List<HasMetadata> delivered = rendered.stream()
                    .filter(o -> module.releaseNamespace().equals(o.getMetadata().getNamespace())).toList();
            PodSecretReferences.renderedBy(objects).andDeliveredBy(ToolChartsRenderTest.asMaps(delivered))
                    .unsatisfied(PodSecretReferences.of(objects)).stream()
                    .filter(reference -> !CREATED_AT_INSTALL.contains(reference.secret()))
                    .forEach(reference -> missingSecrets.add(module.key() + ": " + reference));
        }
        assertThat(unknown).as("cluster release value paths the reference charts do not have").isEmpty();
        assertThat(missingSecrets).as("Secrets the cluster releases' pods read that nothing creates").isEmpty();
    }

    static Map<String, Object> clusterReleaseSpec(String key) {
        var state = DesiredStates.gitops().module(null, key).build();
        HasMetadata release = new ClusterRenderer(SETTINGS).render(state).stream()
                .filter(o -> o.getKind().equals("HelmRelease") && o.getMetadata().getName().equals(key))
                .findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        var spec = (Map<String, Object>) ((GenericKubernetesResource) release).getAdditionalProperties().get("spec");
        return spec;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> values(Map<String, Object> spec) {
        return (Map<String, Object>) spec.getOrDefault("values", Map.of());
    }

    @Test
    void typical_values_use_only_tenant_value_paths() {
        TYPICAL.forEach((key, values) -> {
            List<String> allowed = DesiredStates.MODULES.find(key).orElseThrow().tenancy().tenantValues();
            for (String path : leafPaths("", values)) {
                assertThat(allowed.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + ".")))
                        .as("%s: %s is a tenant value path (%s)", key, path, allowed).isTrue();
            }
        });
    }

    @Test
    void every_tenant_value_path_and_platform_value_path_is_known_to_the_chart() {
        assumeTrue(charts != null);
        var unknown = new ArrayList<String>();
        for (ModuleDefinition module : DesiredStates.MODULES.byScope(ModuleScope.TENANT)) {
            if (!module.hasChart()) {
                continue;
            }
            Map<String, Object> chartValues = ReferenceCharts.defaultValues(charts.resolve(module.key()));
            Map<String, Object> schema = ReferenceCharts.valuesSchema(charts.resolve(module.key()));
            for (String path : module.tenancy().tenantValues()) {
                if (!known(chartValues, path)) {
                    unknown.add(module.key() + ": tenant value " + path);
                }
            }
            for (String path : leafPaths("", platformValues(module.key()))) {
                if (!known(chartValues, path) && !allowedBySchema(schema, path)) {
                    unknown.add(module.key() + ": platform value " + path);
                }
            }
        }
        assertThat(unknown).as("value paths the reference charts' values.yaml do not have").isEmpty();
    }

    /** The values the platform puts on a tool's chart in a tenant with every tool, a GPU quota and single sign-on. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> platformValues(String key) {
        HasMetadata release = new ClusterRenderer(SETTINGS).render(ToolChartsRenderTest.everyTool().build()).stream()
                .filter(o -> o.getKind().equals("HelmRelease") && o.getMetadata().getName().equals(key))
                .findFirst().orElseThrow();
        var spec = (Map<String, Object>) ((GenericKubernetesResource) release).getAdditionalProperties().get("spec");
        ModuleDefinition module = DesiredStates.MODULES.find(key).orElseThrow();
        var values = new LinkedHashMap<>((Map<String, Object>) spec.getOrDefault("values", Map.of()));
        // only what the platform adds: the catalog's defaults are checked by the catalog's own tests
        module.defaultValues().keySet().stream().filter(k -> values.get(k) == module.defaultValues().get(k))
                .forEach(values::remove);
        return values;
    }

    static Map<String, Object> tenantReleaseSpec(String key, Map<String, Object> values,
                                                         SecretDelivery delivery) {
        var state = DesiredStates.gitops().tenant(TENANT, "team-a-owners");
        ModuleDefinition module = DesiredStates.MODULES.find(key).orElseThrow();
        for (String dependency : DesiredStates.MODULES.dependencyClosure(key)) {
            state.module(TENANT, dependency);
        }
        state.module(TENANT, module.key(), true, values, delivery);
        List<HasMetadata> rendered = new ClusterRenderer(SETTINGS).render(state.build());
        HasMetadata release = rendered.stream()
                .filter(o -> o.getKind().equals("HelmRelease") && o.getMetadata().getName().equals(key))
                .findFirst().orElseThrow();
        assertThat(release.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        @SuppressWarnings("unchecked")
        var spec = (Map<String, Object>) ((GenericKubernetesResource) release).getAdditionalProperties().get("spec");
        return spec;
    }

    /** Kubernetes' escalation check: a Role the chart creates may grant only what the reconciler holds. */
    @SuppressWarnings("unchecked")
    private static void assertRoleWithinReconciler(Map<String, Object> role) {
        for (Map<String, Object> rule : (List<Map<String, Object>>) role.getOrDefault("rules", List.of())) {
            for (String group : (List<String>) rule.getOrDefault("apiGroups", List.of(""))) {
                for (String resource : (List<String>) rule.getOrDefault("resources", List.of())) {
                    for (String verb : (List<String>) rule.getOrDefault("verbs", List.of())) {
                        assertThat(allowed(group, resource, verb)).as("Role %s grants %s %s/%s, which nova-reconciler"
                                + " does not hold", name(role), verb, group, resource).isTrue();
                    }
                }
            }
        }
    }

    static boolean allowed(String group, String resource, String verb) {
        for (PolicyRule rule : TenantReconcilerRenderer.RULES) {
            if (rule.getApiGroups().contains(group) && rule.getResources().contains(resource)
                    && rule.getVerbs().contains(verb)) {
                return true;
            }
        }
        return false;
    }

    static String plural(String kind) {
        String lower = kind.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith("y")) {
            return lower.substring(0, lower.length() - 1) + "ies";
        }
        return lower.endsWith("s") ? lower + "es" : lower + "s";
    }

    static String group(Map<String, Object> object) {
        String apiVersion = (String) object.get("apiVersion");
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Map<String, Object> object) {
        return (Map<String, Object>) object.getOrDefault("metadata", Map.of());
    }

    static String name(Map<String, Object> object) {
        return String.valueOf(metadata(object).get("name"));
    }

    static Object nested(Map<String, Object> map, String... path) {
        Object current = map;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    /**
     * Whether the chart's values.yaml has every key of the dotted path ({@code *} matches any key); below an empty
     * map ({@code hub.config: {}}, {@code extraEnv: {}}) the chart takes any key.
     */
    static boolean known(Map<String, Object> values, String path) {
        return known(values, List.of(path.split("\\.")), true);
    }

    /** A key may itself hold dots ({@code grafana.ini}): it then stands for as many segments of the path. */
    private static boolean known(Object current, List<String> path, boolean top) {
        if (path.isEmpty()) {
            return true;
        }
        if (!(current instanceof Map<?, ?> map)) {
            return false;
        }
        if (map.isEmpty() && !top) {
            return true;
        }
        if (path.getFirst().equals("*")) {
            return !map.isEmpty();
        }
        for (Object key : map.keySet()) {
            List<String> segments = List.of(String.valueOf(key).split("\\."));
            if (segments.size() <= path.size() && path.subList(0, segments.size()).equals(segments)
                    && known(map.get(key), path.subList(segments.size(), path.size()), false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the chart's values.schema.json accepts the dotted path: a key it names, one its
     * {@code patternProperties} match, or anything below an object whose {@code additionalProperties} are allowed
     * (JupyterHub's {@code hub.config.<Class>}: pass-through traitlets configuration). False without a schema.
     */
    @SuppressWarnings("unchecked")
    static boolean allowedBySchema(Map<String, Object> schema, String path) {
        Map<String, Object> node = schema;
        for (String key : path.split("\\.")) {
            if (node == null || node.isEmpty()) {
                return false;
            }
            var properties = (Map<String, Object>) node.getOrDefault("properties", Map.of());
            if (properties.containsKey(key)) {
                node = (Map<String, Object>) properties.get(key);
                continue;
            }
            var patterns = (Map<String, Object>) node.getOrDefault("patternProperties", Map.of());
            var matching = patterns.entrySet().stream().filter(e -> key.matches(".*(" + e.getKey() + ").*"))
                    .findFirst();
            if (matching.isPresent()) {
                node = (Map<String, Object>) matching.get().getValue();
                continue;
            }
            Object additional = node.get("additionalProperties");
            return Boolean.TRUE.equals(additional) || additional instanceof Map<?, ?>;
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    static List<String> leafPaths(String prefix, Map<String, Object> values) {
        var paths = new ArrayList<String>();
        values.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> map && !map.isEmpty()) {
                paths.addAll(leafPaths(path, (Map<String, Object>) map));
            } else {
                paths.add(path);
            }
        });
        return paths;
    }

    private static final org.assertj.core.api.InstanceOfAssertFactory<Map, org.assertj.core.api.MapAssert<Object, Object>>
            MAP = org.assertj.core.api.InstanceOfAssertFactories.MAP;
}
