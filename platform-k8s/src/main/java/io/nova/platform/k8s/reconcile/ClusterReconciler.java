package io.nova.platform.k8s.reconcile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
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
import io.nova.platform.core.desired.PlannedChange;
import io.nova.platform.core.desired.ReconcileLock;
import io.nova.platform.core.identity.OidcClientRequest;
import io.nova.platform.core.identity.OidcRedirects;
import io.nova.platform.core.identity.ProvisioningReport;
import io.nova.platform.core.identity.TenantIdentity;
import io.nova.platform.core.identity.TenantSecrets;
import io.nova.platform.core.module.ModuleInstallService;
import io.nova.platform.core.module.ModulePhase;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.module.ModuleStatusReport;
import io.nova.platform.core.tenant.TenantSnapshot;
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
    private static final ResourceDefinitionContext HELM_RELEASES = new ResourceDefinitionContext.Builder()
            .withGroup("helm.toolkit.fluxcd.io").withVersion("v2").withKind("HelmRelease").withPlural("helmreleases")
            .withNamespaced(true).build();

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
    private final TenantSecrets secrets;
    /** What each cluster's last successful reconcile delivered, to tell drift from changes of the desired state. */
    private final Map<String, Integer> lastDesired = new ConcurrentHashMap<>();

    /** @param operators started for a DIRECT cluster after its first successful reconcile; null: none */
    public ClusterReconciler(DesiredStateReader reader, ClusterService clusters, ModuleInstallService modules,
                             ClusterRenderer renderer, KubernetesClients kubernetesClients, Path gitopsCache,
                             ClusterOperators operators, ReconcileLock reconcileLock, TenantSecrets secrets) {
        this.reader = reader;
        this.clusters = clusters;
        this.modules = modules;
        this.renderer = renderer;
        this.kubernetesClients = kubernetesClients;
        this.gitopsCache = gitopsCache;
        this.operators = operators;
        this.reconcileLock = reconcileLock;
        this.secrets = secrets;
    }

    @Override
    public DeliveryOutcome plan(String cluster) {
        return underLock(cluster, () -> {
            DesiredState state = reader.read(cluster);
            try {
                Map<String, ProvisioningReport> vault = secrets(state, false);
                return withSecrets(deliver(state, renderer.render(state), false), vault);
            } catch (RuntimeException e) {
                throw new DeliveryFailedException("Plan failed: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public DeliveryOutcome reconcile(String cluster) {
        return underLock(cluster, () -> {
            DesiredState state = readOrStopOperators(cluster);
            try {
                Map<String, ProvisioningReport> vault = secrets(state, true);
                List<HasMetadata> objects = renderer.render(state);
                int desired = objects.stream().map(io.nova.platform.k8s.delivery.CanonicalYaml::of).toList()
                        .hashCode();
                DeliveryOutcome outcome = withSecrets(deliver(state, objects, true), vault);
                boolean drift = !outcome.changes().isEmpty() && Integer.valueOf(desired).equals(lastDesired.get(cluster));
                startOperators(state);
                modules.recordStatus(cluster, moduleStatus(state, outcome, vault));
                clusters.recordSync(cluster, outcome.problems().isEmpty() ? SyncState.SYNCED : SyncState.FAILED,
                        (drift ? "Drift corrected: " : "") + summary(outcome), outcome.revision());
                if (outcome.problems().isEmpty()) {
                    lastDesired.put(cluster, desired);
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

    private DesiredState readOrStopOperators(String cluster) {
        try {
            return reader.read(cluster);
        } catch (NotFoundException e) {
            if (operators != null) {
                operators.stop(cluster);
            }
            throw e;
        }
    }

    private void startOperators(DesiredState state) {
        if (operators != null && state.cluster().deliveryMode() == DeliveryMode.DIRECT) {
            operators.start(state.cluster().name(), kubernetesClients.clientFor(state.cluster()));
        } else if (operators != null) {
            operators.stop(state.cluster().name());
        }
    }

    private DeliveryOutcome deliver(DesiredState state, List<HasMetadata> objects, boolean apply) {
        ClusterView cluster = state.cluster();
        if (cluster.deliveryMode() == DeliveryMode.GITOPS) {
            GitOpsRepository repository = repository(cluster);
            var files = GitOpsLayout.files(objects);
            DeliveryReport report = apply
                    ? repository.sync(files, "nova-platform", "Sync cluster %s".formatted(cluster.name()))
                    : repository.plan(files);
            return outcome(cluster, apply, report, List.of());
        }
        KubernetesClient client = kubernetesClients.clientFor(cluster);
        var direct = new DirectDelivery(client, cluster.name(), rateLimiter, ManagedKind.DEFAULTS);
        DirectDeliveryResult result = apply ? direct.apply(objects) : direct.plan(objects);
        return outcome(cluster, apply, result.report(), result.problems());
    }

    private GitOpsRepository repository(ClusterView cluster) {
        var gitops = cluster.gitops();
        return repositories.computeIfAbsent(gitops.url() + "|" + gitops.branch() + "|" + gitops.path(),
                key -> new GitOpsRepository(gitops.url(), gitops.branch(), gitops.path(), gitopsCache));
    }

    private static DeliveryOutcome outcome(ClusterView cluster, boolean applied, DeliveryReport report,
                                           List<String> problems) {
        List<PlannedChange> changes = report.changes().stream()
                .map(c -> new PlannedChange(c.type().name(), c.id(), c.diff())).toList();
        return new DeliveryOutcome(cluster.name(), cluster.deliveryMode(), applied, report.revision(), changes,
                problems, List.of());
    }

    /**
     * GitOps: the platform cannot see the cluster, so a delivered install is RECONCILING until Flux's status is
     * read back by an in-cluster component. Direct: the HelmRelease's Ready condition decides.
     */
    private List<ModuleStatusReport> moduleStatus(DesiredState state, DeliveryOutcome outcome,
                                                  Map<String, ProvisioningReport> vault) {
        var reports = new ArrayList<ModuleStatusReport>();
        KubernetesClient client = state.cluster().deliveryMode() == DeliveryMode.DIRECT
                ? kubernetesClients.clientFor(state.cluster()) : null;
        for (ModuleSnapshot module : state.modules()) {
            if (!module.enabled()) {
                reports.add(new ModuleStatusReport(module.tenant(), module.module().key(), module.generation(),
                        ModulePhase.READY, "Switched off; its release is removed"));
            } else if (client == null) {
                reports.add(new ModuleStatusReport(module.tenant(), module.module().key(), module.generation(),
                        ModulePhase.RECONCILING, outcome.revision() != null
                        ? "Committed as %s; Flux installs it".formatted(abbreviate(outcome.revision()))
                        : "In Git; Flux installs it"));
            } else {
                String namespace = module.tenant() == null ? "flux-system" : namespaceOf(state, module.tenant());
                rateLimiter.acquire();
                var release = client.genericKubernetesResources(HELM_RELEASES).inNamespace(namespace)
                        .withName(module.module().key()).get();
                HelmReleaseStatus status = HelmReleaseStatus.of(release);
                reports.add(new ModuleStatusReport(module.tenant(), module.module().key(), module.generation(),
                        status.phase(), status.message()));
            }
        }
        return reports.stream().map(report -> withSignOn(report, state, vault)).toList();
    }

    /** An enabled tool with a web UI whose OIDC client could not be provisioned is DEGRADED, saying why. */
    private ModuleStatusReport withSignOn(ModuleStatusReport report, DesiredState state,
                                          Map<String, ProvisioningReport> vault) {
        boolean needsClient = state.modules().stream().anyMatch(m -> m.enabled() && m.uiUrl() != null
                && m.tenant() != null && m.tenant().equals(report.tenant()) && m.module().key().equals(report.module()));
        if (!needsClient) {
            return report;
        }
        if (!secrets.configured()) {
            return new ModuleStatusReport(report.tenant(), report.module(), report.observedGeneration(),
                    report.phase(), report.message() + "; single sign-on not provisioned: Vault is not configured");
        }
        ProvisioningReport tenant = vault.get(report.tenant());
        String problem = tenant == null ? null
                : tenant.error() != null ? tenant.error() : tenant.failures().get(report.module());
        return problem == null ? report : new ModuleStatusReport(report.tenant(), report.module(),
                report.observedGeneration(), ModulePhase.DEGRADED, "Single sign-on: " + problem);
    }

    /** Provisions (or plans) every tenant's OIDC clients, policy and role; one tenant's failure does not stop others. */
    private Map<String, ProvisioningReport> secrets(DesiredState state, boolean apply) {
        var reports = new java.util.LinkedHashMap<String, ProvisioningReport>();
        for (TenantSnapshot tenant : state.tenants()) {
            List<OidcClientRequest> clients = state.modulesOf(tenant.slug()).stream()
                    .filter(m -> m.enabled() && m.uiUrl() != null)
                    .map(m -> new OidcClientRequest(m.module().key(), OidcRedirects.of(m.module().key(), m.uiUrl())))
                    .toList();
            var identity = new TenantIdentity(tenant.slug(), tenant.namespace(), tenant.ownerGroups(), clients);
            reports.put(tenant.slug(), apply && secrets.configured() ? secrets.provision(identity)
                    : secrets.plan(identity));
        }
        return reports;
    }

    private DeliveryOutcome withSecrets(DeliveryOutcome outcome, Map<String, ProvisioningReport> vault) {
        var problems = new ArrayList<>(outcome.problems());
        var actions = new ArrayList<String>();
        vault.values().forEach(report -> {
            report.actions().forEach(action -> actions.add(report.tenant() + ": " + action));
            if (secrets.configured() && report.error() != null) {
                problems.add("Vault, tenant %s: %s".formatted(report.tenant(), report.error()));
            }
            report.failures().forEach((module, failure) ->
                    problems.add("Vault, tenant %s, %s: %s".formatted(report.tenant(), module, failure)));
        });
        return new DeliveryOutcome(outcome.cluster(), outcome.deliveryMode(), outcome.applied(), outcome.revision(),
                outcome.changes(), problems, actions);
    }

    private static String namespaceOf(DesiredState state, String tenant) {
        return state.tenants().stream().filter(t -> t.slug().equals(tenant)).findFirst().orElseThrow().namespace();
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

    private static String abbreviate(String revision) {
        return revision.length() > 12 ? revision.substring(0, 12) : revision;
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
