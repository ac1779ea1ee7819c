package io.nova.platform.app.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.nova.platform.app.support.MigratedDatabase;
import io.nova.platform.core.desired.DesiredStateChanged;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Changes reach the other replicas through PostgreSQL notifications: with the commit, never without it. */
class PostgresClusterChangesTest {

    private static final MigratedDatabase.Database DATABASE = MigratedDatabase.create();

    private final DataSource writer = DATABASE.dataSource();
    private final PostgresClusterChanges sending = new PostgresClusterChanges(writer);
    private final PostgresClusterChanges listening = new PostgresClusterChanges(DATABASE.dataSource());
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CountDownLatch missed = new CountDownLatch(1);

    @BeforeEach
    void listen() {
        listening.subscribe(received::add, missed::countDown);
        // The listener connects on its own thread: send probes until the one sent last arrives. Notifications come
        // in commit order, so every earlier probe has arrived by then too.
        var probes = new java.util.concurrent.atomic.AtomicInteger();
        var last = new java.util.concurrent.atomic.AtomicReference<String>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (last.get() != null && received.contains(last.get())) {
                        return true;
                    }
                    last.set("probe-" + probes.incrementAndGet());
                    commit(last.get());
                    return false;
                });
        received.clear();
    }

    @AfterEach
    void close() throws InterruptedException {
        listening.close();
    }

    @Test
    void a_committed_change_reaches_the_listening_replica_and_a_rolled_back_one_does_not() throws Exception {
        rollBack("rolled-back");
        commit("committed");

        assertThat(received.poll(30, TimeUnit.SECONDS)).as("notifications arrive in commit order")
                .isEqualTo("committed");
    }

    @Test
    void after_its_connection_broke_the_feed_listens_again_and_says_that_changes_may_have_been_missed()
            throws Exception {
        Integer killed = new JdbcTemplate(writer).queryForObject("SELECT count(pg_terminate_backend(pid)) "
                + "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
                Integer.class);
        assertThat(killed).as("the listening session was found").isPositive();

        assertThat(missed.await(30, TimeUnit.SECONDS)).isTrue();
        commit("after-the-break");
        assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo("after-the-break");
    }

    private void commit(String cluster) {
        new TransactionTemplate(new DataSourceTransactionManager(writer))
                .executeWithoutResult(status -> sending.publish(new DesiredStateChanged(cluster)));
    }

    private void rollBack(String cluster) {
        new TransactionTemplate(new DataSourceTransactionManager(writer)).executeWithoutResult(status -> {
            sending.publish(new DesiredStateChanged(cluster));
            status.setRollbackOnly();
        });
    }
}
