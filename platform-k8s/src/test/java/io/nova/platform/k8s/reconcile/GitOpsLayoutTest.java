package io.nova.platform.k8s.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.nova.platform.k8s.gitops.PathScope;
import org.junit.jupiter.api.Test;

class GitOpsLayoutTest {

    private static final List<String> TENANTS = List.of("nova-a", "nova-b", "nova-c");
    private static final List<String> PATHS = List.of("nova-a/helmrelease-minio.yaml", "nova-b/helmrelease-minio.yaml",
            "nova-b/extra/nested.yaml", "nova-c/mlcluster-c.yaml", "_cluster/namespace-nova-a.yaml",
            "_cluster/namespace-nova-b.yaml", "_cluster/clusterrole-nova-tenant-admin.yaml",
            "_cluster/namespace-nova-b.yaml/odd.yaml", "flux-system/kustomization-nova-platform.yaml",
            "gpu-operator/configmap-nova-device-plugin-config.yaml", "README.md");

    @Test
    void a_partial_scope_rules_out_exactly_the_folders_that_hold_none_of_its_files() {
        for (PathScope scope : List.of(GitOpsLayout.scope(List.of("nova-b"), false, TENANTS),
                GitOpsLayout.scope(List.of(), true, TENANTS), GitOpsLayout.scope(List.of("nova-a"), true, TENANTS),
                GitOpsLayout.scope(List.of(), false, TENANTS))) {
            for (String path : PATHS) {
                if (scope.test(path)) {
                    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                        assertThat(scope.mayHold(path.substring(0, slash))).as("folder of " + path).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void one_tenants_scope_keeps_the_repository_out_of_the_other_tenants_and_the_clusters_folders() {
        PathScope scope = GitOpsLayout.scope(List.of("nova-b"), false, TENANTS);

        assertThat(scope.mayHold("nova-b")).isTrue();
        assertThat(scope.mayHold("_cluster")).as("its Namespace file").isTrue();
        assertThat(List.of("nova-a", "nova-c", "flux-system", "gpu-operator", "_cluster/sub"))
                .noneMatch(scope::mayHold);
    }

    @Test
    void the_clusters_scope_reaches_every_folder_but_the_tenants() {
        PathScope scope = GitOpsLayout.scope(List.of(), true, TENANTS);

        assertThat(List.of("_cluster", "flux-system", "gpu-operator", "anything/below")).allMatch(scope::mayHold);
        assertThat(List.of("nova-a", "nova-b/extra")).noneMatch(scope::mayHold);
    }

    @Test
    void a_partial_git_delivery_touches_only_its_tenants_folders_and_namespace_files() {
        var scope = GitOpsLayout.scope(List.of("nova-b"), false, List.of("nova-a", "nova-b", "nova-c"));

        assertThat(scope.test("nova-b/helmrelease-minio.yaml")).isTrue();
        assertThat(scope.test("_cluster/namespace-nova-b.yaml")).isTrue();
        assertThat(scope.test("nova-a/helmrelease-minio.yaml")).isFalse();
        assertThat(scope.test("_cluster/namespace-nova-a.yaml")).isFalse();
        assertThat(scope.test("_cluster/clusterrole-nova-tenant-admin.yaml")).isFalse();
        assertThat(scope.test("flux-system/kustomization-nova-platform.yaml")).isFalse();
    }

    @Test
    void the_clusters_own_delivery_also_owns_what_belongs_to_no_known_tenant() {
        var withCluster = GitOpsLayout.scope(List.of(), true, List.of("nova-a", "nova-b"));

        assertThat(withCluster.test("_cluster/clusterrole-nova-tenant-admin.yaml")).isTrue();
        assertThat(withCluster.test("flux-system/kustomization-nova-platform.yaml")).isTrue();
        assertThat(withCluster.test("nova-gone/helmrelease-minio.yaml")).as("leftover of a deleted tenant").isTrue();
        assertThat(withCluster.test("nova-a/helmrelease-minio.yaml")).isFalse();
        assertThat(withCluster.test("_cluster/namespace-nova-b.yaml")).isFalse();
    }

    @Test
    void a_tenants_kueue_cluster_queue_belongs_to_the_tenant_not_to_the_cluster() {
        PathScope tenant = GitOpsLayout.scope(List.of("nova-b"), false, TENANTS);
        PathScope cluster = GitOpsLayout.scope(List.of(), true, TENANTS);

        assertThat(tenant.test("_cluster/clusterqueue-nova-b.yaml")).isTrue();
        assertThat(tenant.test("_cluster/clusterqueue-nova-a.yaml")).isFalse();
        assertThat(cluster.test("_cluster/clusterqueue-nova-b.yaml")).as("the cluster's delivery leaves it alone")
                .isFalse();
        assertThat(cluster.test("_cluster/cohort-nova-lab.yaml")).isTrue();
    }
}
