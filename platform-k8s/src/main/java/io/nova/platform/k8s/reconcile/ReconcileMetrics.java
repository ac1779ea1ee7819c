package io.nova.platform.k8s.reconcile;

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
 * changed and deleted, per cluster and type) and {@code nova_reconcile_queue} (clusters waiting for a reconcile).
 */
public class ReconcileMetrics implements ReconcileTimer {

    static final String DURATION = "nova.reconcile";
    static final String WRITES = "nova.reconcile.writes";
    static final String QUEUE = "nova.reconcile.queue";

    private final MeterRegistry registry;
    /** Zero until the scheduler runs (it does not where reconciling is switched off). */
    private final java.util.concurrent.atomic.AtomicReference<Supplier<Integer>> waiting =
            new java.util.concurrent.atomic.AtomicReference<>(() -> 0);

    public ReconcileMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(QUEUE, () -> waiting.get().get()).description("Clusters waiting for a reconcile")
                .register(registry);
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

    void watchQueue(Supplier<Integer> queue) {
        waiting.set(queue);
    }
}
