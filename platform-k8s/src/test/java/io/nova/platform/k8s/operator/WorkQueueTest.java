package io.nova.platform.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class WorkQueueTest {

    @Test
    void oneKeyIsNeverHandledTwiceAtOnceAndAnAddDuringARunRunsItAgainAfterwards() throws Exception {
        var running = new AtomicInteger();
        var mostAtOnce = new AtomicInteger();
        var runs = new AtomicInteger();
        try (var queue = new WorkQueue("test", 4, Duration.ofMillis(10), Duration.ofMillis(100), key -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(30);
            running.decrementAndGet();
            runs.incrementAndGet();
            return WorkQueue.Result.DONE;
        })) {
            for (int i = 0; i < 20; i++) {
                queue.add("team-a/lab");
                Thread.sleep(10);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> queue.size() == 0);
        }

        assertThat(mostAtOnce.get()).isEqualTo(1);
        assertThat(runs.get()).as("adds while waiting or running coalesce").isBetween(2, 12);
    }

    @Test
    void differentKeysRunInParallel() throws Exception {
        var running = new AtomicInteger();
        var mostAtOnce = new AtomicInteger();
        try (var queue = new WorkQueue("test", 3, Duration.ofMillis(10), Duration.ofMillis(100), key -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(200);
            running.decrementAndGet();
            return WorkQueue.Result.DONE;
        })) {
            List.of("a", "b", "c").forEach(queue::add);
            await().atMost(Duration.ofSeconds(5)).until(() -> queue.size() == 0);
        }

        assertThat(mostAtOnce.get()).isEqualTo(3);
    }

    @Test
    void failuresAreRetriedWithADelayThatDoublesUpToTheCapAndASuccessEndsThem() throws Exception {
        var times = new CopyOnWriteArrayList<Long>();
        try (var queue = new WorkQueue("test", 1, Duration.ofMillis(40), Duration.ofMillis(160), key -> {
            times.add(System.nanoTime());
            if (times.size() < 6) {
                throw new IllegalStateException("API server unavailable");
            }
            return WorkQueue.Result.DONE;
        })) {
            assertThat(List.of(1, 2, 3, 4, 10, 100).stream().map(queue::backoffNanos)
                    .map(TimeUnit.NANOSECONDS::toMillis).toList()).containsExactly(40L, 80L, 160L, 160L, 160L, 160L);

            queue.add("team-a/lab");
            await().atMost(Duration.ofSeconds(5)).until(() -> queue.size() == 0);
            Thread.sleep(300);
        }

        assertThat(times).hasSize(6);
        long[] gaps = new long[5];
        for (int i = 0; i < 5; i++) {
            gaps[i] = TimeUnit.NANOSECONDS.toMillis(times.get(i + 1) - times.get(i));
        }
        assertThat(gaps[0]).isGreaterThanOrEqualTo(38);
        assertThat(gaps[1]).isGreaterThanOrEqualTo(78);
        assertThat(gaps[2]).isGreaterThanOrEqualTo(158);
        assertThat(gaps[4]).as("capped").isGreaterThanOrEqualTo(158).isLessThan(1000);
    }

    @Test
    void aRunCanAskToBeRunAgainLater() throws Exception {
        var runs = new AtomicInteger();
        try (var queue = new WorkQueue("test", 1, Duration.ofMillis(10), Duration.ofMillis(100), key ->
                runs.incrementAndGet() < 3 ? WorkQueue.Result.after(Duration.ofMillis(20)) : WorkQueue.Result.DONE)) {
            queue.add("all");
            await().atMost(Duration.ofSeconds(5)).until(() -> queue.size() == 0);
        }

        assertThat(runs.get()).isEqualTo(3);
    }
}
