package io.nova.platform.k8s.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ApiRateLimiterTest {

    /** Time stands still until someone sleeps; every sleep is recorded. */
    static final class FakeClock implements ApiRateLimiter.Clock {
        long now = 1_000_000_000L;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }

        void advance(long amount, TimeUnit unit) {
            now += unit.toNanos(amount);
        }

        long totalSlept() {
            return sleeps.stream().mapToLong(Long::longValue).sum();
        }
    }

    @Test
    void aFullBucketServesTheBurstAtOnceThenEachCallWaitsOneInterval() {
        var clock = new FakeClock();
        var limiter = new ApiRateLimiter(10, 3, clock);

        for (int i = 0; i < 3; i++) {
            limiter.acquire();
        }
        assertThat(clock.sleeps).isEmpty();

        limiter.acquire();
        limiter.acquire();
        assertThat(clock.sleeps).containsExactly(TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void idleTimeRefillsTheBucketButNeverBeyondTheBurst() {
        var clock = new FakeClock();
        var limiter = new ApiRateLimiter(10, 3, clock);
        for (int i = 0; i < 3; i++) {
            limiter.acquire();
        }

        clock.advance(1, TimeUnit.MINUTES); // would be 600 tokens without the cap
        for (int i = 0; i < 3; i++) {
            limiter.acquire();
        }
        assertThat(clock.sleeps).isEmpty();
        limiter.acquire();
        assertThat(clock.sleeps).containsExactly(TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void partOfAnIntervalOnlyShortensTheWait() {
        var clock = new FakeClock();
        var limiter = new ApiRateLimiter(10, 1, clock);
        limiter.acquire();

        clock.advance(40, TimeUnit.MILLISECONDS);
        limiter.acquire();

        assertThat(clock.sleeps).containsExactly(TimeUnit.MILLISECONDS.toNanos(60));
    }

    @Test
    void theDefaultIsFiftyRequestsASecondWithABurstOfOneHundred() {
        assertThat(new ApiRateLimiter().qps()).isEqualTo(50);
        assertThat(new ApiRateLimiter().burst()).isEqualTo(100);

        var clock = new FakeClock();
        var limiter = new ApiRateLimiter(ApiRateLimiter.DEFAULT_QPS, ApiRateLimiter.DEFAULT_BURST, clock);
        for (int i = 0; i < 100; i++) {
            limiter.acquire();
        }
        assertThat(clock.sleeps).isEmpty();
        limiter.acquire();
        assertThat(clock.sleeps).containsExactly(TimeUnit.MILLISECONDS.toNanos(20));
    }

    @Test
    void theLongRunRateIsTheConfiguredRate() {
        var clock = new FakeClock();
        var limiter = new ApiRateLimiter(50, 100, clock);

        for (int i = 0; i < 100 + 500; i++) {
            limiter.acquire();
        }

        assertThat(clock.totalSlept()).isEqualTo(TimeUnit.SECONDS.toNanos(10)); // 500 calls beyond the burst at 50/s
    }

    @Test
    void theRealClockReallyBlocks() {
        var limiter = new ApiRateLimiter(20, 1);
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
        }
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(190));
    }

    @Test
    void nonsenseSettingsAreRejected() {
        assertThatThrownBy(() -> new ApiRateLimiter(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApiRateLimiter(Double.NaN, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApiRateLimiter(10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApiRateLimiter(10, 1, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInterruptedWaitGivesUpAndKeepsTheInterruptFlag() {
        var limiter = new ApiRateLimiter(1, 1, new ApiRateLimiter.Clock() {
            @Override
            public long nanoTime() {
                return 0;
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                throw new InterruptedException();
            }
        });
        limiter.acquire();
        try {
            assertThatThrownBy(limiter::acquire).isInstanceOf(IllegalStateException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
