package io.nova.platform.k8s.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.nova.platform.core.cluster.DeliveryMode;
import io.nova.platform.core.desired.DeliveryOutcome;
import io.nova.platform.core.desired.PlannedChange;
import io.nova.platform.core.reconcile.ReconcileTimer;
import org.junit.jupiter.api.Test;

class HeapReleaseTest {

    private final AtomicInteger collections = new AtomicInteger();

    @Test
    void collects_the_heap_after_a_reconcile_that_changed_many_objects() {
        var release = new HeapRelease(ReconcileTimer.NONE, 1_000, collections::incrementAndGet);

        DeliveryOutcome outcome = release.timed("local", () -> outcome(1_000));

        assertThat(outcome.changes()).hasSize(1_000);
        assertThat(collections).hasValue(1);
    }

    @Test
    void leaves_small_reconciles_alone() {
        var release = new HeapRelease(ReconcileTimer.NONE, 1_000, collections::incrementAndGet);

        release.timed("local", () -> outcome(999));
        release.timed("local", () -> outcome(0));

        assertThat(collections).hasValue(0);
    }

    @Test
    void never_collects_when_switched_off() {
        var release = new HeapRelease(ReconcileTimer.NONE, 0, collections::incrementAndGet);

        release.timed("local", () -> outcome(50_000));

        assertThat(collections).hasValue(0);
    }

    private static DeliveryOutcome outcome(int changes) {
        List<PlannedChange> planned = IntStream.range(0, changes)
                .mapToObj(i -> new PlannedChange("CREATE", "nova-team-%d/namespace.yaml".formatted(i), "")).toList();
        return new DeliveryOutcome("local", DeliveryMode.GITOPS, true, "abc", planned, List.of(), List.of());
    }
}
