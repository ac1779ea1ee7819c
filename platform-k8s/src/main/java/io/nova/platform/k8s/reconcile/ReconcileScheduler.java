package io.nova.platform.k8s.reconcile;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.desired.ClusterDelivery;
import io.nova.platform.core.desired.DesiredStateChanged;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When reconciles run: shortly after committed changes (a burst of changes to one cluster becomes one reconcile),
 * and for every cluster at a fixed interval, which also corrects drift. Failures are retried with growing delays.
 */
public class ReconcileScheduler {

    private static final Logger log = LoggerFactory.getLogger(ReconcileScheduler.class);
    private static final long MAX_BACKOFF_SECONDS = 300;

    private final ClusterDelivery delivery;
    private final ClusterService clusters;
    private final ReconcileProperties properties;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2,
            Thread.ofPlatform().name("nova-reconcile-", 0).daemon().factory());
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    /** Clusters whose next run is (also) a periodic resync, which checks unchanged parts for drift. */
    private final java.util.Set<String> resyncs = ConcurrentHashMap.newKeySet();

    public ReconcileScheduler(ClusterDelivery delivery, ClusterService clusters, ReconcileProperties properties,
                              ReconcileMetrics metrics) {
        this.delivery = delivery;
        this.clusters = clusters;
        this.properties = properties;
        metrics.watchQueue(pending::size);
    }

    @TransactionalEventListener
    public void changed(DesiredStateChanged event) {
        schedule(event.cluster(), properties.debounce().toMillis());
    }

    @EventListener(ApplicationReadyEvent.class)
    public void startPeriodicResync() {
        executor.scheduleWithFixedDelay(this::resyncAll, properties.initialDelay().toMillis(),
                properties.resyncInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void resyncAll() {
        try {
            int page = 0;
            var result = clusters.list(new PageQuery(page, PageQuery.MAX_SIZE));
            while (!result.items().isEmpty()) {
                result.items().stream().map(ClusterView::name).forEach(name -> {
                    resyncs.add(name);
                    schedule(name, 0);
                });
                result = clusters.list(new PageQuery(++page, PageQuery.MAX_SIZE));
            }
        } catch (RuntimeException e) {
            log.warn("Periodic resync could not list clusters", e);
        }
    }

    /** Runs a reconcile of {@code cluster} after {@code delayMillis}, unless one is already waiting. */
    void schedule(String cluster, long delayMillis) {
        pending.computeIfAbsent(cluster, name -> executor.schedule(() -> run(name), delayMillis, TimeUnit.MILLISECONDS));
    }

    private void run(String cluster) {
        pending.remove(cluster);
        boolean resync = resyncs.remove(cluster);
        try {
            var outcome = resync ? delivery.reconcile(cluster) : delivery.deliverChanges(cluster);
            if (outcome.problems().isEmpty()) {
                failures.remove(cluster);
            } else {
                retryLater(cluster, String.join("; ", outcome.problems()));
            }
        } catch (io.nova.platform.core.common.NotFoundException e) {
            failures.remove(cluster);
            log.info("Cluster {} is gone; nothing to reconcile", cluster);
        } catch (RuntimeException e) {
            retryLater(cluster, e.getMessage());
        }
    }

    private void retryLater(String cluster, String reason) {
        int attempt = failures.merge(cluster, 1, Integer::sum);
        long backoff = Math.min(MAX_BACKOFF_SECONDS, 1L << Math.min(attempt, 8));
        log.warn("Reconcile of cluster {} failed (attempt {}), retrying in {} s: {}", cluster, attempt, backoff,
                reason);
        schedule(cluster, TimeUnit.SECONDS.toMillis(backoff));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
