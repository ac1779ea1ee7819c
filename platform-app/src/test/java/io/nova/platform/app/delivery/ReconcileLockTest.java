package io.nova.platform.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.nova.platform.app.support.MigratedDatabase;
import io.nova.platform.core.desired.ReconcileLock;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The safety net under cluster ownership: while a lease moves, two replicas may both believe they own a cluster, and
 * the advisory lock still lets only one of them reconcile it at a time. Two replicas are two locks with sessions of
 * their own on one real PostgreSQL.
 */
class ReconcileLockTest {

    private static final MigratedDatabase.Database DATABASE = MigratedDatabase.create();

    @Test
    void a_second_replica_waits_until_the_first_has_finished_reconciling_the_same_cluster() throws Exception {
        var first = new ReconcileLock(DATABASE.dataSource());
        var second = new ReconcileLock(DATABASE.dataSource());
        var firstIn = new CountDownLatch(1);
        var firstMayLeave = new CountDownLatch(1);
        var secondIn = new AtomicBoolean();
        var firstStillIn = new AtomicBoolean();

        Thread one = Thread.ofPlatform().start(() -> first.withLock("shared", () -> {
            firstStillIn.set(true);
            firstIn.countDown();
            await(firstMayLeave);
            firstStillIn.set(false);
            return null;
        }));
        assertThat(firstIn.await(30, TimeUnit.SECONDS)).isTrue();
        Thread two = Thread.ofPlatform().start(() -> second.withLock("shared", () -> {
            secondIn.set(!firstStillIn.get());
            return null;
        }));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(this::someoneWaitsForAnAdvisoryLock);
        assertThat(secondIn).as("the second replica waits").isFalse();
        firstMayLeave.countDown();
        one.join(30_000);
        two.join(30_000);
        assertThat(secondIn).as("the second replica went in after the first had left").isTrue();
    }

    @Test
    void reconciles_of_different_clusters_do_not_wait_for_each_other() throws Exception {
        var first = new ReconcileLock(DATABASE.dataSource());
        var second = new ReconcileLock(DATABASE.dataSource());
        var firstIn = new CountDownLatch(1);
        var firstMayLeave = new CountDownLatch(1);
        Thread one = Thread.ofPlatform().start(() -> first.withLock("one", () -> {
            firstIn.countDown();
            await(firstMayLeave);
            return null;
        }));
        assertThat(firstIn.await(30, TimeUnit.SECONDS)).isTrue();

        String result = second.withLock("other", () -> "reconciled");

        assertThat(result).isEqualTo("reconciled");
        firstMayLeave.countDown();
        one.join(30_000);
    }

    private boolean someoneWaitsForAnAdvisoryLock() {
        Integer waiting = new JdbcTemplate(DATABASE.dataSource()).queryForObject(
                "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                        + "WHERE l.locktype = 'advisory' AND NOT l.granted AND a.datname = current_database()",
                Integer.class);
        return waiting != null && waiting > 0;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
