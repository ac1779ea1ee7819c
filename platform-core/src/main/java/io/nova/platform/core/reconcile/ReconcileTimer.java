package io.nova.platform.core.reconcile;

import java.util.function.Supplier;

import io.nova.platform.core.desired.DeliveryOutcome;

/** Port: measures each reconcile (how long, how it ended, what it wrote). */
@FunctionalInterface
public interface ReconcileTimer {

    ReconcileTimer NONE = (cluster, reconcile) -> reconcile.get();

    DeliveryOutcome timed(String cluster, Supplier<DeliveryOutcome> reconcile);
}
