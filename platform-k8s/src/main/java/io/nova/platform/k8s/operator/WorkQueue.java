package io.nova.platform.k8s.operator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A keyed work queue in the manner of client-go's: a key added many times before it runs runs once; a key is never
 * handled by two threads at once (added while running, it runs again right after); a failed run is retried after a
 * delay that doubles with each failure up to a cap, and a success resets it. Different keys run in parallel on the
 * given number of threads.
 */
final class WorkQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkQueue.class);

    /** What a run asks for next. */
    record Result(boolean failed, Duration requeueAfter) {

        static final Result DONE = new Result(false, null);
        static final Result RETRY = new Result(true, null);

        static Result after(Duration delay) {
            return new Result(false, delay);
        }
    }

    @FunctionalInterface
    interface Handler {
        Result handle(String key) throws Exception;
    }

    private static final class Entry {
        ScheduledFuture<?> future;
        long dueNanos;
        boolean running;
        long rerunAtNanos = Long.MAX_VALUE;
        int failures;
    }

    private final String name;
    private final Handler handler;
    private final long initialBackoffNanos;
    private final long maxBackoffNanos;
    private final ScheduledThreadPoolExecutor executor;
    private final Map<String, Entry> entries = new HashMap<>();
    private boolean closed;

    WorkQueue(String name, int workers, Duration initialBackoff, Duration maxBackoff, Handler handler) {
        this.name = name;
        this.handler = handler;
        this.initialBackoffNanos = initialBackoff.toNanos();
        this.maxBackoffNanos = maxBackoff.toNanos();
        this.executor = new ScheduledThreadPoolExecutor(workers,
                Thread.ofPlatform().name(name + "-", 0).daemon().factory());
        this.executor.setRemoveOnCancelPolicy(true);
    }

    void add(String key) {
        addAfter(key, Duration.ZERO);
    }

    /** Runs the key's handler after {@code delay}, or sooner if it is already due sooner. */
    synchronized void addAfter(String key, Duration delay) {
        if (closed) {
            return;
        }
        long due = System.nanoTime() + Math.max(0, delay.toNanos());
        Entry entry = entries.computeIfAbsent(key, k -> new Entry());
        if (entry.running) {
            entry.rerunAtNanos = Math.min(entry.rerunAtNanos, due);
            return;
        }
        if (entry.future != null) {
            if (entry.dueNanos - due <= 0) {
                return;
            }
            entry.future.cancel(false);
        }
        schedule(key, entry, due);
    }

    /** The retry delay after {@code failures} failures in a row: initial · 2^(failures-1), capped. */
    long backoffNanos(int failures) {
        long delay = initialBackoffNanos;
        for (int i = 1; i < failures && delay < maxBackoffNanos; i++) {
            delay = delay > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : delay * 2;
        }
        return Math.min(delay, maxBackoffNanos);
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Keys waiting or running. */
    synchronized int size() {
        return entries.size();
    }

    private void schedule(String key, Entry entry, long dueNanos) {
        entry.dueNanos = dueNanos;
        long delay = Math.max(0, dueNanos - System.nanoTime());
        entry.future = executor.schedule(() -> run(key), delay, TimeUnit.NANOSECONDS);
    }

    private void run(String key) {
        synchronized (this) {
            Entry entry = entries.get(key);
            if (closed || entry == null || entry.running) {
                return;
            }
            entry.future = null;
            entry.running = true;
            entry.rerunAtNanos = Long.MAX_VALUE;
        }
        Result result;
        try {
            result = handler.handle(key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = Result.RETRY;
        } catch (Exception | LinkageError | AssertionError e) {
            if (!isClosed()) { // failures while stopping are the interrupt of close()
                log.warn("{}: reconcile of {} failed: {}", name, key, e.toString(), e);
            }
            result = Result.RETRY;
        }
        synchronized (this) {
            Entry entry = entries.get(key);
            if (closed || entry == null) {
                return;
            }
            entry.running = false;
            long now = System.nanoTime();
            long next = Long.MAX_VALUE;
            if (result == null || result.failed()) {
                entry.failures++;
                long backoff = backoffNanos(entry.failures);
                log.debug("{}: {} failed {} time(s) in a row; retrying in {} ms", name, key, entry.failures,
                        TimeUnit.NANOSECONDS.toMillis(backoff));
                next = now + backoff;
            } else {
                entry.failures = 0;
                if (result.requeueAfter() != null) {
                    next = now + result.requeueAfter().toNanos();
                }
            }
            if (entry.rerunAtNanos != Long.MAX_VALUE && (next == Long.MAX_VALUE || entry.rerunAtNanos - next < 0)) {
                next = entry.rerunAtNanos;
            }
            entry.rerunAtNanos = Long.MAX_VALUE;
            if (next == Long.MAX_VALUE) {
                entries.remove(key);
            } else {
                schedule(key, entry, next);
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            entries.clear();
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("{}: workers did not stop within 10 s", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
