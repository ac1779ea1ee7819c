package io.nova.platform.k8s.reconcile;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The clusters due for a reconcile, first come first served, each at most once: a cluster that is already waiting
 * keeps its place, and a cluster that is running gets one follow-up run (at the back of the queue) however often it
 * is asked for meanwhile. So a cluster is never reconciled twice at the same time, and one that keeps changing or
 * takes long cannot hold the workers back from the others.
 */
final class ReconcileQueue {

    private final Deque<String> waiting = new ArrayDeque<>();
    private final Set<String> queued = new HashSet<>();
    private final Set<String> running = new HashSet<>();
    private final Set<String> followUps = new HashSet<>();

    /** Asks for a reconcile of {@code cluster}. */
    synchronized void offer(String cluster) {
        if (running.contains(cluster)) {
            followUps.add(cluster);
        } else if (queued.add(cluster)) {
            waiting.addLast(cluster);
            notifyAll();
        }
    }

    /** The cluster that waited longest, now counted as running; blocks while none waits. */
    synchronized String take() throws InterruptedException {
        while (waiting.isEmpty()) {
            wait();
        }
        String cluster = waiting.removeFirst();
        queued.remove(cluster);
        running.add(cluster);
        return cluster;
    }

    /** {@code cluster}'s run ended; its follow-up, if one was asked for, joins the back of the queue. */
    synchronized void done(String cluster) {
        running.remove(cluster);
        if (followUps.remove(cluster)) {
            offer(cluster);
        }
    }

    /** Forgets a cluster that is waiting or owes a follow-up (this replica no longer reconciles it). */
    synchronized void remove(String cluster) {
        if (queued.remove(cluster)) {
            waiting.remove(cluster);
        }
        followUps.remove(cluster);
    }

    /** Clusters due and waiting for a free worker. */
    synchronized int waiting() {
        return waiting.size();
    }

    /** Clusters being reconciled now. */
    synchronized int running() {
        return running.size();
    }
}
