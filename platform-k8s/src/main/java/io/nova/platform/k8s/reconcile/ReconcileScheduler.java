package io.nova.platform.k8s.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.access.SystemCaller;
import io.nova.platform.core.desired.ClusterChangeFeed;
import io.nova.platform.core.desired.ClusterDelivery;
import io.nova.platform.core.desired.ClusterOwnership;
import io.nova.platform.core.desired.DesiredStateChanged;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When reconciles run, and which of them this replica runs: those of the clusters it owns ({@link ClusterOwnership}).
 * A cluster is reconciled shortly after committed changes (a burst of changes becomes one reconcile), whichever
 * replica the change was made through ({@link ClusterChangeFeed}); once when this replica takes it over; and
 * periodically, one cluster after another spread over the resync interval, which also corrects drift. Up to
 * {@code workers} clusters are reconciled at the same time, each one at a time and first come first served
 * ({@link ReconcileQueue}), so a slow cluster holds up only itself. Failures are retried with growing delays.
 */
public class ReconcileScheduler {

    private static final Logger log = LoggerFactory.getLogger(ReconcileScheduler.class);
    private static final long MAX_BACKOFF_SECONDS = 300;
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final ClusterDelivery delivery;
    private final ClusterOwnership ownership;
    private final ClusterChangeFeed feed;
    private final long debounce;
    private final long initialDelay;
    private final long resyncInterval;
    private final long heartbeat;
    private final ReconcileQueue queue = new ReconcileQueue();
    /** Debounce, retry and resync timers: in memory only, never waiting for the database. */
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("nova-reconcile-timer").daemon().factory());
    /** Lease renewals and claims: the database calls of ownership. */
    private final ScheduledExecutorService leases = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("nova-reconcile-leases").daemon().factory());
    private final List<Thread> workers = new ArrayList<>();
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    /** Clusters whose next run is (also) a resync, which checks unchanged parts for drift. */
    private final Set<String> resyncs = ConcurrentHashMap.newKeySet();
    /** When (System.nanoTime) each owned cluster's last resync was due; the next goes to the one that waited longest. */
    private final Map<String, Long> lastResync = new ConcurrentHashMap<>();
    private final AtomicBoolean resyncsStarted = new AtomicBoolean();
    /** Clusters taken over at start are resynced no earlier than this (System.nanoTime). */
    private volatile long firstResyncAt;
    private volatile boolean stopped;

    /** @param feed the changes made through other replicas; null: only this replica's own */
    public ReconcileScheduler(ClusterDelivery delivery, ClusterOwnership ownership, ClusterChangeFeed feed,
                              ReconcileProperties properties, ReconcileMetrics metrics) {
        this.delivery = delivery;
        this.ownership = ownership;
        this.feed = feed;
        this.debounce = properties.debounce().toNanos();
        this.initialDelay = properties.initialDelay().toNanos();
        this.resyncInterval = properties.resyncInterval().toNanos();
        this.heartbeat = properties.heartbeat().toNanos();
        this.firstResyncAt = System.nanoTime() + initialDelay;
        metrics.watch(queue::waiting, queue::running, () -> ownership.owned().size());
        for (int i = 0; i < properties.workers(); i++) {
            workers.add(Thread.ofPlatform().name("nova-reconcile-" + i).daemon().start(this::work));
        }
    }

    /** Starts renewing leases, listening to the other replicas' changes and the periodic resyncs. */
    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        firstResyncAt = System.nanoTime() + initialDelay;
        if (feed != null) {
            feed.subscribe(this::changed, this::missedChanges);
        }
        leases.scheduleWithFixedDelay(this::renewLeases, 0, heartbeat, TimeUnit.NANOSECONDS);
    }

    @TransactionalEventListener
    public void changed(DesiredStateChanged event) {
        changed(event.cluster());
    }

    /**
     * A change committed to {@code cluster}, through this replica or another. The run is planned at once; whether this
     * replica owns the cluster is asked again when the run is due, so a claim made meanwhile counts.
     */
    void changed(String cluster) {
        if (!ownership.owns(cluster)) {
            onLeaseThread(() -> claimChanged(cluster));
        }
        schedule(cluster, debounce);
    }

    /** Nobody may own the cluster (a new one, or its owner left): it is taken if this replica has room. */
    private void claimChanged(String cluster) {
        if (!ownership.owns(cluster) && ownership.claim(cluster)) {
            log.info("Replica {} took cluster {} over after a change", ownership.replica(), cluster);
            resync(cluster, debounce);
        }
    }

    /** The feed was interrupted: changes to owned clusters may have been missed. */
    private void missedChanges() {
        ownership.owned().forEach(cluster -> schedule(cluster, debounce));
    }

    private void renewLeases() {
        try {
            ClusterOwnership.Changes changes = ownership.renew();
            changes.lost().forEach(this::forget);
            long delay = Math.max(debounce, firstResyncAt - System.nanoTime());
            changes.gained().forEach(cluster -> resync(cluster, delay));
            if (!changes.gained().isEmpty() || !changes.lost().isEmpty()) {
                log.info("Replica {} reconciles {} clusters ({} taken over, {} handed over)", ownership.replica(),
                        ownership.owned().size(), changes.gained().size(), changes.lost().size());
            }
            if (resyncsStarted.compareAndSet(false, true)) {
                onTimer(this::resyncNext, Math.max(0, firstResyncAt - System.nanoTime()) + spacing());
            }
        } catch (RuntimeException e) {
            log.warn("Replica {} could not renew its cluster leases: {}", ownership.replica(), e.getMessage());
        }
    }

    /** This replica no longer owns {@code cluster}: whatever it had planned for it is dropped. */
    private void forget(String cluster) {
        ScheduledFuture<?> waiting = pending.remove(cluster);
        if (waiting != null) {
            waiting.cancel(false);
        }
        queue.remove(cluster);
        resyncs.remove(cluster);
        failures.remove(cluster);
        lastResync.remove(cluster);
    }

    /** Resyncs the owned cluster that waited longest, then waits the interval divided by the owned clusters. */
    private void resyncNext() {
        try {
            ownership.owned().stream()
                    .min(Comparator.comparing((String cluster) -> lastResync.getOrDefault(cluster, Long.MIN_VALUE))
                            .thenComparing(Comparator.naturalOrder()))
                    .ifPresent(cluster -> resync(cluster, 0));
        } finally {
            onTimer(this::resyncNext, spacing());
        }
    }

    private long spacing() {
        return resyncInterval / Math.max(1, ownership.owned().size());
    }

    private void resync(String cluster, long delay) {
        lastResync.put(cluster, System.nanoTime() + delay);
        resyncs.add(cluster);
        schedule(cluster, delay);
    }

    /** Queues a reconcile of {@code cluster} after {@code delay} ns, unless one is already due as soon. */
    void schedule(String cluster, long delay) {
        pending.compute(cluster, (name, waiting) -> {
            if (waiting != null && waiting.getDelay(TimeUnit.NANOSECONDS) <= delay) {
                return waiting;
            }
            ScheduledFuture<?> due = onTimer(() -> due(name), delay);
            if (due == null) {
                return waiting;
            }
            if (waiting != null) {
                waiting.cancel(false);
            }
            return due;
        });
    }

    private void due(String cluster) {
        pending.remove(cluster);
        queue.offer(cluster);
    }

    private void work() {
        while (!stopped) {
            String cluster;
            try {
                cluster = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                run(cluster);
            } finally {
                queue.done(cluster);
            }
        }
    }

    private void run(String cluster) {
        boolean resync = resyncs.remove(cluster);
        if (!ownership.owns(cluster)) {
            failures.remove(cluster);
            return;
        }
        log.debug("Reconciling cluster {} ({})", cluster, resync ? "resync" : "changes");
        try {
            var outcome = SystemCaller.call(resync ? "resync" : "reconcile",
                    () -> resync ? delivery.reconcile(cluster) : delivery.deliverChanges(cluster));
            if (outcome.problems().isEmpty()) {
                failures.remove(cluster);
            } else {
                retryLater(cluster, String.join("; ", outcome.problems()));
            }
        } catch (NotFoundException e) {
            failures.remove(cluster);
            log.info("Cluster {} is gone; nothing to reconcile", cluster);
        } catch (RuntimeException e) {
            retryLater(cluster, e.getMessage());
        }
    }

    private void retryLater(String cluster, String reason) {
        if (stopped) {
            return;
        }
        int attempt = failures.merge(cluster, 1, Integer::sum);
        long backoff = Math.min(MAX_BACKOFF_SECONDS, 1L << Math.min(attempt, 8));
        log.warn("Reconcile of cluster {} failed (attempt {}), retrying in {} s: {}", cluster, attempt, backoff,
                reason);
        schedule(cluster, TimeUnit.SECONDS.toNanos(backoff));
    }

    private ScheduledFuture<?> onTimer(Runnable task, long delay) {
        try {
            return timers.schedule(task, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null; // stopping
        }
    }

    private void onLeaseThread(Runnable task) {
        try {
            leases.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("Replica {} could not claim a cluster: {}", ownership.replica(), e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    /** Stops scheduling and waits a little for running reconciles; the leases are given up after this. */
    @PreDestroy
    public void stop() {
        stopped = true;
        timers.shutdownNow();
        leases.shutdownNow();
        workers.forEach(Thread::interrupt);
        long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
