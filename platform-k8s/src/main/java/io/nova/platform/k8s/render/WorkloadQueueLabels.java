package io.nova.platform.k8s.render;

import java.util.Map;
import java.util.TreeMap;

/**
 * The labels by which Kueue admits a tenant's GPU workload: its namespace's LocalQueue and the workload's priority
 * class. Kueue manages only workloads that name a queue, so the platform's own tools (hubs, tracking servers) are never
 * held back by it.
 */
public final class WorkloadQueueLabels {

    public static final String QUEUE = "kueue.x-k8s.io/queue-name";
    public static final String PRIORITY = "kueue.x-k8s.io/priority-class";
    /** The LocalQueue every tenant namespace has. */
    public static final String LOCAL_QUEUE = "nova";

    /** What a workload is, highest priority first: a served model is never preempted by a batch job. */
    public enum WorkloadClass {
        SERVING("nova-serving", 1000), INTERACTIVE("nova-interactive", 500), BATCH("nova-batch", 100);

        private final String priorityClass;
        private final int priority;

        WorkloadClass(String priorityClass, int priority) {
            this.priorityClass = priorityClass;
            this.priority = priority;
        }

        public String priorityClass() {
            return priorityClass;
        }

        public int priority() {
            return priority;
        }
    }

    private WorkloadQueueLabels() {
    }

    public static Map<String, String> of(WorkloadClass workload) {
        return new TreeMap<>(Map.of(QUEUE, LOCAL_QUEUE, PRIORITY, workload.priorityClass()));
    }
}
