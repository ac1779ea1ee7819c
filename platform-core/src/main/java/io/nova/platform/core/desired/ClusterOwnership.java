package io.nova.platform.core.desired;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which clusters this replica reconciles: the ones it holds a lease on. At every {@link #renew} it renews its leases,
 * gives up clusters above its fair share (clusters / live replicas, rounded up) and claims clusters that nobody holds
 * or whose owner stopped renewing, up to that share. So a replica that starts takes load off the others, and the
 * clusters of a replica that dies are taken over once its leases expire. A replica that leaves ({@link #close})
 * gives its clusters up at once.
 *
 * <p>Only the owner schedules a cluster's reconciles. During a takeover two replicas may briefly both think they own
 * a cluster; {@link ReconcileLock} still keeps their reconciles apart.
 */
public class ClusterOwnership implements AutoCloseable {

    /** What a {@link #renew} changed. */
    public record Changes(Set<String> gained, Set<String> lost) {

        public Changes {
            gained = Set.copyOf(gained);
            lost = Set.copyOf(lost);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ClusterOwnership.class);

    private final ClusterLeases leases;
    private final ReplicaId replica;
    private final Duration lease;
    private final LongSupplier nanoTime;

    private volatile Set<String> owned = Set.of();
    /** Until when (System.nanoTime) the leases renewed last are surely still ours; after it this replica owns nothing. */
    private volatile long validUntil;
    /** The census of the last renew; null before the first. */
    private volatile ClusterLeases.Census census;
    /** What the last renew gave up: left for the replicas that have room, not taken back on a change. */
    private volatile Set<String> released = Set.of();

    public ClusterOwnership(ClusterLeases leases, ReplicaId replica, Duration lease) {
        this(leases, replica, lease, System::nanoTime);
    }

    ClusterOwnership(ClusterLeases leases, ReplicaId replica, Duration lease, LongSupplier nanoTime) {
        this.leases = leases;
        this.replica = replica;
        this.lease = lease;
        this.nanoTime = nanoTime;
        this.validUntil = nanoTime.getAsLong();
    }

    public ReplicaId replica() {
        return replica;
    }

    /** Whether this replica holds the cluster's lease (and renewed it in time). */
    public boolean owns(String cluster) {
        return owned().contains(cluster);
    }

    /** The clusters this replica holds. */
    public Set<String> owned() {
        return nanoTime.getAsLong() - validUntil < 0 ? owned : Set.of();
    }

    /** One heartbeat: renews this replica's leases and balances them against the other live replicas. */
    public synchronized Changes renew() {
        long started = nanoTime.getAsLong();
        Set<String> before = owned();
        leases.heartbeat(replica, lease);
        var kept = new HashSet<>(leases.renew(replica, lease));
        ClusterLeases.Census now = leases.census(replica);
        int share = now.fairShare();
        Set<String> surplus = Set.of();
        if (kept.size() > share) {
            surplus = Set.copyOf(kept.stream().sorted(Comparator.reverseOrder()).limit(kept.size() - share).toList());
            leases.release(replica, surplus);
            kept.removeAll(surplus);
            log.info("Replica {} gave up {} of its clusters to other replicas (fair share {} with {} replicas)",
                    replica, surplus.size(), share, now.replicas());
        }
        released = surplus;
        kept.addAll(leases.claim(replica, lease, share - kept.size()));
        set(kept, started);
        census = now;
        return changes(before, kept);
    }

    /**
     * Takes a cluster that changed while no live replica held it at the last renew (a new cluster, typically), unless
     * this replica already holds its fair share or just gave the cluster up. Returns whether this replica owns it now.
     */
    public synchronized boolean claim(String cluster) {
        if (owns(cluster)) {
            return true;
        }
        ClusterLeases.Census last = census;
        // A new cluster is not in the census yet: it counts towards the share it may raise.
        if (last != null && (last.heldByOthers().contains(cluster) || released.contains(cluster)
                || owned().size() >= ClusterLeases.Census.fairShare(last.clusters() + 1, last.replicas()))) {
            return false;
        }
        long started = nanoTime.getAsLong();
        if (!leases.claim(replica, lease, cluster)) {
            return false;
        }
        var now = new HashSet<>(owned());
        now.add(cluster);
        owned = Set.copyOf(now);
        if (last == null) {
            validUntil = started + lease.toNanos();
        }
        // Otherwise the validity of the last renewal stays: it ends before the new lease does.
        return true;
    }

    /** Gives every lease up (at shutdown): the other replicas take the clusters over at their next heartbeat. */
    @Override
    public synchronized void close() {
        owned = Set.of();
        try {
            leases.leave(replica);
            log.info("Replica {} gave its clusters up", replica);
        } catch (RuntimeException e) {
            log.warn("Replica {} could not give its clusters up; they move once its leases expire: {}", replica,
                    e.getMessage());
        }
    }

    private void set(Set<String> clusters, long renewedAt) {
        owned = Set.copyOf(clusters);
        validUntil = renewedAt + lease.toNanos();
    }

    private static Changes changes(Set<String> before, Set<String> after) {
        var gained = new HashSet<>(after);
        gained.removeAll(before);
        var lost = new HashSet<>(before);
        lost.removeAll(after);
        return new Changes(gained, lost);
    }
}
