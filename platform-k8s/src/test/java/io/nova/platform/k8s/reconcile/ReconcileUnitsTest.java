package io.nova.platform.k8s.reconcile;

import java.util.List;
import java.util.Map;

import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.k8s.render.DesiredStates;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which units a reconcile covers: dirty ones, gone ones and a round-robin batch of clean ones. */
class ReconcileUnitsTest {

    private final ReconcileUnits units = new ReconcileUnits(1);

    private static DesiredState fleet(String quotaOfB) {
        return DesiredStates.gitops().tenant("a").tenant("b").tenant("c").tenant("d")
                .module("b", "minio", true, Map.of("persistence", Map.of("size", quotaOfB))).build();
    }

    private ReconcileUnits.Selection deliver(DesiredState state) {
        var current = ReconcileUnits.of(state);
        var selection = units.select(state.cluster(), current);
        units.delivered(state.cluster(), selection, current);
        return selection;
    }

    @Test
    void the_first_reconcile_of_a_cluster_covers_everything() {
        var selection = units.select(fleet("50Gi").cluster(), ReconcileUnits.of(fleet("50Gi")));

        assertThat(selection.all()).isTrue();
        assertThat(selection.units()).extracting(ReconcileUnits.Unit::key).containsExactly("", "a", "b", "c", "d");
    }

    @Test
    void with_nothing_changed_a_reconcile_checks_one_batch_of_units_round_robin() {
        deliver(fleet("50Gi"));

        var first = deliver(fleet("50Gi"));
        var second = deliver(fleet("50Gi"));

        assertThat(first.all()).isFalse();
        assertThat(first.dirty()).isEmpty();
        assertThat(first.units()).hasSize(1);
        assertThat(second.units()).hasSize(1).doesNotContainAnyElementsOf(first.units());
    }

    @Test
    void a_change_to_one_tenant_selects_that_tenant_and_one_drift_check() {
        deliver(fleet("50Gi"));

        var selection = deliver(fleet("80Gi"));

        assertThat(selection.all()).isFalse();
        assertThat(selection.dirty()).containsExactly("b");
        assertThat(selection.units()).extracting(ReconcileUnits.Unit::key).hasSize(2).startsWith("b")
                .doesNotHaveDuplicates();
    }

    @Test
    void the_reconcile_of_a_change_takes_only_what_changed() {
        deliver(fleet("50Gi"));
        var current = ReconcileUnits.of(fleet("80Gi"));

        var selection = units.select(fleet("80Gi").cluster(), current, false);

        assertThat(selection.all()).isFalse();
        assertThat(selection.units()).extracting(ReconcileUnits.Unit::key).containsExactly("b");
        assertThat(units.select(fleet("50Gi").cluster(), ReconcileUnits.of(fleet("50Gi")), false).units())
                .as("nothing changed, nothing to do").isEmpty();
    }

    @Test
    void a_tenant_that_is_gone_is_removed_with_its_namespace() {
        deliver(fleet("50Gi"));
        DesiredState withoutC = DesiredStates.gitops().tenant("a").tenant("b").tenant("d")
                .module("b", "minio", true, Map.of("persistence", Map.of("size", "50Gi"))).build();

        var selection = deliver(withoutC);

        assertThat(selection.removed()).extracting(ReconcileUnits.Unit::namespace).containsExactly("nova-c");
        assertThat(selection.tenantNamespaces()).contains("nova-c");
    }

    @Test
    void a_failed_delivery_leaves_its_units_dirty() {
        deliver(fleet("50Gi"));
        var current = ReconcileUnits.of(fleet("80Gi"));
        units.select(fleet("80Gi").cluster(), current); // delivered(...) is not called: it failed

        assertThat(units.select(fleet("80Gi").cluster(), current).dirty()).containsExactly("b");
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

        var withCluster = GitOpsLayout.scope(List.of(), true, List.of("nova-a", "nova-b"));
        assertThat(withCluster.test("_cluster/clusterrole-nova-tenant-admin.yaml")).isTrue();
        assertThat(withCluster.test("flux-system/kustomization-nova-platform.yaml")).isTrue();
        assertThat(withCluster.test("nova-a/helmrelease-minio.yaml")).isFalse();
        assertThat(withCluster.test("_cluster/namespace-nova-b.yaml")).isFalse();
    }
}
