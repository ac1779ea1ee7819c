package io.nova.platform.k8s.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReconcileQueueTest {

    private final ReconcileQueue queue = new ReconcileQueue();

    @Test
    void clusters_come_out_in_the_order_they_were_asked_for_each_once() throws InterruptedException {
        queue.offer("a");
        queue.offer("b");
        queue.offer("a");
        queue.offer("c");

        assertThat(queue.waiting()).isEqualTo(3);
        assertThat(queue.take()).isEqualTo("a");
        assertThat(queue.take()).isEqualTo("b");
        assertThat(queue.take()).isEqualTo("c");
        assertThat(queue.running()).isEqualTo(3);
    }

    @Test
    void a_running_cluster_is_not_handed_out_again_but_gets_one_follow_up_at_the_back() throws InterruptedException {
        queue.offer("big");
        assertThat(queue.take()).isEqualTo("big");

        queue.offer("big");
        queue.offer("big");
        queue.offer("small");
        assertThat(queue.waiting()).as("big waits for its run to end, not in the queue").isEqualTo(1);
        assertThat(queue.take()).isEqualTo("small");
        queue.offer("other");
        queue.done("big");

        assertThat(queue.take()).isEqualTo("other");
        assertThat(queue.take()).isEqualTo("big");
        queue.done("big");
        assertThat(queue.waiting()).as("one follow-up however often big was asked for").isZero();
    }

    @Test
    void a_cluster_this_replica_gave_up_is_dropped_from_the_queue_and_loses_its_follow_up()
            throws InterruptedException {
        queue.offer("kept");
        queue.offer("gone");
        queue.offer("running");
        assertThat(queue.take()).isEqualTo("kept");
        queue.offer("kept");

        queue.remove("gone");
        queue.remove("kept");
        queue.done("kept");

        assertThat(queue.take()).isEqualTo("running");
        assertThat(queue.waiting()).isZero();
    }
}
