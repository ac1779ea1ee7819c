package io.nova.platform.core.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.cluster.DeliveryMode;
import io.nova.platform.core.cluster.GitOpsTarget;
import io.nova.platform.core.desired.ClusterUnits;
import io.nova.platform.core.module.ModuleCatalog;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.tenant.TenantRevision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which units a reconcile covers: dirty ones, gone ones, unsettled ones and a round-robin batch of clean ones. */
class ReconcileUnitsTest {

    private static final ClusterView LAB = new ClusterView("lab", DeliveryMode.GITOPS, null, null,
            new GitOpsTarget("file:///tmp/lab", "main", "clusters/lab"), null, 0, Instant.EPOCH, Instant.EPOCH);

    private final ReconcileUnits units = new ReconcileUnits(1);

    /** Four tenants; b has the given revision. */
    private static ClusterUnits fleet(long revisionOfB, String... tenants) {
        var revisions = (tenants.length == 0 ? List.of("a", "b", "c", "d") : List.of(tenants)).stream()
                .map(slug -> new TenantRevision(slug, "nova-" + slug, slug.equals("b") ? revisionOfB : 1)).toList();
        return new ClusterUnits(LAB, List.of(), List.of(), revisions);
    }

    private ReconcileUnits.Selection deliver(ClusterUnits desired) {
        var current = ReconcileUnits.of(desired);
        var selection = units.select(desired.cluster(), current);
        units.delivered(desired.cluster(), selection, selection.units(), true);
        return selection;
    }

    @Test
    void a_changed_guarantee_on_a_pool_makes_the_clusters_own_unit_dirty_too() {
        var before = new ClusterUnits(LAB, List.of(), List.of(), fleet(1).tenants(),
                java.util.Map.of("t4", java.util.Map.of("nvidia.com/gpu", 4L)));
        var after = new ClusterUnits(LAB, List.of(), List.of(), fleet(2).tenants(),
                java.util.Map.of("t4", java.util.Map.of("nvidia.com/gpu", 6L)));
        deliver(before);

        var selection = deliver(after);

        assertThat(selection.dirty()).contains(ReconcileUnits.CLUSTER, "b");
    }

    @Test
    void switching_kueue_on_redelivers_every_tenant_but_another_cluster_component_does_not() {
        var catalog = ModuleCatalog.loadDefault();
        BiFunction<String, Boolean, ModuleSnapshot> install = (key, enabled) -> new ModuleSnapshot(null,
                catalog.find(key).orElseThrow(), enabled, "1", Map.of(), null, 1, null);
        var tenants = fleet(1).tenants();
        deliver(new ClusterUnits(LAB, List.of(), List.of(install.apply("kueue", false)), tenants));

        var otherComponent = deliver(new ClusterUnits(LAB, List.of(),
                List.of(install.apply("kueue", false), install.apply("gpu-operator", true)), tenants));
        var kueueOn = deliver(new ClusterUnits(LAB, List.of(),
                List.of(install.apply("kueue", true), install.apply("gpu-operator", true)), tenants));

        assertThat(otherComponent.dirty()).containsExactly(ReconcileUnits.CLUSTER);
        assertThat(kueueOn.dirty()).containsExactly(ReconcileUnits.CLUSTER, "a", "b", "c", "d");
    }

    @Test
    void the_first_reconcile_of_a_cluster_covers_everything() {
        var selection = units.select(LAB, ReconcileUnits.of(fleet(1)));

        assertThat(selection.all()).isTrue();
        assertThat(selection.units()).extracting(ReconcileUnits.Unit::key).containsExactly("", "a", "b", "c", "d");
    }

    @Test
    void with_nothing_changed_a_reconcile_checks_one_batch_of_units_round_robin() {
        deliver(fleet(1));

        var first = deliver(fleet(1));
        var second = deliver(fleet(1));

        assertThat(first.all()).isFalse();
        assertThat(first.dirty()).isEmpty();
        assertThat(first.units()).hasSize(1);
        assertThat(second.units()).hasSize(1).doesNotContainAnyElementsOf(first.units());
    }

    @Test
    void a_change_to_one_tenant_selects_that_tenant_and_one_drift_check() {
        deliver(fleet(1));

        var selection = deliver(fleet(2));

        assertThat(selection.all()).isFalse();
        assertThat(selection.dirty()).containsExactly("b");
        assertThat(selection.units()).extracting(ReconcileUnits.Unit::key).hasSize(2).startsWith("b")
                .doesNotHaveDuplicates();
    }

    @Test
    void the_reconcile_of_a_change_takes_only_what_changed() {
        deliver(fleet(1));

        var selection = units.select(LAB, ReconcileUnits.of(fleet(2)), false, List.of());

        assertThat(selection.all()).isFalse();
        assertThat(selection.units()).extracting(ReconcileUnits.Unit::key).containsExactly("b");
        assertThat(units.select(LAB, ReconcileUnits.of(fleet(1)), false, List.of()).isEmpty())
                .as("nothing changed, nothing to do").isTrue();
    }

    @Test
    void tenants_whose_tools_have_not_settled_are_taken_again_although_unchanged() {
        deliver(fleet(1));

        var selection = units.select(LAB, ReconcileUnits.of(fleet(2)), false, List.of("c", "b", "gone"));

        assertThat(selection.units()).extracting(ReconcileUnits.Unit::key).containsExactly("b", "c");
        assertThat(selection.dirty()).containsExactly("b");
    }

    @Test
    void a_change_of_the_pools_makes_every_tenant_dirty() {
        deliver(fleet(1));
        var withPool = new ClusterUnits(LAB, List.of(new io.nova.platform.core.gpu.PoolSnapshot("h100", null, 1, 8,
                Map.of(), null, new java.util.TreeMap<>())), List.of(), fleet(1).tenants());

        var selection = units.select(LAB, ReconcileUnits.of(withPool), false, List.of());

        assertThat(selection.dirty()).containsExactly("", "a", "b", "c", "d");
    }

    @Test
    void a_tenant_that_is_gone_is_removed_with_its_namespace() {
        deliver(fleet(1));

        var selection = deliver(fleet(1, "a", "b", "d"));

        assertThat(selection.removed()).extracting(ReconcileUnits.Unit::namespace).containsExactly("nova-c");
        assertThat(units.select(LAB, ReconcileUnits.of(fleet(1, "a", "b", "d")), false, List.of()).removed())
                .as("removed once delivered").isEmpty();
    }

    @Test
    void a_failed_delivery_leaves_its_units_dirty() {
        deliver(fleet(1));
        var current = ReconcileUnits.of(fleet(2));
        units.select(LAB, current); // delivered(...) is not called: it failed

        assertThat(units.select(LAB, current).dirty()).containsExactly("b");
    }

    @Test
    void a_delivery_in_parts_remembers_the_parts_that_went_through() {
        var current = ReconcileUnits.of(fleet(1));
        var everything = units.select(LAB, current);
        var firstPart = everything.units().subList(0, 3);
        units.delivered(LAB, everything, firstPart, true); // the second part failed

        var next = units.select(LAB, current, false, List.of());

        assertThat(next.all()).isFalse();
        assertThat(next.dirty()).containsExactly("c", "d");
    }

    @Test
    void a_target_still_at_the_version_it_was_verified_at_is_untouched() {
        assertThat(units.untouched(LAB, "tree-1")).as("nothing delivered yet").isFalse();
        deliver(fleet(1));
        units.verified(LAB, "tree-1");

        assertThat(units.untouched(LAB, "tree-1")).isTrue();
        assertThat(units.untouched(LAB, "tree-2")).as("someone else changed it").isFalse();
        assertThat(units.untouched(LAB, null)).as("a target that cannot tell").isFalse();
        assertThat(units.verified(LAB)).isEqualTo("tree-1");
    }

    @Test
    void a_new_delivery_target_or_a_forgotten_cluster_is_not_untouched() {
        deliver(fleet(1));
        units.verified(LAB, "tree-1");
        var moved = new ClusterView("lab", DeliveryMode.GITOPS, null, null,
                new GitOpsTarget("file:///tmp/elsewhere", "main", "clusters/lab"), null, 0, Instant.EPOCH,
                Instant.EPOCH);

        assertThat(units.untouched(moved, "tree-1")).isFalse();
        units.forget("lab");
        assertThat(units.untouched(LAB, "tree-1")).isFalse();
    }
}
