package io.nova.platform.k8s.reconcile;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.desired.PlannedChange;
import io.nova.platform.core.reconcile.DeliveryScope;
import io.nova.platform.core.tenant.TenantSnapshot;
import io.nova.platform.k8s.render.ClusterRenderer;
import io.nova.platform.k8s.delivery.DeliveryReport;

/** What both delivery targets share: the objects of a delivery's units, and its report as planned changes. */
final class Rendering {

    private Rendering() {
    }

    /** The cluster's own objects when the scope has them, and those of every tenant of the state in the scope. */
    static List<HasMetadata> of(ClusterRenderer renderer, DesiredState state, DeliveryScope scope) {
        var objects = new ArrayList<HasMetadata>();
        if (scope.cluster()) {
            objects.addAll(renderer.renderClusterUnit(state));
        }
        for (TenantSnapshot tenant : state.tenants()) {
            if (scope.tenants().contains(tenant.slug())) {
                objects.addAll(renderer.renderTenantUnit(state, tenant));
            }
        }
        return objects;
    }

    /** The report's changes, the first {@code diffs} of them with their diff (the others with none). */
    static List<PlannedChange> changes(DeliveryReport report, int diffs) {
        var changes = new ArrayList<PlannedChange>(report.changes().size());
        report.changes().forEach(c -> changes.add(new PlannedChange(c.type().name(), c.id(),
                changes.size() < diffs ? c.diff() : null)));
        return changes;
    }
}
