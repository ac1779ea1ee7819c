package io.nova.platform.k8s.render;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.nova.platform.core.gpu.GpuSharing;
import io.nova.platform.core.gpu.MigStrategy;
import io.nova.platform.k8s.crd.MLCluster;
import io.nova.platform.k8s.crd.MLInfrastructure;
import io.nova.platform.k8s.delivery.CanonicalYaml;
import io.nova.platform.k8s.schema.UpstreamSchemas;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterRendererTest {

    private final ClusterRenderer renderer = new ClusterRenderer(new RenderSettings("flux-system", "gpu-operator",
            "https://vault.example.com/v1/identity/oidc/provider/nova", "https://vault.example.com", "kubernetes"));

    private static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> type, String kind,
                                                  String namespace, String name) {
        return objects.stream()
                .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name)
                        && java.util.Objects.equals(o.getMetadata().getNamespace(), namespace))
                .map(type::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + namespace + "/" + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> map, String path) {
        Object current = map;
        for (String part : path.split("\\.")) {
            current = ((Map<String, Object>) current).get(part);
        }
        return current;
    }

    @Test
    void a_tenant_gets_namespace_quota_limits_owner_binding_network_policies_and_its_mlcluster() {
        var state = DesiredStates.gitops().pool("t4", "T4", 2, 4, GpuSharing.timeSlicing(4, false, false))
                .tenant("vision", "vision-admins").quota("vision", "t4", "nvidia.com/gpu", 4, 8)
                .module("vision", "jupyterhub").build();
        List<HasMetadata> objects = renderer.render(state);

        var namespace = find(objects, HasMetadata.class, "Namespace", null, "nova-vision");
        assertThat(namespace.getMetadata().getLabels()).containsEntry("ml.nova.io/tenant", "vision")
                .containsEntry("app.kubernetes.io/managed-by", "nova-platform");
        var quota = find(objects, ResourceQuota.class, "ResourceQuota", "nova-vision", "nova-quota");
        assertThat(quota.getSpec().getHard().get("requests.nvidia.com/gpu").toString()).isEqualTo("8");
        assertThat(quota.getSpec().getHard().get("requests.memory").toString()).isEqualTo("64Gi");
        find(objects, HasMetadata.class, "LimitRange", "nova-vision", "nova-defaults");
        var binding = find(objects, io.fabric8.kubernetes.api.model.rbac.RoleBinding.class, "RoleBinding",
                "nova-vision", "nova-tenant-admin");
        assertThat(binding.getSubjects()).extracting("name").containsExactly("vision-admins");
        assertThat(binding.getRoleRef().getName()).isEqualTo("nova-tenant-admin");
        find(objects, HasMetadata.class, "NetworkPolicy", "nova-vision", "nova-default-deny");
        var mlCluster = find(objects, MLCluster.class, "MLCluster", "nova-vision", "vision");
        assertThat(mlCluster.getSpec().getModules()).containsKey("jupyterhub");
        UpstreamSchemas.assertValid(mlCluster);
    }

    @Test
    void mig_mixed_quotas_use_one_resource_name_per_profile() {
        var state = DesiredStates.gitops().pool("a100", "A100-80GB", 1, 8,
                        GpuSharing.migLayout(MigStrategy.mixed, "all-balanced"))
                .tenant("nlp").quota("nlp", "a100", "nvidia.com/mig-1g.10gb", 2, 4)
                .quota("nlp", "a100", "nvidia.com/mig-3g.40gb", 1, 1).build();
        var quota = find(renderer.render(state), ResourceQuota.class, "ResourceQuota", "nova-nlp", "nova-quota");
        assertThat(quota.getSpec().getHard()).containsKeys("requests.nvidia.com/mig-1g.10gb",
                "requests.nvidia.com/mig-3g.40gb").doesNotContainKey("requests.nvidia.com/gpu");
    }

    @Test
    void mig_single_strategy_pools_are_counted_as_whole_gpus_in_the_quota() {
        var state = DesiredStates.gitops().pool("h100", "H100-80GB", 1, 8,
                        GpuSharing.migLayout(MigStrategy.single, "all-1g.10gb"))
                .tenant("nlp").quota("nlp", "h100", "nvidia.com/gpu", 7, 14).build();
        var objects = renderer.render(state);
        var quota = find(objects, ResourceQuota.class, "ResourceQuota", "nova-nlp", "nova-quota");
        assertThat(quota.getSpec().getHard().get("requests.nvidia.com/gpu").toString()).isEqualTo("14");
        var config = find(objects, ConfigMap.class, "ConfigMap", "gpu-operator", "nova-device-plugin-config");
        assertThat(config.getData().get("h100")).contains("migStrategy: single");
    }

    @Test
    void a_gitops_cluster_with_pools_commits_the_namespace_its_sharing_configs_live_in_before_them() {
        var gitops = renderer.render(DesiredStates.gitops().pool("t4", "T4", 2, 4,
                GpuSharing.timeSlicing(4, false, false)).build());

        // Flux applies nothing of a sync while one object names a namespace that does not exist yet
        var namespace = find(gitops, io.fabric8.kubernetes.api.model.Namespace.class, "Namespace", null,
                "gpu-operator");
        assertThat(namespace.getMetadata().getAnnotations())
                .containsEntry("kustomize.toolkit.fluxcd.io/prune", "disabled");
        assertThat(gitops.indexOf(namespace)).isLessThan(gitops.indexOf(find(gitops, ConfigMap.class, "ConfigMap",
                "gpu-operator", "nova-device-plugin-config")));
        assertThat(renderer.render(DesiredStates.gitops().build())).extracting(ClusterRenderer::id)
                .doesNotContain("Namespace gpu-operator");
        assertThat(renderer.render(DesiredStates.direct().pool("t4", "T4", 2, 4,
                GpuSharing.timeSlicing(4, false, false)).build())).extracting(ClusterRenderer::id)
                .as("DIRECT delivery retries until the GPU Operator's release made it").doesNotContain(
                        "Namespace gpu-operator");
    }

    @Test
    void time_slicing_pools_get_a_device_plugin_config_key_with_their_replicas() {
        var state = DesiredStates.gitops().pool("t4", "T4", 2, 4, GpuSharing.timeSlicing(4, true, true))
                .pool("l4", "L4", 1, 1, GpuSharing.exclusive()).build();
        var objects = renderer.render(state);
        var config = find(objects, ConfigMap.class, "ConfigMap", "gpu-operator", "nova-device-plugin-config");
        assertThat(config.getData()).containsOnlyKeys("t4", "l4");
        assertThat(config.getData().get("t4")).isEqualTo("""
                flags:
                  migStrategy: none
                sharing:
                  timeSlicing:
                    failRequestsGreaterThanOne: true
                    renameByDefault: true
                    resources:
                    - name: nvidia.com/gpu
                      replicas: 4
                version: v1
                """);
        var infrastructure = find(objects, MLInfrastructure.class, "MLInfrastructure", null, "lab");
        assertThat(infrastructure.getSpec().getPools()).extracting("devicePluginConfig").containsExactly("l4", "t4");
        UpstreamSchemas.assertValid(infrastructure);
    }

    @Test
    void a_custom_mig_layout_gets_a_mig_parted_config_that_also_keeps_named_layouts() {
        var state = DesiredStates.gitops()
                .pool("h100-custom", "H100-80GB", 1, 8, GpuSharing.migDevices(MigStrategy.mixed,
                        Map.of("3g.40gb", 1, "1g.10gb", 4)))
                .pool("h100-small", "H100-80GB", 1, 8, GpuSharing.migLayout(MigStrategy.mixed, "all-1g.10gb"))
                .module(null, "node-feature-discovery").module(null, "gpu-operator").build();
        var objects = renderer.render(state);
        var migParted = find(objects, ConfigMap.class, "ConfigMap", "gpu-operator", "nova-mig-parted-config");
        String config = migParted.getData().get("config.yaml");
        assertThat(config).contains("nova-h100-custom:").contains("all-1g.10gb:").contains("all-disabled:")
                .contains("device-filter:");
        var operator = find(objects, GenericKubernetesResource.class, "HelmRelease", "flux-system", "gpu-operator");
        assertThat(at(spec(operator), "values.migManager.config.name")).isEqualTo("nova-mig-parted-config");
        assertThat(at(spec(operator), "values.devicePlugin.config.name")).isEqualTo("nova-device-plugin-config");
        assertThat(at(spec(operator), "values.mig.strategy")).isEqualTo("mixed");
        assertThat(at(spec(operator), "values.nfd.enabled")).isEqualTo(false);
        assertThat(spec(operator).get("dependsOn")).isEqualTo(List.of(Map.of("name", "node-feature-discovery")));
        assertThat(spec(operator).get("targetNamespace")).isEqualTo("gpu-operator");
        var infrastructure = find(objects, MLInfrastructure.class, "MLInfrastructure", null, "lab");
        assertThat(infrastructure.getSpec().getPools()).extracting("migConfig")
                .containsExactly("nova-h100-custom", "all-1g.10gb");
    }

    @Test
    void mlflow_wires_notebooks_to_its_tracking_server_and_its_artifacts_to_minio() {
        var state = DesiredStates.gitops().tenant("vision").module("vision", "jupyterhub")
                .module("vision", "code-server").module("vision", "minio").module("vision", "mlflow").build();
        var objects = renderer.render(state);
        var jupyter = find(objects, GenericKubernetesResource.class, "HelmRelease", "nova-vision", "jupyterhub");
        assertThat(at(spec(jupyter), "values.singleuser.extraEnv.MLFLOW_TRACKING_URI"))
                .isEqualTo("http://mlflow.nova-vision.svc.cluster.local:80");
        var codeServer = find(objects, GenericKubernetesResource.class, "HelmRelease", "nova-vision", "code-server");
        assertThat(at(spec(codeServer), "values.env").toString()).contains("MLFLOW_TRACKING_URI");
        var mlflow = find(objects, GenericKubernetesResource.class, "HelmRelease", "nova-vision", "mlflow");
        assertThat(at(spec(mlflow), "values.extraEnvVars.MLFLOW_S3_ENDPOINT_URL"))
                .isEqualTo("http://minio.nova-vision.svc.cluster.local:9000");
        assertThat(spec(mlflow).get("dependsOn")).isEqualTo(List.of(Map.of("name", "minio")));
        assertThat(at(spec(mlflow), "driftDetection.mode")).isEqualTo("enabled");
        assertThat(at(spec(mlflow), "install.remediation.retries")).isEqualTo(3);
        var source = find(objects, GenericKubernetesResource.class, "HelmRepository", "nova-vision", "mlflow");
        assertThat(spec(source).get("url")).isEqualTo("https://community-charts.github.io/helm-charts");
    }

    @Test
    void without_mlflow_notebooks_get_no_tracking_uri_and_admin_values_win_over_defaults() {
        var state = DesiredStates.gitops().tenant("vision")
                .module("vision", "jupyterhub", true, Map.of("cull", Map.of("timeout", 7200))).build();
        var jupyter = find(renderer.render(state), GenericKubernetesResource.class, "HelmRelease", "nova-vision",
                "jupyterhub");
        assertThat(at(spec(jupyter), "values.singleuser.extraEnv")).isNull();
        assertThat(at(spec(jupyter), "values.cull.timeout")).isEqualTo(7200);
        assertThat(at(spec(jupyter), "values.cull.enabled")).isEqualTo(true);
    }

    @Test
    void a_tools_generated_credentials_and_oidc_client_are_synced_from_the_tenants_vault_paths() {
        var state = DesiredStates.gitops().tenant("vision").module("vision", "minio").module("vision", "mlflow")
                .build();
        var objects = renderer.render(state);

        var rootCredentials = find(objects, GenericKubernetesResource.class, "ExternalSecret", "nova-vision",
                "minio-root-credentials");
        assertThat(at(spec(rootCredentials), "target.name")).isEqualTo("minio-root-credentials");
        assertThat(at(spec(rootCredentials), "secretStoreRef")).isEqualTo(Map.of("name", "nova", "kind", "SecretStore"));
        assertThat(spec(rootCredentials).get("data")).isEqualTo(List.of(
                Map.of("secretKey", "rootUser", "remoteRef",
                        Map.of("key", "tenants/vision/credentials/minio-root-credentials", "property", "rootUser")),
                Map.of("secretKey", "rootPassword", "remoteRef",
                        Map.of("key", "tenants/vision/credentials/minio-root-credentials", "property", "rootPassword"))));
        var client = find(objects, GenericKubernetesResource.class, "ExternalSecret", "nova-vision", "nova-oidc-mlflow");
        assertThat(spec(client).get("data").toString())
                .contains("secretKey=client-id", "key=tenants/vision/oidc/mlflow", "property=client_secret");
        var store = find(objects, GenericKubernetesResource.class, "SecretStore", "nova-vision", "nova");
        assertThat(at(spec(store), "provider.vault.path")).isEqualTo("nova");
        assertThat(at(spec(store), "provider.vault.version")).isEqualTo("v2");
    }

    @Test
    void a_stored_per_pod_delivery_mode_delivers_like_external_secrets() {
        var stored = DesiredStates.gitops().tenant("vision").module("vision", "minio")
                .module("vision", "mlflow", io.nova.platform.core.module.SecretDelivery.CSI).build();
        var current = DesiredStates.gitops().tenant("vision").module("vision", "minio")
                .module("vision", "mlflow", io.nova.platform.core.module.SecretDelivery.EXTERNAL_SECRETS).build();

        // only the MLCluster, which records the intent as written, tells them apart
        assertThat(renderer.render(stored).stream().filter(o -> !o.getKind().equals("MLCluster"))
                .map(CanonicalYaml::of).toList()).isEqualTo(renderer.render(current).stream()
                .filter(o -> !o.getKind().equals("MLCluster")).map(CanonicalYaml::of).toList());
    }

    @Test
    void a_tool_switched_off_gets_no_secrets_and_a_tenant_without_tools_no_secret_store() {
        var state = DesiredStates.gitops().tenant("vision").module("vision", "minio", false, Map.of()).build();

        assertThat(renderer.render(state)).extracting(HasMetadata::getKind)
                .doesNotContain("ExternalSecret", "SecretStore");
    }

    @Test
    void a_switched_off_module_stays_in_the_mlcluster_but_has_no_release() {
        var state = DesiredStates.gitops().tenant("vision").module("vision", "airflow", false, Map.of()).build();
        var objects = renderer.render(state);
        assertThat(objects).noneMatch(o -> o.getKind().equals("HelmRelease"));
        var mlCluster = find(objects, MLCluster.class, "MLCluster", "nova-vision", "vision");
        assertThat(mlCluster.getSpec().getModules().get("airflow").enabled()).isFalse();
    }

    @Test
    void oci_charts_get_an_oci_repository_and_a_chart_ref() {
        var state = DesiredStates.gitops().module(null, "kserve-controller").build();
        var objects = renderer.render(state);
        var source = find(objects, GenericKubernetesResource.class, "OCIRepository", "flux-system", "kserve-controller");
        assertThat(spec(source).get("url").toString()).startsWith("oci://");
        var release = find(objects, GenericKubernetesResource.class, "HelmRelease", "flux-system", "kserve-controller");
        assertThat(spec(release).get("chartRef")).isEqualTo(Map.of("kind", "OCIRepository", "name", "kserve-controller"));
    }

    @Test
    void every_rendered_custom_object_validates_against_its_upstream_schema() {
        var state = DesiredStates.gitops()
                .pool("t4", "T4", 2, 4, GpuSharing.timeSlicing(4, false, false))
                .pool("h100", "H100-80GB", 1, 8, GpuSharing.migDevices(MigStrategy.mixed, Map.of("3g.40gb", 2)))
                .tenant("vision", "vision-admins").quota("vision", "t4", "nvidia.com/gpu", 2, 4)
                .module("vision", "jupyterhub").module("vision", "minio").module("vision", "mlflow")
                .module("vision", "airflow").module("vision", "kserve").module("vision", "kuberay")
                .module("vision", "code-server")
                .module(null, "node-feature-discovery").module(null, "gpu-operator")
                .module(null, "kube-prometheus-stack").module(null, "neuvector").build();
        var custom = renderer.render(state).stream()
                .filter(o -> !o.getApiVersion().equals("v1") && !o.getApiVersion().equals("apps/v1")
                        && !o.getApiVersion().contains("k8s.io/"))
                .toList();
        assertThat(custom).extracting(HasMetadata::getKind).contains("HelmRelease", "HelmRepository",
                "OCIRepository", "GitRepository", "Kustomization", "MLCluster", "MLInfrastructure", "SecretStore",
                "ExternalSecret");
        custom.forEach(UpstreamSchemas::assertValid);
    }

    @Test
    void the_same_input_renders_byte_identical_yaml() {
        var first = DesiredStates.gitops().pool("t4", "T4", 2, 4, GpuSharing.timeSlicing(4, false, false))
                .tenant("b").tenant("a").module("a", "jupyterhub").module("b", "minio").build();
        String once = renderer.render(first).stream().map(CanonicalYaml::of).reduce("", String::concat);
        String twice = renderer.render(first).stream().map(CanonicalYaml::of).reduce("", String::concat);
        assertThat(twice).isEqualTo(once);
        assertThat(renderer.render(first)).extracting(ClusterRenderer::id).startsWith("Namespace gpu-operator", "Namespace nova-a", "Namespace nova-agent", "Namespace nova-b");
    }
}
