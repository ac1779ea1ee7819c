package io.nova.platform.k8s.reconcile;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GitOpsLayoutTest {

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
}
