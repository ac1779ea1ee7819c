package io.nova.platform.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nova.platform.k8s.crd.MLCluster;
import io.nova.platform.k8s.crd.MLClusterSpec;
import io.nova.platform.k8s.crd.ModuleSpec;
import io.nova.platform.k8s.delivery.CanonicalYaml;
import io.nova.platform.k8s.render.ClusterRenderer;
import io.nova.platform.k8s.render.DesiredStates;
import io.nova.platform.k8s.render.RenderSettings;

/** The expansion of an MLCluster is a pure function; these tests need no API server. */
class MLClusterExpanderTest {

    @Test
    void a_hand_written_mlcluster_gets_the_reconciler_identity_its_groups_and_only_what_a_tenant_admin_may_set() {
        var mlCluster = mlCluster(Map.of("jupyterhub", new ModuleSpec(true, null, null, null),
                "minio", new ModuleSpec(true, null, Map.of("rootUser", "admin"), null)));
        mlCluster.getSpec().setOwnerGroups(List.of("vision-admins", "system:authenticated"));
        mlCluster.getSpec().setMemberGroups(List.of("vision-users", "*"));

        MLClusterExpander.Expansion expansion = expander.expand(mlCluster);

        var binding = (io.fabric8.kubernetes.api.model.rbac.RoleBinding) expansion.objects().stream()
                .filter(o -> o.getKind().equals("RoleBinding") && o.getMetadata().getName().equals("nova-reconciler"))
                .findFirst().orElseThrow();
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo("nova-tenant-reconciler");
        assertThat(expansion.objects()).extracting(HasMetadata::getKind, o -> o.getMetadata().getName())
                .contains(org.assertj.core.groups.Tuple.tuple("ServiceAccount", "nova-reconciler"),
                        org.assertj.core.groups.Tuple.tuple("RoleBinding", "nova-tenant-admin"),
                        org.assertj.core.groups.Tuple.tuple("RoleBinding", "nova-tenant-viewer"),
                        org.assertj.core.groups.Tuple.tuple("LimitRange", "nova-defaults"),
                        org.assertj.core.groups.Tuple.tuple("NetworkPolicy", "nova-default-deny"))
                .doesNotContain(org.assertj.core.groups.Tuple.tuple("ResourceQuota", "nova-quota"));
        assertThat(expansion.objects().stream().map(CanonicalYaml::of).reduce("", String::concat))
                .contains("name: vision-admins", "name: vision-users")
                .doesNotContain("system:authenticated", "name: '*'");
        assertThat(expansion.refused()).extracting(MLClusterExpander.Refusal::reason)
                .containsExactly(MLClusterExpander.INVALID_GROUPS, MLClusterExpander.INVALID_GROUPS);
        assertThat(expansion.problems()).extracting(MLClusterExpander.ModuleExpansion::key,
                MLClusterExpander.ModuleExpansion::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("minio", MLClusterExpander.INVALID_VALUES));
    }

    /** The objects the modules expand to, without the namespace's identity. */
    private static List<HasMetadata> modules(MLClusterExpander.Expansion expansion) {
        return expansion.objects().stream().filter(o -> CHILD_KINDS.contains(o.getKind())).toList();
    }

    private static final RenderSettings SETTINGS = new RenderSettings("flux-system", "gpu-operator",
            "https://vault.example.com/v1/identity/oidc/provider/nova", "https://vault.example.com", "kubernetes");
    private static final Set<String> CHILD_KINDS = Set.of("HelmRepository", "OCIRepository", "HelmRelease",
            "Ingress");

    private final MLClusterExpander expander = new MLClusterExpander(DesiredStates.MODULES, SETTINGS, "lab",
            "example.com");

    @Test
    void aPlatformRenderedMLClusterExpandsToExactlyWhatThePlatformRendersForThatTenant() {
        var state = DesiredStates.direct().tenant("vision", "vision-admins")
                .module("vision", "jupyterhub").module("vision", "mlflow").module("vision", "minio").build();
        List<HasMetadata> rendered = new ClusterRenderer(SETTINGS).render(state);
        MLCluster mlCluster = rendered.stream().filter(MLCluster.class::isInstance).map(MLCluster.class::cast)
                .findFirst().orElseThrow();
        List<String> platform = rendered.stream()
                .filter(o -> CHILD_KINDS.contains(o.getKind()) && "nova-vision".equals(o.getMetadata().getNamespace()))
                .map(CanonicalYaml::of).toList();

        // as the operator sees it: the MLCluster after a round trip through the API server's JSON
        var serialization = new KubernetesSerialization();
        MLCluster fromServer = serialization.unmarshal(serialization.asJson(mlCluster), MLCluster.class);
        MLClusterExpander.Expansion expansion = expander.expand(fromServer);

        assertThat(platform).hasSize(9);
        assertThat(modules(expansion)).extracting(CanonicalYaml::of).containsExactlyElementsOf(platform);
        assertThat(expansion.hasProblems()).isFalse();
        assertThat(expansion.modules()).extracting(MLClusterExpander.ModuleExpansion::key)
                .containsExactly("jupyterhub", "minio", "mlflow");
        assertThat(expansion.objects()).filteredOn(o -> o.getKind().equals("HelmRelease"))
                .extracting(o -> o.getMetadata().getName()).containsExactly("jupyterhub", "minio", "mlflow");
        // the wiring is there: OIDC with the UI's callback, MLflow's tracking URI, MinIO for MLflow
        assertThat(CanonicalYaml.of(release(expansion, "jupyterhub")))
                .contains("MLFLOW_TRACKING_URI: http://mlflow.nova-vision.svc.cluster.local:80")
                .contains("oauth_callback_url: https://");
        assertThat(CanonicalYaml.of(release(expansion, "mlflow")))
                .contains("MLFLOW_S3_ENDPOINT_URL: http://minio.nova-vision.svc.cluster.local:9000");
    }

    @Test
    void aSwitchedOffModuleExpandsToNothingAndNoWiringPointsAtIt() {
        MLClusterExpander.Expansion expansion = expander.expand(mlCluster(Map.of(
                "jupyterhub", new ModuleSpec(true, null, null, null),
                "mlflow", new ModuleSpec(false, null, null, null))));

        assertThat(expansion.hasProblems()).isFalse();
        assertThat(modules(expansion)).extracting(HasMetadata::getKind, o -> o.getMetadata().getName())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("HelmRepository", "jupyterhub"),
                        org.assertj.core.groups.Tuple.tuple("HelmRelease", "jupyterhub"),
                        org.assertj.core.groups.Tuple.tuple("Ingress", "jupyterhub"));
        assertThat(CanonicalYaml.of(release(expansion, "jupyterhub"))).doesNotContain("MLFLOW_TRACKING_URI")
                .contains("version: 4.4.0");
    }

    @Test
    void unknownModulesAndUnsupportedVersionsAreNotExpandedButReportedWithAReason() {
        MLClusterExpander.Expansion expansion = expander.expand(mlCluster(Map.of(
                "jupyterhub", new ModuleSpec(true, "4.3.5", null, null),
                "jupyterhbu", new ModuleSpec(true, null, null, null),
                "code-server", new ModuleSpec(true, "0.0.1", null, null))));

        assertThat(modules(expansion)).extracting(o -> o.getMetadata().getName()).containsOnly("jupyterhub");
        assertThat(expansion.problems()).extracting(MLClusterExpander.ModuleExpansion::key,
                MLClusterExpander.ModuleExpansion::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("jupyterhbu", MLClusterExpander.UNKNOWN_MODULE),
                org.assertj.core.groups.Tuple.tuple("code-server", MLClusterExpander.UNSUPPORTED_VERSION));
        assertThat(expansion.problems().get(1).problem()).contains("Unknown module 'jupyterhbu'")
                .contains("jupyterhub");
        assertThat(expansion.problems().getFirst().problem())
                .isEqualTo("Version '0.0.1' of module 'code-server' is not supported; supported are 3.0.0");
    }

    @Test
    void clusterModulesUnknownValuesAndMissingDependenciesAreRefusedToo() {
        MLClusterExpander.Expansion expansion = expander.expand(mlCluster(Map.of(
                "gpu-operator", new ModuleSpec(true, null, null, null),
                "jupyterhub", new ModuleSpec(true, null, Map.of("no-such-key", 1), null),
                "mlflow", new ModuleSpec(true, null, null, null))));

        assertThat(expansion.objects()).isEmpty();
        assertThat(expansion.problems()).extracting(MLClusterExpander.ModuleExpansion::key,
                MLClusterExpander.ModuleExpansion::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("gpu-operator", MLClusterExpander.CLUSTER_MODULE),
                org.assertj.core.groups.Tuple.tuple("jupyterhub", MLClusterExpander.INVALID_VALUES),
                org.assertj.core.groups.Tuple.tuple("mlflow", MLClusterExpander.MISSING_DEPENDENCY));
        assertThat(expansion.problems().getLast().problem())
                .isEqualTo("Module 'mlflow' needs 'minio', which is not listed in this MLCluster; enable it");
    }

    @Test
    void theOwnerOfAnMLClustersChildrenIsAValidLabelValueEvenForLongNames() {
        assertThat(MLClusterOperator.ownerOf("team-a", "lab")).isEqualTo("mlc.team-a.lab");
        String longName = "a-very-long-mlcluster-name-that-someone-typed-by-hand.with.dots";
        String owner = MLClusterOperator.ownerOf("a-namespace-with-a-long-name", longName);
        assertThat(owner).hasSizeLessThanOrEqualTo(63).startsWith("mlc.a-namespace-with-a-long-name.")
                .matches("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
        assertThat(MLClusterOperator.ownerOf("a-namespace-with-a-long-name", longName + "x")).isNotEqualTo(owner);
    }

    private static MLCluster mlCluster(Map<String, ModuleSpec> modules) {
        var mlCluster = new MLCluster();
        mlCluster.setMetadata(new ObjectMetaBuilder().withName("lab").withNamespace("team-a").build());
        mlCluster.setSpec(new MLClusterSpec("team-a", null, modules));
        return mlCluster;
    }

    private static GenericKubernetesResource release(MLClusterExpander.Expansion expansion, String name) {
        return expansion.objects().stream()
                .filter(o -> o.getKind().equals("HelmRelease") && o.getMetadata().getName().equals(name))
                .map(GenericKubernetesResource.class::cast).findFirst().orElseThrow();
    }
}
