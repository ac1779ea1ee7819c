package io.nova.platform.k8s.reconcile;

import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.reconcile.ChangeNote;
import io.nova.platform.core.reconcile.DeliveryScope;
import io.nova.platform.core.reconcile.DeliveryTarget;
import io.nova.platform.core.reconcile.Observation;
import io.nova.platform.core.reconcile.TargetDelivery;
import io.nova.platform.k8s.direct.ApiRateLimiter;
import io.nova.platform.k8s.direct.DirectDelivery;
import io.nova.platform.k8s.direct.DirectDeliveryResult;
import io.nova.platform.k8s.direct.DirectScope;
import io.nova.platform.k8s.direct.ManagedKind;
import io.nova.platform.k8s.operator.ClusterOperators;
import io.nova.platform.k8s.render.ClusterRenderer;

/**
 * A DIRECT cluster: the platform writes its objects through the API server (server-side apply, only what differs)
 * and reads their status back. Its operators run on the leading replica.
 */
final class DirectDeliveryTarget implements DeliveryTarget {

    private final ClusterView cluster;
    private final ClusterRenderer renderer;
    private final KubernetesClient client;
    private final ApiRateLimiter rateLimiter;
    private final ClusterStatusReader status;
    private final ClusterOperators operators;

    DirectDeliveryTarget(ClusterView cluster, ClusterRenderer renderer, KubernetesClient client,
                         ApiRateLimiter rateLimiter, ClusterOperators operators) {
        this.cluster = cluster;
        this.renderer = renderer;
        this.client = client;
        this.rateLimiter = rateLimiter;
        this.status = new ClusterStatusReader(() -> client, rateLimiter);
        this.operators = operators;
    }

    @Override
    public TargetDelivery deliver(DesiredState state, DeliveryScope scope, boolean apply, ChangeNote note) {
        List<HasMetadata> objects = Rendering.of(renderer, state, scope);
        var direct = new DirectDelivery(client, cluster.name(), rateLimiter, ManagedKind.DEFAULTS);
        // Lists only the scope's objects by label; leftovers of tenants deleted while the platform was down are found
        // by a delivery of everything (a cluster of at most part-size tenants), not by the parts of a larger one
        DirectScope owned = scope.everything() ? DirectScope.everything()
                : DirectScope.of(scope.cluster(), scope.tenants());
        DirectDeliveryResult result = apply ? direct.apply(objects, owned) : direct.plan(objects, owned);
        return new TargetDelivery(result.report().revision(), Rendering.changes(result.report(), scope.diffs()), result.problems());
    }

    @Override
    public boolean observes() {
        return true;
    }

    @Override
    public Observation observe(DesiredState state, String revision) {
        return status.read(state, revision);
    }

    @Override
    public void settled(ClusterView cluster, boolean leader) {
        if (operators == null) {
            return;
        }
        if (leader) {
            operators.start(cluster.name(), client);
        } else {
            operators.stopAll();
        }
    }
}
