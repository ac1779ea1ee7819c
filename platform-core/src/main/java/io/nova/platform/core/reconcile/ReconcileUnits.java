package io.nova.platform.core.reconcile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.desired.ClusterUnits;
import io.nova.platform.core.tenant.TenantRevision;

/**
 * Which parts of a cluster a reconcile renders and delivers, so that its work grows with the change and not with the
 * fleet. A unit is the cluster's own objects or one tenant's; each has a fingerprint of the desired state it is
 * rendered from (the renderer is a pure function of it; a tenant's is the revision the database keeps for it, with the
 * cluster's pools). A reconcile takes:
 * <ul>
 *   <li>every unit whose fingerprint differs from what was last delivered (dirty), and the tenants that are gone;</li>
 *   <li>tenants whose tools have not reported ready yet, when the cluster can be observed (their status is news);</li>
 *   <li>when it checks for drift (periodic resyncs and reconciles asked for; not the reconcile of a change), the next
 *   {@code resyncBatch} clean units, round robin, to find and correct drift a little at a time; none while the target
 *   is {@linkplain #untouched untouched} since a full reconcile (a Git folder whose tree id is the one the platform's
 *   own last commit left);</li>
 *   <li>everything, when nothing was delivered yet in this process or the cluster's delivery target changed.</li>
 * </ul>
 * What was delivered is kept in memory per cluster (a fingerprint per unit, not the objects), so a restart starts
 * with one full reconcile.
 */
public final class ReconcileUnits {

    /** The key of the cluster's own unit; tenant units are keyed by slug. */
    public static final String CLUSTER = "";

    /** One unit as the desired state has it now. {@code namespace} is null for the cluster's own unit. */
    public record Unit(String key, String namespace, String fingerprint) {

        public boolean cluster() {
            return namespace == null;
        }
    }

    /**
     * What one reconcile covers.
     *
     * @param all     everything: the whole cluster is delivered and what was delivered before is forgotten
     * @param units   the units to render and deliver (dirty first, then the unsettled and the drift checks)
     * @param dirty   the keys of those whose desired state changed
     * @param removed tenant units delivered before that are no longer wanted (their objects go)
     * @param driftChecks how many of the units are clean ones checked for drift (the round robin moves on by that)
     */
    public record Selection(boolean all, List<Unit> units, List<String> dirty, List<Unit> removed, int driftChecks) {

        public boolean isEmpty() {
            return units.isEmpty() && removed.isEmpty();
        }
    }

    private static final class Delivered {
        final int target;
        final Map<String, Unit> units = new TreeMap<>();
        int cursor;
        /** The target's version when it held exactly what was delivered, every unit checked; null: not known. */
        volatile String verified;

        Delivered(int target) {
            this.target = target;
        }
    }

    private final int resyncBatch;
    private final Map<String, Delivered> delivered = new ConcurrentHashMap<>();

    public ReconcileUnits(int resyncBatch) {
        if (resyncBatch < 1) {
            throw new IllegalArgumentException("resync batch must be at least 1, was " + resyncBatch);
        }
        this.resyncBatch = resyncBatch;
    }

    /** The units of the cluster, keyed, in key order (the cluster's own first). */
    public static Map<String, Unit> of(ClusterUnits desired) {
        var units = new LinkedHashMap<String, Unit>();
        ClusterView cluster = desired.cluster();
        int pools = Objects.hash(cluster.name(), desired.pools());
        units.put(CLUSTER, new Unit(CLUSTER, null,
                Integer.toHexString(Objects.hash(pools, desired.clusterModules(), desired.guaranteed()))));
        // The pools are part of every tenant's input (quota names, placement of served models), and so is whether its
        // GPU workloads queue through Kueue; the cluster's other components are not.
        int shared = Objects.hash(pools, desired.queueing());
        for (TenantRevision tenant : desired.tenants()) {
            units.put(tenant.slug(), new Unit(tenant.slug(), tenant.namespace(),
                    Long.toHexString(tenant.revision()) + ":" + Integer.toHexString(shared)));
        }
        return units;
    }

    /** Where and how the cluster is delivered: when that changes, everything is delivered again. */
    static int target(ClusterView cluster) {
        return Objects.hash(cluster.deliveryMode(), cluster.gitops(), cluster.apiServer(), cluster.credentialsRef());
    }

    /** Dirty and gone units, and a drift batch of clean ones. */
    public Selection select(ClusterView cluster, Map<String, Unit> current) {
        return select(cluster, current, true, Set.of());
    }

    /**
     * @param checkDrift also take a batch of unchanged units; without, only what changed (or everything at first)
     * @param unsettled  tenants to deliver again although unchanged, because their status is still news
     */
    public Selection select(ClusterView cluster, Map<String, Unit> current, boolean checkDrift,
                            Collection<String> unsettled) {
        Delivered before = delivered.get(cluster.name());
        if (before == null || before.target != target(cluster)) {
            return new Selection(true, List.copyOf(current.values()), List.copyOf(current.keySet()), List.of(), 0);
        }
        var units = new ArrayList<Unit>();
        var dirty = new ArrayList<String>();
        var taken = new java.util.HashSet<String>();
        for (Unit unit : current.values()) {
            if (!unit.equals(before.units.get(unit.key()))) {
                units.add(unit);
                dirty.add(unit.key());
                taken.add(unit.key());
            }
        }
        var removed = before.units.values().stream().filter(u -> !current.containsKey(u.key())).toList();
        for (String tenant : unsettled) {
            Unit unit = current.get(tenant);
            if (unit != null && taken.add(tenant)) {
                units.add(unit);
            }
        }
        if (!checkDrift) {
            return new Selection(false, units, dirty, removed, 0);
        }
        List<Unit> clean = current.values().stream().filter(u -> !taken.contains(u.key())).toList();
        int batch = Math.min(resyncBatch, clean.size());
        for (int i = 0; i < batch; i++) {
            units.add(clean.get((before.cursor + i) % clean.size()));
        }
        return new Selection(false, units, dirty, removed, batch);
    }

    /**
     * After a part of a selection was delivered without problems: those units are what the cluster now holds. The
     * first part of a selection of everything starts the memory afresh.
     */
    public void delivered(ClusterView cluster, Selection selection, List<Unit> part, boolean first) {
        boolean restart = selection.all() && first;
        Delivered memory = delivered.compute(cluster.name(), (name, before) ->
                before == null || before.target != target(cluster) || restart ? new Delivered(target(cluster))
                        : before);
        synchronized (memory) {
            part.forEach(unit -> memory.units.put(unit.key(), unit));
            if (first) {
                selection.removed().forEach(unit -> memory.units.remove(unit.key()));
                memory.cursor += selection.driftChecks();
            }
        }
    }

    /**
     * Whether the target's {@code version} is the one it had when it held exactly what was delivered, with every unit
     * checked since (a full reconcile, then only the platform's own deliveries): then no unit can have drifted, and a
     * reconcile need not check any.
     */
    public boolean untouched(ClusterView cluster, String version) {
        Delivered memory = delivered.get(cluster.name());
        return version != null && memory != null && memory.target == target(cluster)
                && version.equals(memory.verified);
    }

    /** The target's version at the end of the last run of deliveries that kept it verified, or null. */
    public String verified(ClusterView cluster) {
        Delivered memory = delivered.get(cluster.name());
        return memory == null || memory.target != target(cluster) ? null : memory.verified;
    }

    /** After a reconcile: the target's version if it is verified now (see {@link #untouched}), else null. */
    public void verified(ClusterView cluster, String version) {
        Delivered memory = delivered.get(cluster.name());
        if (memory != null && memory.target == target(cluster)) {
            memory.verified = version;
        }
    }

    /** The cluster is gone: its next reconcile (if it comes back) delivers everything. */
    public void forget(String cluster) {
        delivered.remove(cluster);
    }
}
