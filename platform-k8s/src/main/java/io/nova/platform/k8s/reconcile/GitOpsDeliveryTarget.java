package io.nova.platform.k8s.reconcile;

import java.util.List;

import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.reconcile.ChangeNote;
import io.nova.platform.core.reconcile.DeliveryScope;
import io.nova.platform.core.reconcile.DeliveryTarget;
import io.nova.platform.core.reconcile.Observation;
import io.nova.platform.core.reconcile.TargetDelivery;
import io.nova.platform.k8s.delivery.DeliveryReport;
import io.nova.platform.k8s.gitops.GitOpsRepository;
import io.nova.platform.k8s.gitops.PathScope;
import io.nova.platform.k8s.operator.ClusterOperators;
import io.nova.platform.k8s.render.ClusterRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GitOps cluster: its objects are files in a Git repository that Flux pulls, one commit per delivery that changes
 * anything. Status comes from the cluster where the platform can reach it (read-only), else from the commit.
 */
final class GitOpsDeliveryTarget implements DeliveryTarget {

    private static final Logger log = LoggerFactory.getLogger(GitOpsDeliveryTarget.class);

    private final ClusterView cluster;
    private final ClusterRenderer renderer;
    private final GitOpsRepository repository;
    /** null: the cluster is out of reach. */
    private final ClusterStatusReader status;
    private final ClusterOperators operators;

    GitOpsDeliveryTarget(ClusterView cluster, ClusterRenderer renderer, GitOpsRepository repository,
                         ClusterStatusReader status, ClusterOperators operators) {
        this.cluster = cluster;
        this.renderer = renderer;
        this.repository = repository;
        this.status = status;
        this.operators = operators;
    }

    @Override
    public TargetDelivery deliver(DesiredState state, DeliveryScope scope, boolean apply, ChangeNote note) {
        var objects = Rendering.of(renderer, state, scope);
        PathScope paths = scope.everything() ? PathScope.everything()
                : GitOpsLayout.scope(scope.namespaces(), scope.cluster(), scope.knownNamespaces());
        DeliveryReport report = apply ? repository.sync(GitOpsLayout.files(objects), paths, "nova-platform", note)
                : repository.plan(GitOpsLayout.lazyFiles(objects), paths, scope.diffs());
        return new TargetDelivery(report.revision(), Rendering.changes(report, scope.diffs()), List.of(),
                report.treeBefore(), report.treeAfter());
    }

    @Override
    public String version() {
        try {
            return repository.folderTree();
        } catch (RuntimeException e) {
            // Then drift is looked for unit by unit, and the delivery says what is wrong with the repository
            log.warn("Cluster {}: cannot read the GitOps folder's tree: {}", cluster.name(), e.getMessage());
            return null;
        }
    }

    @Override
    public boolean observes() {
        return status != null;
    }

    @Override
    public Observation observe(DesiredState state, String revision) {
        if (status != null) {
            try {
                // the agent reports on what Flux applied (MLInfrastructure, MLClusters) where one runs
                return renderer.settings().agent().enabled() ? status.readWithAgent(state, revision)
                        : status.read(state, revision);
            } catch (RuntimeException e) {
                // A cluster that cannot be read does not fail a delivery that reached Git
                log.warn("Cluster {}: delivered to Git, but its status cannot be read: {}", cluster.name(),
                        e.getMessage());
            }
        }
        return ClusterStatusReader.committed(state, revision);
    }

    @Override
    public void settled(ClusterView cluster, boolean leader) {
        if (operators != null) {
            operators.stop(cluster.name());
        }
    }
}
