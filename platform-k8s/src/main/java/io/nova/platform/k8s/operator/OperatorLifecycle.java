package io.nova.platform.k8s.operator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle every operator of the platform shares: its informers start together, reconciling begins once all of
 * them have listed (or, after {@value #SYNC_TIMEOUT_SECONDS} s, with what they have while they keep retrying), a
 * failing watch is retried for as long as the operator runs, and closing stops the work queue and every informer,
 * once. An operator registers its informers, then calls {@link #start}; its event handlers enqueue only while
 * {@link #synced()}, because {@code onSynced} enqueues everything once.
 */
final class OperatorLifecycle implements AutoCloseable {

    static final long SYNC_TIMEOUT_SECONDS = 30;
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(SYNC_TIMEOUT_SECONDS);
    private static final Logger log = LoggerFactory.getLogger(OperatorLifecycle.class);

    private final String name;
    private final WorkQueue queue;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private volatile boolean synced;
    private boolean started;
    private boolean closed;

    /** @param name how the logs name the operator ({@code cluster lab: MLCluster}) */
    OperatorLifecycle(String name, WorkQueue queue) {
        this.name = name;
        this.queue = queue;
    }

    /** Registers an informer of {@code kind} with its handler; a failing watch is retried while the operator runs. */
    synchronized <T extends HasMetadata> SharedIndexInformer<T> watch(String kind, SharedIndexInformer<T> informer,
                                                                     ResourceEventHandler<T> handler) {
        informer.exceptionHandler((isStarted, t) -> {
            if (isClosed()) {
                return false;
            }
            log.warn("{}: {} informer failed, retrying: {}", name, kind, t.toString());
            return true;
        });
        informer.addEventHandler(handler);
        informers.add(informer);
        return informer;
    }

    /**
     * Starts the registered informers; runs {@code onSynced} once they have listed (not after {@link #close}).
     *
     * @return false when it was started or closed before (nothing happens then)
     */
    synchronized boolean start(Runnable onSynced) {
        if (started || closed) {
            return false;
        }
        started = true;
        CompletableFuture.allOf(informers.stream().map(i -> i.start().toCompletableFuture())
                        .toArray(CompletableFuture[]::new))
                .orTimeout(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, failure) -> {
                    synchronized (this) {
                        if (closed) {
                            return;
                        }
                        if (failure != null) {
                            log.warn("{}: the informers have not listed ({}); reconciling with what they have, they "
                                    + "keep retrying", name, failure.toString());
                        }
                        synced = true;
                    }
                    onSynced.run();
                });
        return true;
    }

    /** Whether every informer has listed (or timed out) and reconciling has begun. */
    boolean synced() {
        return synced;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Stops the work queue and the informers. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        synced = false;
        queue.close();
        informers.forEach(SharedIndexInformer::close);
    }
}
