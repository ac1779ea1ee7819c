package io.nova.platform.k8s.reconcile;

import java.util.function.Supplier;

import io.nova.platform.core.desired.DeliveryOutcome;
import io.nova.platform.core.reconcile.ReconcileTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the memory of a large reconcile back: rendering and delivering tens of thousands of objects (a first reconcile
 * of a large cluster, part after part) makes the JVM grow its heap to the limit, and it keeps that memory afterwards
 * although almost nothing of it stays live. A full collection after such a reconcile lets the JVM shrink the heap
 * (G1 and Serial do after a full collection), so the process is back to its resting size. Runs after the reconcile
 * released the cluster's lock; small reconciles never pay for it.
 */
final class HeapRelease implements ReconcileTimer {

    private static final Logger log = LoggerFactory.getLogger(HeapRelease.class);

    private final ReconcileTimer timer;
    private final int afterChanges;
    private final Runnable collect;

    /** @param afterChanges the number of changed objects from which a reconcile is followed by a release; 0: never */
    HeapRelease(ReconcileTimer timer, int afterChanges) {
        this(timer, afterChanges, System::gc);
    }

    HeapRelease(ReconcileTimer timer, int afterChanges, Runnable collect) {
        this.timer = timer;
        this.afterChanges = afterChanges;
        this.collect = collect;
    }

    @Override
    public DeliveryOutcome timed(String cluster, Supplier<DeliveryOutcome> reconcile) {
        DeliveryOutcome outcome = timer.timed(cluster, reconcile);
        if (afterChanges > 0 && outcome.changes().size() >= afterChanges) {
            Runtime runtime = Runtime.getRuntime();
            long before = runtime.totalMemory();
            collect.run();
            log.debug("Cluster {}: {} changes; heap {} MiB before a full collection, {} MiB after", cluster,
                    outcome.changes().size(), before >> 20, runtime.totalMemory() >> 20);
        }
        return outcome;
    }
}
