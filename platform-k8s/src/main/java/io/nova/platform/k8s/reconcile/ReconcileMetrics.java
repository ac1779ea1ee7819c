package io.nova.platform.k8s.reconcile;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nova.platform.core.desired.DeliveryOutcome;
import io.nova.platform.core.desired.PlannedChange;
import io.nova.platform.core.reconcile.ReconcileTimer;

/**
 * The reconciler's own metrics, next to the GPUs' on the dashboard: {@code nova_reconcile_seconds} (per cluster and
 * outcome: {@code synced}, {@code problems}, {@code failed}), {@code nova_reconcile_writes_total} (objects created,
 * changed and deleted, per cluster and type), and of this replica's scheduler {@code nova_reconcile_queue} (clusters
 * due and waiting for a free worker), {@code nova_reconcile_running} (reconciles running now) and
 * {@code nova_reconcile_owned_clusters} (clusters whose lease this replica holds).
 */
public class ReconcileMetrics implements ReconcileTimer {

    static final String DURATION = "nova.reconcile";
    static final String WRITES = "nova.reconcile.writes";
    static final String QUEUE = "nova.reconcile.queue";
    static final String RUNNING = "nova.reconcile.running";
    static final String OWNED = "nova.reconcile.owned.clusters";

    private final MeterRegistry registry;
    /** Zero until the scheduler runs (it does not where reconciling is switched off). */
    private final AtomicReference<Supplier<Integer>> waiting = new AtomicReference<>(() -> 0);
    private final AtomicReference<Supplier<Integer>> running = new AtomicReference<>(() -> 0);
    private final AtomicReference<Supplier<Integer>> owned = new AtomicReference<>(() -> 0);

    public ReconcileMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(QUEUE, () -> waiting.get().get()).description("Clusters due and waiting for a free worker")
                .register(registry);
        Gauge.builder(RUNNING, () -> running.get().get()).description("Reconciles running now on this replica")
                .register(registry);
        Gauge.builder(OWNED, () -> owned.get().get())
                .description("Clusters this replica holds the lease of and reconciles").register(registry);
    }

    /** Runs one reconcile, recording how long it took, how it ended and what it wrote. */
    @Override
    public DeliveryOutcome timed(String cluster, Supplier<DeliveryOutcome> reconcile) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failed";
        try {
            DeliveryOutcome result = reconcile.get();
            outcome = result.problems().isEmpty() ? "synced" : "problems";
            if (result.applied()) {
                for (PlannedChange change : result.changes()) {
                    Counter.builder(WRITES).description("Objects the reconciler created, changed or deleted")
                            .tag("cluster", cluster).tag("type", change.type()).register(registry).increment();
                }
            }
            return result;
        } finally {
            sample.stop(Timer.builder(DURATION).description("Duration of cluster reconciles")
                    .tag("cluster", cluster).tag("outcome", outcome).publishPercentileHistogram()
                    .register(registry));
        }
    }

    /** Where the gauges read from once the scheduler runs. */
    void watch(Supplier<Integer> waitingClusters, Supplier<Integer> runningReconciles, Supplier<Integer> ownedClusters) {
        waiting.set(waitingClusters);
        running.set(runningReconciles);
        owned.set(ownedClusters);
    }
}
