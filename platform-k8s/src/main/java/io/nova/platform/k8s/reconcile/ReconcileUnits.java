package io.nova.platform.k8s.reconcile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.tenant.TenantSnapshot;

/**
 * Which parts of a cluster a reconcile renders and delivers, so that its work grows with the change and not with the
 * fleet. A unit is the cluster's own objects or one tenant's; each has a fingerprint of the desired state it is
 * rendered from (the renderer is a pure function of it). A reconcile takes:
 * <ul>
 *   <li>every unit whose fingerprint differs from what was last delivered (dirty), and the tenants that are gone;</li>
 *   <li>when it checks for drift (periodic resyncs and reconciles asked for; not the reconcile of a change), the next
 *   {@code resyncBatch} clean units, round robin, to find and correct drift a little at a time;</li>
 *   <li>everything, when nothing was delivered yet in this process or the cluster's delivery target changed.</li>
 * </ul>
 * What was delivered is kept in memory per cluster (a fingerprint per unit, not the objects), so a restart starts
 * with one full reconcile.
 */
final class ReconcileUnits {

    /** The key of the cluster's own unit; tenant units are keyed by slug. */
    static final String CLUSTER = "";

    /** One unit as the desired state has it now. {@code namespace} is null for the cluster's own unit. */
    record Unit(String key, String namespace, int fingerprint) {

        boolean cluster() {
            return namespace == null;
        }
    }

    /**
     * What one reconcile covers.
     *
     * @param all     everything: deliver the whole cluster as one
     * @param units   the units to render and deliver (dirty first, then the drift checks)
     * @param dirty   the keys of those whose desired state changed
     * @param removed tenant units delivered before that are no longer wanted (their objects go)
     */
    record Selection(boolean all, List<Unit> units, List<String> dirty, List<Unit> removed) {

        boolean includesCluster() {
            return all || units.stream().anyMatch(Unit::cluster);
        }

        /** The namespaces of the tenant units this reconcile delivers or removes. */
        List<String> tenantNamespaces() {
            var namespaces = new ArrayList<String>();
            units.stream().filter(u -> !u.cluster()).forEach(u -> namespaces.add(u.namespace()));
            removed.forEach(u -> namespaces.add(u.namespace()));
            return namespaces;
        }
    }

    private static final class Delivered {
        final int target;
        final Map<String, Unit> units = new TreeMap<>();
        int cursor;

        Delivered(int target) {
            this.target = target;
        }
    }

    private final int resyncBatch;
    private final Map<String, Delivered> delivered = new ConcurrentHashMap<>();

    /** With the configured drift check of unchanged units. */
    Selection select(ClusterView cluster, Map<String, Unit> current) {
        return select(cluster, current, true);
    }

    ReconcileUnits(int resyncBatch) {
        if (resyncBatch < 1) {
            throw new IllegalArgumentException("resync batch must be at least 1, was " + resyncBatch);
        }
        this.resyncBatch = resyncBatch;
    }

    /** The units of the desired state, keyed, in key order (the cluster's own first). */
    static Map<String, Unit> of(DesiredState state) {
        var units = new LinkedHashMap<String, Unit>();
        ClusterView cluster = state.cluster();
        units.put(CLUSTER, new Unit(CLUSTER, null, Objects.hash(cluster.name(), state.pools(),
                state.clusterModules())));
        for (TenantSnapshot tenant : state.tenants()) {
            String slug = tenant.slug();
            units.put(slug, new Unit(slug, tenant.namespace(), Objects.hash(cluster.name(), tenant,
                    state.modulesOf(slug), state.quotasOf(slug), state.modelsOf(slug), state.pools())));
        }
        return units;
    }

    /** Where and how the cluster is delivered: when that changes, everything is delivered again. */
    static int target(ClusterView cluster) {
        return Objects.hash(cluster.deliveryMode(), cluster.gitops(), cluster.apiServer(), cluster.credentialsRef());
    }

    /** @param checkDrift also take a batch of unchanged units; without, only what changed (or everything at first) */
    Selection select(ClusterView cluster, Map<String, Unit> current, boolean checkDrift) {
        Delivered before = delivered.get(cluster.name());
        if (before == null || before.target != target(cluster)) {
            return new Selection(true, List.copyOf(current.values()), List.copyOf(current.keySet()), List.of());
        }
        var units = new ArrayList<Unit>();
        var dirty = new ArrayList<String>();
        for (Unit unit : current.values()) {
            if (!unit.equals(before.units.get(unit.key()))) {
                units.add(unit);
                dirty.add(unit.key());
            }
        }
        var removed = before.units.values().stream().filter(u -> !current.containsKey(u.key())).toList();
        if (!checkDrift) {
            return new Selection(false, units, dirty, removed);
        }
        List<Unit> clean = current.values().stream().filter(u -> !dirty.contains(u.key())).toList();
        if (clean.size() <= resyncBatch) {
            return new Selection(true, List.copyOf(current.values()), dirty, removed);
        }
        for (int i = 0; i < resyncBatch; i++) {
            units.add(clean.get((before.cursor + i) % clean.size()));
        }
        return new Selection(false, units, dirty, removed);
    }

    /** After a delivery without problems: what it covered is what the cluster now holds. */
    void delivered(ClusterView cluster, Selection selection, Map<String, Unit> current) {
        Delivered memory = delivered.compute(cluster.name(), (name, before) ->
                before == null || before.target != target(cluster) || selection.all()
                        ? new Delivered(target(cluster)) : before);
        synchronized (memory) {
            if (selection.all()) {
                memory.units.clear();
                memory.units.putAll(current);
            } else {
                selection.units().forEach(unit -> memory.units.put(unit.key(), unit));
                selection.removed().forEach(unit -> memory.units.remove(unit.key()));
                memory.cursor += selection.units().size() - selection.dirty().size();
            }
        }
    }

    /** A delivery failed or the cluster is gone: the next reconcile delivers everything. */
    void forget(String cluster) {
        delivered.remove(cluster);
    }

    /** The tenant namespaces of the cluster that were delivered and are still wanted or about to be removed. */
    static Collection<String> allTenantNamespaces(Map<String, Unit> current, Selection selection) {
        var namespaces = new ArrayList<String>();
        current.values().stream().filter(u -> !u.cluster()).forEach(u -> namespaces.add(u.namespace()));
        selection.removed().forEach(u -> namespaces.add(u.namespace()));
        return namespaces;
    }
}
