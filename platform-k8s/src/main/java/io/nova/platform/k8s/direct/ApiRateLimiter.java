package io.nova.platform.k8s.direct;

/**
 * A token bucket in front of the Kubernetes API: {@code qps} tokens a second flow into a bucket that holds at most
 * {@code burst}; every API call (reads too) takes one token first and, when the bucket is empty, waits for it.
 * The default, 50 requests/s with a burst of 100, is what Flux's controllers and Argo CD use against the API server.
 *
 * <p>Waiting callers reserve their token before sleeping, so concurrent callers are served in arrival order and the
 * long-run rate never exceeds {@code qps}. Thread-safe.
 */
public final class ApiRateLimiter {

    public static final double DEFAULT_QPS = 50;
    public static final int DEFAULT_BURST = 100;

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    /** Time as the limiter sees it; tests pass a fake one whose {@link #sleepNanos} just moves time forward. */
    public interface Clock {

        /** A monotonic time in nanoseconds (only differences matter). */
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };
    }

    private final double qps;
    private final int burst;
    private final Clock clock;
    private double tokens;
    private long refilledAt;

    /** 50 requests/s, burst 100, real time. */
    public ApiRateLimiter() {
        this(DEFAULT_QPS, DEFAULT_BURST, Clock.SYSTEM);
    }

    public ApiRateLimiter(double qps, int burst) {
        this(qps, burst, Clock.SYSTEM);
    }

    /** A limiter that starts with a full bucket of {@code burst} tokens. */
    public ApiRateLimiter(double qps, int burst, Clock clock) {
        if (!(qps > 0) || Double.isInfinite(qps)) {
            throw new IllegalArgumentException("qps must be a positive number, was " + qps);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, was " + burst);
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
        this.qps = qps;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.refilledAt = clock.nanoTime();
    }

    public double qps() {
        return qps;
    }

    public int burst() {
        return burst;
    }

    /**
     * Takes one token, blocking until one is available.
     *
     * @throws IllegalStateException if the thread is interrupted while waiting (the interrupt flag is kept)
     */
    public void acquire() {
        long wait = reserve();
        if (wait > 0) {
            try {
                clock.sleepNanos(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Kubernetes API rate limiter", e);
            }
        }
    }

    /** Takes a token and returns how long the caller must wait for it, in nanoseconds (0 when one was there). */
    private synchronized long reserve() {
        long now = clock.nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledAt) * qps / NANOS_PER_SECOND);
        refilledAt = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * NANOS_PER_SECOND / qps);
    }
}
