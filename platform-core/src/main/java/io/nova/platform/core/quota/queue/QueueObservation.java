package io.nova.platform.core.quota.queue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a cluster's Kueue reports of the platform's queues, or why nothing could be read.
 *
 * @param reachable  whether the cluster was read
 * @param message    why it was not (unreachable, no credentials), else null
 * @param observedAt when it was read
 * @param queues     every platform-owned ClusterQueue of the cluster
 */
public record QueueObservation(boolean reachable, String message, Instant observedAt, List<ObservedQueue> queues) {

    public QueueObservation {
        queues = queues == null ? List.of() : List.copyOf(queues);
    }

    public static QueueObservation unreachable(String message, Instant at) {
        return new QueueObservation(false, message, at, List.of());
    }

    public Map<String, ObservedQueue> byNamespace() {
        return queues.stream().collect(Collectors.toMap(ObservedQueue::namespace, Function.identity(), (a, b) -> a));
    }
}
