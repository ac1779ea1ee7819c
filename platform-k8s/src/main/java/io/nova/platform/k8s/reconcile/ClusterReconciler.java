package io.nova.platform.k8s.reconcile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.cluster.DeliveryMode;
import io.nova.platform.core.cluster.SyncState;
import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.desired.ClusterDelivery;
import io.nova.platform.core.desired.DeliveryFailedException;
import io.nova.platform.core.desired.DeliveryOutcome;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.desired.DesiredStateReader;
import io.nova.platform.core.desired.OperatorLeadership;
import io.nova.platform.core.desired.PlannedChange;
import io.nova.platform.core.desired.ReconcileLock;
import io.nova.platform.core.identity.ProvisioningReport;
import io.nova.platform.core.identity.TenantSecrets;
import io.nova.platform.core.module.ModuleInstallService;
import io.nova.platform.core.serving.ModelDeploymentService;
import io.nova.platform.k8s.delivery.ChangeType;
import io.nova.platform.k8s.delivery.DeliveryReport;
import io.nova.platform.k8s.direct.ApiRateLimiter;
import io.nova.platform.k8s.direct.DirectDelivery;
import io.nova.platform.k8s.direct.DirectDeliveryResult;
import io.nova.platform.k8s.direct.ManagedKind;
import io.nova.platform.k8s.gitops.GitOpsRepository;
import io.nova.platform.k8s.operator.ClusterOperators;
import io.nova.platform.k8s.render.ClusterRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one cluster look like its desired state: read the snapshot, render, deliver (Git commit or API writes,
 * each only where something differs), then record the outcome and the modules' status. One reconcile per cluster at
 * a time; different clusters proceed in parallel.
 */
public class ClusterReconciler implements ClusterDelivery {

    private static final Logger log = LoggerFactory.getLogger(ClusterReconciler.class);

    private final DesiredStateReader reader;
    private final ClusterService clusters;
    private final ModuleInstallService modules;
    private final ClusterRenderer renderer;
    private final KubernetesClients kubernetesClients;
    private final Path gitopsCache;
    private final ApiRateLimiter rateLimiter = new ApiRateLimiter();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, GitOpsRepository> repositories = new ConcurrentHashMap<>();
    private final ClusterOperators operators;
    private final ReconcileLock reconcileLock;
    private final TenantSignOn signOn;
    private final ModuleStatusReader statusReader = new ModuleStatusReader(rateLimiter);
    private final ModelDeploymentStatusReader modelStatusReader = new ModelDeploymentStatusReader(rateLimiter);
    private final ModelDeploymentService models;
    private final ReconcileMetrics metrics;
    /** For remote GitOps repositories over HTTPS; null: none (public repositories, file URLs, SSH via GIT_SSH). */
    private final org.eclipse.jgit.transport.CredentialsProvider gitCredentials;
    private final OperatorLeadership leadership;
    /** What each cluster's reconciles delivered, unit by unit: a change renders and delivers only its units. */
    private final ReconcileUnits units;

    /** @param operators started for a DIRECT cluster after its first successful reconcile; null: none */
    public ClusterReconciler(DesiredStateReader reader, ClusterService clusters, ModuleInstallService modules,
                             ClusterRenderer renderer, KubernetesClients kubernetesClients, Path gitopsCache,
                             ClusterOperators operators, ReconcileLock reconcileLock, TenantSecrets secrets,
                             ModelDeploymentService models, ReconcileMetrics metrics,
                             org.eclipse.jgit.transport.CredentialsProvider gitCredentials,
                             OperatorLeadership leadership) {
        this(reader, clusters, modules, renderer, kubernetesClients, gitopsCache, operators, reconcileLock, secrets,
                models, metrics, gitCredentials, leadership, ReconcileProperties.DEFAULT_RESYNC_BATCH);
    }

    /** @param resyncBatch how many unchanged units each reconcile checks for drift, round robin */
    public ClusterReconciler(DesiredStateReader reader, ClusterService clusters, ModuleInstallService modules,
                             ClusterRenderer renderer, KubernetesClients kubernetesClients, Path gitopsCache,
                             ClusterOperators operators, ReconcileLock reconcileLock, TenantSecrets secrets,
                             ModelDeploymentService models, ReconcileMetrics metrics,
                             org.eclipse.jgit.transport.CredentialsProvider gitCredentials,
                             OperatorLeadership leadership, int resyncBatch) {
        this.reader = reader;
        this.clusters = clusters;
        this.modules = modules;
        this.renderer = renderer;
        this.kubernetesClients = kubernetesClients;
        this.gitopsCache = gitopsCache;
        this.operators = operators;
        this.reconcileLock = reconcileLock;
        this.signOn = new TenantSignOn(secrets);
        this.models = models;
        this.metrics = metrics;
        this.gitCredentials = gitCredentials;
        this.leadership = leadership;
        this.units = new ReconcileUnits(resyncBatch);
    }

    @Override
    public DeliveryOutcome plan(String cluster) {
        return underLock(cluster, () -> {
            DesiredState state = reader.read(cluster);
            try {
                Map<String, ProvisioningReport> vault = signOn.provision(state, false);
                var current = ReconcileUnits.of(state);
                return signOn.addTo(deliver(state, units.select(state.cluster(), current), current, false), vault);
            } catch (RuntimeException e) {
                throw new DeliveryFailedException("Plan failed: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public DeliveryOutcome reconcile(String cluster) {
        return metrics.timed(cluster, () -> reconcileNow(cluster, true));
    }

    @Override
    public DeliveryOutcome deliverChanges(String cluster) {
        return metrics.timed(cluster, () -> reconcileNow(cluster, false));
    }

    private DeliveryOutcome reconcileNow(String cluster, boolean checkDrift) {
        return underLock(cluster, () -> {
            DesiredState state = readOrStopOperators(cluster);
            try {
                Map<String, ProvisioningReport> vault = signOn.provision(state, true);
                var current = ReconcileUnits.of(state);
                ReconcileUnits.Selection selection = units.select(state.cluster(), current, checkDrift);
                DeliveryOutcome delivered = deliver(state, selection, current, true);
                DeliveryOutcome outcome = signOn.addTo(delivered, vault);
                boolean drift = !outcome.changes().isEmpty() && selection.dirty().isEmpty()
                        && selection.removed().isEmpty();
                startOperators(state);
                recordStatus(state, outcome.revision(), vault, selection);
                clusters.recordSync(cluster, outcome.problems().isEmpty() ? SyncState.SYNCED : SyncState.FAILED,
                        (drift ? "Drift corrected: " : "") + summary(outcome), outcome.revision());
                // What Git or the cluster now holds; a Vault problem of one tenant must not make every later
                // reconcile deliver the whole fleet again
                if (delivered.problems().isEmpty()) {
                    units.delivered(state.cluster(), selection, current);
                }
                return outcome;
            } catch (RuntimeException e) {
                log.warn("Reconcile of cluster {} failed", cluster, e);
                String message = "Reconcile failed: " + e.getMessage();
                clusters.recordSync(cluster, SyncState.FAILED, message, null);
                throw new DeliveryFailedException(message, e);
            }
        });
    }

    /**
     * Reads what the cluster reports back. DIRECT clusters always; GITOPS clusters when the platform can reach them
     * (a {@code credentialsRef} or {@code apiServer}), read-only, else their installs stay RECONCILING with the
     * commit. A GitOps cluster that cannot be read does not fail a delivery that reached Git.
     */
    private void recordStatus(DesiredState state, String revision, Map<String, ProvisioningReport> vault,
                              ReconcileUnits.Selection selection) {
        var cluster = state.cluster();
        if (cluster.deliveryMode() == DeliveryMode.GITOPS
                && (cluster.credentialsRef() != null || cluster.apiServer() != null)) {
            try {
                recordStatus(state, kubernetesClients.clientFor(cluster), revision, vault, selection);
                return;
            } catch (RuntimeException e) {
                log.warn("Cluster {}: delivered to Git, but its status cannot be read: {}", cluster.name(),
                        e.getMessage());
            }
        }
        recordStatus(state, cluster.deliveryMode() == DeliveryMode.DIRECT ? kubernetesClients.clientFor(cluster)
                : null, revision, vault, selection);
    }

    private void recordStatus(DesiredState state, KubernetesClient client, String revision,
                              Map<String, ProvisioningReport> vault, ReconcileUnits.Selection selection) {
        var statuses = signOn.decorate(statusReader.read(state, client, revision), state, vault);
        var modelStatuses = modelStatusReader.read(state, client, revision);
        if (client == null && !selection.all()) {
            // Without access to the cluster a status only says which commit holds an install: it is news for the
            // units this commit delivered, not for the rest of the fleet.
            var delivered = new java.util.HashSet<>(selection.dirty());
            statuses = statuses.stream().filter(status -> delivered.contains(
                    status.tenant() == null ? ReconcileUnits.CLUSTER : status.tenant())).toList();
            modelStatuses = modelStatuses.stream().filter(status -> delivered.contains(status.tenant())).toList();
        }
        modules.recordStatus(state.cluster().name(), statuses);
        models.recordStatus(state.cluster().name(), modelStatuses);
    }

    private DesiredState readOrStopOperators(String cluster) {
        try {
            return reader.read(cluster);
        } catch (NotFoundException e) {
            if (operators != null) {
                operators.stop(cluster);
            }
            units.forget(cluster);
            throw e;
        }
    }

    /** Operators run for DIRECT clusters, on one replica only: the one that holds the operator leadership. */
    private void startOperators(DesiredState state) {
        if (operators == null) {
            return;
        }
        if (!leadership.leads()) {
            operators.stopAll();
        } else if (state.cluster().deliveryMode() == DeliveryMode.DIRECT) {
            operators.start(state.cluster().name(), kubernetesClients.clientFor(state.cluster()));
        } else {
            operators.stop(state.cluster().name());
        }
    }

    /**
     * Renders and delivers what the selection covers: the whole cluster, or only some units, in which case nothing
     * outside them is read for pruning in Git or deleted from the cluster.
     */
    private DeliveryOutcome deliver(DesiredState state, ReconcileUnits.Selection selection,
                                    Map<String, ReconcileUnits.Unit> current, boolean apply) {
        ClusterView cluster = state.cluster();
        List<HasMetadata> objects = selection.all() ? renderer.render(state) : render(state, selection);
        String summary = summaryLine(cluster, selection);
        if (cluster.deliveryMode() == DeliveryMode.GITOPS) {
            GitOpsRepository repository = repository(cluster);
            var files = GitOpsLayout.files(objects);
            java.util.function.Predicate<String> scope = selection.all() ? path -> true
                    : GitOpsLayout.scope(selection.tenantNamespaces(), selection.includesCluster(),
                    ReconcileUnits.allTenantNamespaces(current, selection));
            DeliveryReport report = apply ? repository.sync(files, scope, "nova-platform", summary)
                    : repository.plan(files, scope);
            return outcome(cluster, apply, report, List.of());
        }
        KubernetesClient client = kubernetesClients.clientFor(cluster);
        var direct = new DirectDelivery(client, cluster.name(), rateLimiter, ManagedKind.DEFAULTS);
        io.nova.platform.k8s.direct.DirectScope scope = selection.all()
                ? io.nova.platform.k8s.direct.DirectScope.everything() : directScope(selection);
        DirectDeliveryResult result = apply ? direct.apply(objects, scope) : direct.plan(objects, scope);
        return outcome(cluster, apply, result.report(), result.problems());
    }

    private List<HasMetadata> render(DesiredState state, ReconcileUnits.Selection selection) {
        var objects = new java.util.ArrayList<HasMetadata>();
        for (ReconcileUnits.Unit unit : selection.units()) {
            objects.addAll(unit.cluster() ? renderer.renderClusterUnit(state)
                    : renderer.renderTenantUnit(state, state.tenant(unit.key())));
        }
        return objects;
    }

    /** Owned objects a partial direct delivery lists and may prune: its tenants', and the cluster's own if included. */
    private static io.nova.platform.k8s.direct.DirectScope directScope(ReconcileUnits.Selection selection) {
        var tenants = new java.util.HashSet<String>();
        selection.units().stream().filter(u -> !u.cluster()).forEach(u -> tenants.add(u.key()));
        selection.removed().forEach(u -> tenants.add(u.key()));
        return io.nova.platform.k8s.direct.DirectScope.of(selection.includesCluster(), tenants);
    }

    /** The commit's first line: which tenants changed, when a few did. */
    private static String summaryLine(ClusterView cluster, ReconcileUnits.Selection selection) {
        var tenants = selection.dirty().stream().filter(key -> !key.equals(ReconcileUnits.CLUSTER)).toList();
        var removed = selection.removed().stream().map(ReconcileUnits.Unit::key).toList();
        if (selection.all() && tenants.size() != 1 || tenants.size() + removed.size() > 3
                || tenants.isEmpty() && removed.isEmpty()) {
            return "Sync cluster %s".formatted(cluster.name());
        }
        var parts = new java.util.ArrayList<String>();
        tenants.forEach(t -> parts.add("tenant " + t));
        removed.forEach(t -> parts.add("tenant " + t + " removed"));
        return "Sync cluster %s: %s".formatted(cluster.name(), String.join(", ", parts));
    }

    private GitOpsRepository repository(ClusterView cluster) {
        var gitops = cluster.gitops();
        return repositories.computeIfAbsent(gitops.url() + "|" + gitops.branch() + "|" + gitops.path(),
                key -> new GitOpsRepository(gitops.url(), gitops.branch(), gitops.path(), gitopsCache,
                        gitCredentials));
    }

    private static DeliveryOutcome outcome(ClusterView cluster, boolean applied, DeliveryReport report,
                                           List<String> problems) {
        List<PlannedChange> changes = report.changes().stream()
                .map(c -> new PlannedChange(c.type().name(), c.id(), c.diff())).toList();
        return new DeliveryOutcome(cluster.name(), cluster.deliveryMode(), applied, report.revision(), changes,
                problems, List.of());
    }

    private static String summary(DeliveryOutcome outcome) {
        if (!outcome.problems().isEmpty()) {
            return String.join("; ", outcome.problems());
        }
        if (outcome.changes().isEmpty()) {
            return "In sync; nothing to change";
        }
        return "%d created, %d changed, %d deleted".formatted(outcome.count(ChangeType.CREATE.name()),
                outcome.count(ChangeType.UPDATE.name()), outcome.count(ChangeType.DELETE.name()));
    }

    /** In this process a plain lock; across replicas the database's advisory lock. */
    private <T> T underLock(String cluster, java.util.function.Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(cluster, name -> new ReentrantLock());
        lock.lock();
        try {
            return reconcileLock.withLock(cluster, work);
        } finally {
            lock.unlock();
        }
    }
}
