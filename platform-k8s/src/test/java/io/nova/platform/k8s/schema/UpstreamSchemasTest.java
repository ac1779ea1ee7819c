package io.nova.platform.k8s.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.nova.platform.k8s.crd.ComponentSpec;
import io.nova.platform.k8s.crd.Condition;
import io.nova.platform.k8s.crd.DcgmSpec;
import io.nova.platform.k8s.crd.GpuPoolSpec;
import io.nova.platform.k8s.crd.MLCluster;
import io.nova.platform.k8s.crd.MLClusterSpec;
import io.nova.platform.k8s.crd.MLClusterStatus;
import io.nova.platform.k8s.crd.MLInfrastructure;
import io.nova.platform.k8s.crd.MLInfrastructureSpec;
import io.nova.platform.k8s.crd.MLInfrastructureStatus;
import io.nova.platform.k8s.crd.ModuleSpec;
import io.nova.platform.k8s.crd.ModuleStatus;
import io.nova.platform.k8s.crd.PoolStatus;
import io.nova.platform.k8s.crd.SharingSpec;

class UpstreamSchemasTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:15:30.123Z");

    @Test
    void a_minimal_helm_release_is_valid() {
        assertThat(UpstreamSchemas.problems(helmRelease())).isEmpty();
        UpstreamSchemas.assertValid(helmRelease());
    }

    @Test
    void a_helm_release_with_a_numeric_interval_is_rejected() {
        Map<String, Object> release = helmRelease();
        spec(release).put("interval", 5);

        assertThat(UpstreamSchemas.problems(release)).singleElement().asString()
                .contains("/spec/interval").contains("string expected");
        assertThatThrownBy(() -> UpstreamSchemas.assertValid(release)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("HelmRelease podinfo").hasMessageContaining("/spec/interval");
    }

    @Test
    void a_helm_release_without_a_chart_is_rejected() {
        Map<String, Object> release = helmRelease();
        map(map(spec(release).get("chart")).get("spec")).remove("chart");

        assertThat(UpstreamSchemas.problems(release)).singleElement().asString()
                .contains("/spec/chart/spec").contains("'chart'");
    }

    @Test
    void a_misspelt_field_is_rejected_as_the_api_server_does_with_strict_field_validation() {
        Map<String, Object> release = helmRelease();
        spec(release).put("intervall", "5m");

        assertThat(UpstreamSchemas.problems(release)).singleElement().asString()
                .contains("/spec").contains("'intervall'");
    }

    @Test
    void helm_values_may_hold_anything_because_they_preserve_unknown_fields() {
        Map<String, Object> release = helmRelease();
        spec(release).put("values", Map.of("replicaCount", 2, "ui", Map.of("tls", List.of("a", 1, true))));

        assertThat(UpstreamSchemas.problems(release)).isEmpty();
    }

    @Test
    void null_members_count_as_absent() {
        Map<String, Object> release = helmRelease();
        spec(release).put("timeout", null);

        assertThat(UpstreamSchemas.problems(release)).isEmpty();
    }

    @Test
    void int_or_string_quantities_accept_numbers_and_strings_but_nothing_else() {
        Map<String, Object> service = inferenceService(Map.of("cpu", 1, "memory", "2Gi"));
        assertThat(UpstreamSchemas.problems(service)).isEmpty();

        Map<String, Object> wrong = inferenceService(Map.of("cpu", true));
        assertThat(UpstreamSchemas.problems(wrong)).isNotEmpty()
                .allSatisfy(problem -> assertThat(problem).contains("/spec/predictor/model/resources/limits/cpu"));
    }

    @Test
    void metadata_is_checked_only_loosely() {
        Map<String, Object> release = helmRelease();
        map(release.get("metadata")).put("finalizers", List.of("finalizers.fluxcd.io"));
        assertThat(UpstreamSchemas.problems(release)).isEmpty();

        map(release.get("metadata")).put("labels", Map.of("replicas", 3));
        assertThat(UpstreamSchemas.problems(release)).singleElement().asString()
                .contains("/metadata/labels/replicas");
    }

    @Test
    void an_object_without_kind_is_rejected() {
        Map<String, Object> release = helmRelease();
        release.remove("kind");

        assertThat(UpstreamSchemas.problems(release)).singleElement().asString().contains("kind");
    }

    @Test
    void a_valid_ml_cluster_matches_our_generated_crd() {
        UpstreamSchemas.assertValid(mlCluster());
    }

    @Test
    void a_valid_ml_infrastructure_matches_our_generated_crd() {
        MLInfrastructure infrastructure = new MLInfrastructure();
        infrastructure.setMetadata(new ObjectMetaBuilder().withName("gpu-cluster").build());
        infrastructure.setSpec(new MLInfrastructureSpec("gpu-cluster",
                new ComponentSpec(true, "v25.3.0", Map.of("driver", Map.of("enabled", false))),
                new ComponentSpec(true, null, null),
                new DcgmSpec(true, true),
                List.of(new GpuPoolSpec("a100", "NVIDIA-A100-SXM4-80GB", 2, 8, Map.of("nova.io/pool", "a100"),
                                new SharingSpec("MIG", null, null, null, "mixed", "all-balanced", Map.of("1g.10gb", 2)),
                                null, "all-balanced", Map.of("nvidia.com/mig-1g.10gb", 32L)),
                        new GpuPoolSpec("l4", "NVIDIA-L4", 3, 1, Map.of("nova.io/pool", "l4"),
                                new SharingSpec("TIME_SLICING", 4, true, false, null, null, null),
                                "l4-shared-4", null, Map.of("nvidia.com/gpu.shared", 4L)))));
        infrastructure.setStatus(new MLInfrastructureStatus(1L,
                List.of(Condition.of(Condition.READY, false, "GpuOperatorNotReady", "ClusterPolicy is notReady", NOW)),
                "notReady", Map.of("a100", new PoolStatus(2, null))));

        UpstreamSchemas.assertValid(infrastructure);
    }

    @Test
    void an_ml_cluster_whose_module_is_enabled_with_yes_is_rejected() {
        Map<String, Object> cluster = Map.of(
                "apiVersion", "ml.nova.io/v1alpha1",
                "kind", "MLCluster",
                "metadata", Map.of("name", "acme", "namespace", "tenant-acme"),
                "spec", Map.of("tenant", "acme", "modules", Map.of("x", Map.of("enabled", "yes"))));

        assertThat(UpstreamSchemas.problems(cluster)).singleElement().asString()
                .contains("/spec/modules/x/enabled").contains("boolean expected");
    }

    @Test
    void an_ml_cluster_with_an_unknown_secret_delivery_is_rejected() {
        MLCluster cluster = mlCluster();
        cluster.getSpec().setModules(Map.of("jupyterhub", new ModuleSpec(true, null, null, "ENV_VARS")));

        assertThat(UpstreamSchemas.problems(cluster)).singleElement().asString()
                .contains("/spec/modules/jupyterhub/secretDelivery");
    }

    private static MLCluster mlCluster() {
        MLCluster cluster = new MLCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName("acme").withNamespace("tenant-acme").build());
        cluster.setSpec(new MLClusterSpec("acme", "Acme Research", Map.of(
                "jupyterhub", new ModuleSpec(true, "4.1.0", Map.of("singleuser", Map.of("cpu", 2)), "VAULT_AGENT"),
                "mlflow", new ModuleSpec(false, null, null, null))));
        cluster.setStatus(new MLClusterStatus(3L,
                List.of(Condition.of(Condition.READY, true, "AllModulesReady", "2 of 2 modules ready", NOW)
                        .withObservedGeneration(3L)),
                Map.of("jupyterhub", new ModuleStatus("READY", null, "4.1.0", "https://jupyter.acme.example"))));
        return cluster;
    }

    private static Map<String, Object> helmRelease() {
        return mutable(Map.of(
                "apiVersion", "helm.toolkit.fluxcd.io/v2",
                "kind", "HelmRelease",
                "metadata", Map.of("name", "podinfo", "namespace", "flux-system"),
                "spec", Map.of(
                        "interval", "10m",
                        "chart", Map.of("spec", Map.of(
                                "chart", "podinfo",
                                "version", "6.5.4",
                                "sourceRef", Map.of("kind", "HelmRepository", "name", "podinfo"))))));
    }

    private static Map<String, Object> inferenceService(Map<String, Object> limits) {
        return Map.of(
                "apiVersion", "serving.kserve.io/v1beta1",
                "kind", "InferenceService",
                "metadata", Map.of("name", "sklearn", "namespace", "tenant-acme"),
                "spec", Map.of("predictor", Map.of("model", Map.of(
                        "modelFormat", Map.of("name", "sklearn"),
                        "storageUri", "gs://kfserving-examples/models/sklearn/1.0/model",
                        "resources", Map.of("limits", limits)))));
    }

    private static Map<String, Object> spec(Map<String, Object> object) {
        return map(object.get("spec"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mutable(Map<String, Object> map) {
        Map<String, Object> copy = new HashMap<>();
        map.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> nested ? mutable((Map<String, Object>) nested) : value));
        return copy;
    }
}
