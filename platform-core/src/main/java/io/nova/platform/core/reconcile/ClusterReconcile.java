package io.nova.platform.core.reconcile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.nova.platform.core.access.SystemCaller;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.cluster.SyncState;
import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.desired.ClusterDelivery;
import io.nova.platform.core.desired.ClusterUnits;
import io.nova.platform.core.desired.DeliveryFailedException;
import io.nova.platform.core.desired.DeliveryOutcome;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.desired.DesiredStateReader;
import io.nova.platform.core.desired.OperatorLeadership;
import io.nova.platform.core.desired.PlannedChange;
import io.nova.platform.core.desired.ReconcileLock;
import io.nova.platform.core.identity.ProvisioningReport;
import io.nova.platform.core.module.ModuleStatusReport;
import io.nova.platform.core.reconcile.ReconcileUnits.Selection;
import io.nova.platform.core.reconcile.ReconcileUnits.Unit;
import io.nova.platform.core.serving.ModelDeploymentStatusReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconcile of one cluster: find the units that changed (from revisions, without loading the fleet), then per part
 * of at most {@link ReconcileSettings#partSize()} tenants read their desired state, provision their secrets in Vault,
 * render and deliver them to the cluster's {@link DeliveryTarget}, and observe them; finally record what was observed
 * once. One reconcile per cluster at a time (in this process and across replicas); different clusters proceed in
 * parallel. A plan of several parts, which writes nothing, plans the parts after the first side by side.
 */
public class ClusterReconcile implements ClusterDelivery {

    private static final Logger log = LoggerFactory.getLogger(ClusterReconcile.class);
    /** A plan of a whole fleet lists every change but shows the diffs of the first ones only. */
    static final int MAX_DIFFS = 1_000;
    static final String DIFF_LEFT_OUT = "(diff left out: more than %,d changes in this answer)".formatted(MAX_DIFFS);
    /** Threads that plan the parts of a large plan after its first, side by side. */
    private static final int PLAN_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final DesiredStateReader reader;
    private final DeliveryTargets targets;
    private final TenantSignOn signOn;
    private final ReconcileRecorder recorder;
    private final ReconcileLock reconcileLock;
    private final OperatorLeadership leadership;
    private final ReconcileTimer timer;
    private final ReconcileSettings settings;
    private final ReconcileUnits units;
    private final ChangeHistory history;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public ClusterReconcile(DesiredStateReader reader, DeliveryTargets targets, TenantSignOn signOn,
                            ReconcileRecorder recorder, ReconcileLock reconcileLock, OperatorLeadership leadership,
                            ReconcileTimer timer, ReconcileSettings settings, ChangeHistory history) {
        this.history = history;
        this.reader = reader;
        this.targets = targets;
        this.signOn = signOn;
        this.recorder = recorder;
        this.reconcileLock = reconcileLock;
        this.leadership = leadership;
        this.timer = timer;
        this.settings = settings;
        this.units = new ReconcileUnits(settings.resyncBatch());
    }

    @Override
    public DeliveryOutcome plan(String cluster) {
        return underLock(cluster, () -> {
            ClusterUnits desired = reader.units(cluster);
            try {
                DeliveryTarget target = targets.of(desired.cluster());
                var current = ReconcileUnits.of(desired);
                boolean checkDrift = !units.untouched(desired.cluster(), target.version());
                return run(desired, current, units.select(desired.cluster(), current, checkDrift, List.of()), target,
                        false, AuditWindow.NONE).outcome();
            } catch (RuntimeException e) {
                throw new DeliveryFailedException("Plan failed: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public DeliveryOutcome reconcile(String cluster) {
        return timer.timed(cluster, () -> reconcileNow(cluster, true));
    }

    @Override
    public DeliveryOutcome deliverChanges(String cluster) {
        return timer.timed(cluster, () -> reconcileNow(cluster, false));
    }

    private DeliveryOutcome reconcileNow(String cluster, boolean checkDrift) {
        return underLock(cluster, () -> {
            long start = System.nanoTime();
            // read before the desired state: every change recorded up to here is in what this reconcile reads
            var window = new AuditWindow(history.deliveredThrough(cluster), history.latest());
            ClusterUnits desired = readOrForget(cluster);
            try {
                long read = System.nanoTime();
                DeliveryTarget target = targets.of(desired.cluster());
                var current = ReconcileUnits.of(desired);
                List<String> unsettled = target.observes() && settings.unsettledBatch() > 0
                        ? reader.unsettledTenants(cluster, settings.unsettledBatch()) : List.of();
                boolean untouched = checkDrift && units.untouched(desired.cluster(), target.version());
                Selection selection = units.select(desired.cluster(), current, checkDrift && !untouched, unsettled);
                long selected = System.nanoTime();
                Run run = run(desired, current, selection, target, true, window);
                target.settled(desired.cluster(), leadership.leads());
                long delivered = System.nanoTime();
                DeliveryOutcome outcome = run.outcome();
                if (outcome.problems().isEmpty() && window.through() > window.after()) {
                    history.delivered(cluster, window.through());
                }
                boolean corrected = !outcome.changes().isEmpty() && selection.dirty().isEmpty()
                        && selection.removed().isEmpty();
                var notes = run.observation().notes();
                recorder.recordObservation(cluster, run.observation(),
                        outcome.problems().isEmpty() ? SyncState.SYNCED : SyncState.FAILED,
                        (corrected ? "Drift corrected: " : "") + summary(outcome)
                                + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)), outcome.revision());
                log.debug("Cluster {}: {} of {} units ({} dirty, {} removed, {} drift checks{}); ms: units {},"
                                + " selection {}, delivery {}, status {}", cluster, selection.units().size(),
                        current.size(), selection.dirty().size(), selection.removed().size(),
                        selection.driftChecks(), untouched ? ", none needed: target untouched" : "",
                        (read - start) / 1_000_000, (selected - read) / 1_000_000, (delivered - selected) / 1_000_000,
                        (System.nanoTime() - delivered) / 1_000_000);
                return outcome;
            } catch (RuntimeException e) {
                log.warn("Reconcile of cluster {} failed", cluster, e);
                String message = "Reconcile failed: " + e.getMessage();
                recorder.recordFailure(cluster, message);
                throw new DeliveryFailedException(message, e);
            }
        });
    }

    private record Run(DeliveryOutcome outcome, Observation observation) {
    }

    /** The audit events a reconcile carries out: after the last one a delivery named, up to the newest. */
    private record AuditWindow(long after, long through) {

        static final AuditWindow NONE = new AuditWindow(0, 0);

        boolean named() {
            return through > after && through - after <= MAX_NAMED_WINDOW;
        }
    }

    /**
     * A window wider than this (the first delivery of a whole fleet) is not searched event by event: its commits
     * keep the default message, and the audit log has the rest.
     */
    static final long MAX_NAMED_WINDOW = 20_000;
    /** The most changes one commit names; more are counted. */
    static final int MAX_NAMED_CHANGES = 200;

    /** One part read, provisioned (or planned) in Vault and delivered (or planned). */
    private record Part(DesiredState state, TargetDelivery delivery, Map<String, ProvisioningReport> vault) {

        Part planned() {
            return new Part(null, delivery, vault);
        }
    }

    private Part part(ClusterUnits desired, Selection selection, List<List<Unit>> parts, int index,
                      Set<String> knownTenants, Set<String> knownNamespaces, int diffs, DeliveryTarget target,
                      boolean apply, AuditWindow window) {
        List<Unit> part = parts.get(index);
        var slugs = part.stream().filter(u -> !u.cluster()).map(Unit::key).toList();
        DesiredState state = reader.read(desired, slugs);
        var tenants = new HashSet<>(slugs);
        var namespaces = new HashSet<String>();
        part.stream().filter(u -> !u.cluster()).forEach(u -> namespaces.add(u.namespace()));
        if (index == 0) {
            selection.removed().forEach(u -> {
                tenants.add(u.key());
                namespaces.add(u.namespace());
            });
        }
        boolean clusterUnit = part.stream().anyMatch(Unit::cluster);
        var scope = new DeliveryScope(clusterUnit, tenants, namespaces, knownTenants, knownNamespaces, diffs);
        Map<String, ProvisioningReport> vault = signOn.provision(state, apply, clusterUnit);
        TargetDelivery delivery = target.deliver(state, scope, apply,
                note(desired.cluster(), selection, index, parts.size(), tenants, clusterUnit, apply, window));
        return new Part(state, delivery, vault);
    }

    private static Part result(Future<Part> planned) {
        try {
            return planned.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("Plan interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new DeliveryFailedException("Plan failed: " + e.getCause(), e.getCause());
        }
    }

    /** Delivers (or plans) the selection part by part; a part with problems leaves its units dirty. */
    private Run run(ClusterUnits desired, Map<String, Unit> current, Selection selection, DeliveryTarget target,
                    boolean apply, AuditWindow window) {
        ClusterView cluster = desired.cluster();
        List<List<Unit>> parts = parts(selection);
        var knownTenants = new HashSet<String>();
        var knownNamespaces = new HashSet<String>();
        current.values().stream().filter(u -> !u.cluster()).forEach(u -> {
            knownTenants.add(u.key());
            knownNamespaces.add(u.namespace());
        });
        selection.removed().forEach(u -> {
            knownTenants.add(u.key());
            knownNamespaces.add(u.namespace());
        });
        var changes = new ArrayList<PlannedChange>();
        var problems = new ArrayList<String>();
        var secrets = new ArrayList<String>();
        String revision = null;
        Observation observation = Observation.none();
        // The target stays verified while each delivery starts where the last one left it, from a full reconcile on
        String verified = selection.all() ? null : units.verified(cluster);
        boolean chained = selection.all() || verified != null;
        // A plan changes nothing, so its parts after the first may be planned side by side
        List<Future<Part>> ahead = !apply && parts.size() > 2 ? new ArrayList<>() : List.of();
        ExecutorService planners = null;
        try {
            for (int i = 0; i < parts.size(); i++) {
                boolean first = i == 0;
                Part delivered;
                if (i > 0 && !ahead.isEmpty()) {
                    delivered = result(ahead.set(i - 1, null)); // let go of the part once it is taken in
                } else {
                    delivered = part(desired, selection, parts, i, knownTenants, knownNamespaces,
                            MAX_DIFFS - changes.size(), target, apply, window);
                }
                if (first && !apply && parts.size() > 2) {
                    planners = Executors.newFixedThreadPool(Math.min(parts.size() - 1, PLAN_THREADS),
                            Thread.ofPlatform().name("plan-" + cluster.name() + "-", 1).factory());
                    int diffs = MAX_DIFFS - changes.size() - delivered.delivery().changes().size();
                    for (int j = 1; j < parts.size(); j++) {
                        int index = j;
                        // without its desired state, which only a delivery observes: the parts wait in memory
                        // a part of the plan the caller was allowed to ask for, planned on the platform's behalf
                        ahead.add(planners.submit(() -> SystemCaller.call("plan", () -> part(desired, selection,
                                parts, index, knownTenants, knownNamespaces, diffs, target, false, window).planned())));
                    }
                }
                TargetDelivery delivery = delivered.delivery();
                Map<String, ProvisioningReport> vault = delivered.vault();
                delivery.changes().forEach(change -> changes.add(changes.size() < MAX_DIFFS ? change
                        : new PlannedChange(change.type(), change.id(), DIFF_LEFT_OUT)));
                problems.addAll(delivery.problems());
                problems.addAll(signOn.problems(vault));
                secrets.addAll(signOn.actions(vault));
                if (delivery.revision() != null) {
                    revision = delivery.revision();
                }
                if (apply) {
                    chained = chained && delivery.before() != null && delivery.problems().isEmpty()
                            && (first && selection.all() || delivery.before().equals(verified));
                    verified = chained ? delivery.after() : null;
                    observation = observation.and(observe(target, delivered.state(), delivery.revision(), selection,
                            first, vault));
                    // What Git or the cluster now holds; a tenant Vault failed for stays dirty, so the next reconcile
                    // provisions it again, without holding back the rest of its part
                    if (delivery.problems().isEmpty()) {
                        Set<String> failed = signOn.failed(vault);
                        units.delivered(cluster, selection, parts.get(i).stream()
                                .filter(u -> !failed.contains(u.key())).toList(), first);
                    }
                }
            }
        } finally {
            if (planners != null) {
                planners.shutdownNow();
            }
        }
        if (apply) {
            units.verified(cluster, chained ? verified : null);
        }
        return new Run(new DeliveryOutcome(cluster.name(), cluster.deliveryMode(), apply, revision, changes, problems,
                secrets), observation);
    }

    /** The selection's units in parts of at most partSize tenants, the cluster's own unit in the first. */
    private List<List<Unit>> parts(Selection selection) {
        var parts = new ArrayList<List<Unit>>();
        var part = new ArrayList<Unit>();
        int tenants = 0;
        for (Unit unit : selection.units()) {
            if (!unit.cluster() && tenants == settings.partSize()) {
                parts.add(part);
                part = new ArrayList<>();
                tenants = 0;
            }
            part.add(unit);
            tenants += unit.cluster() ? 0 : 1;
        }
        if (!part.isEmpty() || parts.isEmpty() && !selection.removed().isEmpty()) {
            parts.add(part);
        }
        return parts;
    }

    /**
     * What the target reports for this part. Where it cannot see the cluster, a status only says which commit holds
     * an install: news for the units this reconcile changed, not for the ones it merely checked. The cluster's own
     * installs are reported with the first part only.
     */
    private Observation observe(DeliveryTarget target, DesiredState state, String revision, Selection selection,
                                boolean first, Map<String, ProvisioningReport> vault) {
        Observation seen = target.observe(state, revision);
        Set<String> news = target.observes() || selection.all() ? null : Set.copyOf(selection.dirty());
        List<ModuleStatusReport> modules = signOn.decorate(seen.modules(), state, vault).stream()
                .filter(status -> status.tenant() != null || first)
                .filter(status -> news == null
                        || news.contains(status.tenant() == null ? ReconcileUnits.CLUSTER : status.tenant()))
                .toList();
        List<ModelDeploymentStatusReport> models = seen.models().stream()
                .filter(status -> news == null || news.contains(status.tenant())).toList();
        return new Observation(modules, models, first ? seen.notes() : List.of());
    }

    private ClusterUnits readOrForget(String cluster) {
        try {
            return reader.units(cluster);
        } catch (NotFoundException e) {
            targets.forget(cluster);
            units.forget(cluster);
            throw e;
        }
    }

    /**
     * What a delivery of one part is about: the changes people asked for in the audit log for this part's tenants
     * (and the cluster's own, with its unit), or, for a resync or drift repair, which tenants it touched.
     */
    private ChangeNote note(ClusterView cluster, Selection selection, int part, int parts, Set<String> tenants,
                            boolean clusterUnit, boolean apply, AuditWindow window) {
        String fallback = message(cluster, selection, part, parts);
        if (!apply || !window.named()) {
            return ChangeNote.of(fallback);
        }
        var events = history.between(cluster.name(), window.after(), window.through(), tenants, clusterUnit,
                MAX_NAMED_CHANGES + 1);
        String of = parts > 1 ? " (part %d of %d)".formatted(part + 1, parts) : "";
        ChangeNote note = ChangeNotes.of(events.subList(0, Math.min(events.size(), MAX_NAMED_CHANGES)), fallback, of);
        if (events.size() <= MAX_NAMED_CHANGES) {
            return note;
        }
        var details = new ArrayList<>(note.details());
        details.add("… and more changes: see the audit log after event %d".formatted(note.auditIds().getLast()));
        return new ChangeNote(note.summary(), details, note.auditIds(), note.author());
    }

    /** The commit's first line: which tenants changed, when a few did. */
    private static String message(ClusterView cluster, Selection selection, int part, int parts) {
        var tenants = selection.dirty().stream().filter(key -> !key.equals(ReconcileUnits.CLUSTER)).toList();
        var removed = selection.removed().stream().map(Unit::key).toList();
        String of = parts > 1 ? " (part %d of %d)".formatted(part + 1, parts) : "";
        if (selection.all() && tenants.size() != 1 || tenants.size() + removed.size() > 3
                || tenants.isEmpty() && removed.isEmpty()) {
            return "Sync cluster %s%s".formatted(cluster.name(), of);
        }
        var names = new ArrayList<String>();
        tenants.forEach(t -> names.add("tenant " + t));
        removed.forEach(t -> names.add("tenant " + t + " removed"));
        return "Sync cluster %s: %s%s".formatted(cluster.name(), String.join(", ", names), of);
    }

    private static String summary(DeliveryOutcome outcome) {
        if (!outcome.problems().isEmpty()) {
            return String.join("; ", outcome.problems());
        }
        if (outcome.changes().isEmpty()) {
            return "In sync; nothing to change";
        }
        return "%d created, %d changed, %d deleted".formatted(outcome.count("CREATE"), outcome.count("UPDATE"),
                outcome.count("DELETE"));
    }

    /** In this process a plain lock; across replicas the database's advisory lock. */
    private <T> T underLock(String cluster, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(cluster, name -> new ReentrantLock());
        lock.lock();
        try {
            return reconcileLock.withLock(cluster, work);
        } finally {
            lock.unlock();
        }
    }
}
