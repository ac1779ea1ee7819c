package io.nova.platform.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nova.platform.app.db.PostgresClusterChanges;
import io.nova.platform.app.support.MigratedDatabase;
import io.nova.platform.core.cluster.DeliveryMode;
import io.nova.platform.core.desired.ClusterDelivery;
import io.nova.platform.core.desired.ClusterLeases;
import io.nova.platform.core.desired.ClusterOwnership;
import io.nova.platform.core.desired.DeliveryOutcome;
import io.nova.platform.core.desired.DesiredStateChanged;
import io.nova.platform.core.desired.ReplicaId;
import io.nova.platform.k8s.reconcile.ReconcileMetrics;
import io.nova.platform.k8s.reconcile.ReconcileProperties;
import io.nova.platform.k8s.reconcile.ReconcileScheduler;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scheduler of each replica, with its real leases and change feed over one real PostgreSQL, in front of a fake
 * delivery whose reconciles wait on latches: which replica reconciles what, how many at a time, and in which order.
 */
class ReconcileSchedulerTest {

    private static final MigratedDatabase.Database DATABASE = MigratedDatabase.create();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final JdbcTemplate sql = new JdbcTemplate(DATABASE.dataSource());
    private final List<Replica> replicas = new ArrayList<>();

    @BeforeEach
    void emptyDatabase() {
        sql.update("DELETE FROM cluster_lease");
        sql.update("DELETE FROM reconcile_replica");
        sql.update("DELETE FROM cluster");
    }

    @AfterEach
    void stopReplicas() {
        replicas.forEach(Replica::stop);
    }

    @Test
    void a_slow_cluster_does_not_hold_up_the_others() {
        addClusters("big", "small-1", "small-2", "small-3", "small-4", "small-5");
        var replica = replica("a", 2, Duration.ofHours(1), Duration.ofMinutes(1)).started();
        replica.delivery.hold("big");

        replica.changed("big");
        await().until(() -> replica.delivery.started("big") == 1);
        for (int i = 1; i <= 5; i++) {
            replica.changed("small-" + i);
        }

        await().until(() -> replica.delivery.finishedOf("small-1", "small-2", "small-3", "small-4", "small-5") == 5);
        assertThat(replica.delivery.finished("big")).as("big is still being reconciled").isZero();
        replica.delivery.release("big");
        await().until(() -> replica.delivery.finished("big") == 1);
    }

    @Test
    void a_cluster_is_never_reconciled_twice_at_the_same_time_and_changes_during_a_run_make_one_more_run() {
        addClusters("busy", "marker");
        var replica = replica("a", 4, Duration.ofHours(1), Duration.ofMinutes(1)).started();
        replica.delivery.hold("busy");
        replica.changed("busy");
        await().until(() -> replica.delivery.started("busy") == 1);

        for (int i = 0; i < 10; i++) {
            replica.changed("busy");
        }
        // Timers fire in order: once the marker's change is reconciled, all changes to busy have been queued.
        replica.changed("marker");
        await().until(() -> replica.delivery.finished("marker") == 1);
        replica.delivery.release("busy");

        await().until(() -> replica.delivery.finished("busy") == 2 && replica.idle());
        assertThat(replica.delivery.started("busy")).as("the ten changes made one follow-up run").isEqualTo(2);
        assertThat(replica.delivery.mostAtOnce("busy")).isEqualTo(1);
    }

    @Test
    void clusters_are_served_first_come_first_served_and_a_busy_cluster_goes_to_the_back() {
        addClusters("busy", "quiet-1", "quiet-2");
        var replica = replica("a", 1, Duration.ofHours(1), Duration.ofMinutes(1)).started();
        replica.delivery.hold("busy");
        replica.changed("busy");
        await().until(() -> replica.delivery.started("busy") == 1);

        replica.changed("busy");
        replica.changed("busy");
        replica.changed("quiet-1");
        replica.changed("busy");
        replica.changed("quiet-2");
        await().until(() -> replica.gauge("nova.reconcile.queue") == 2);
        replica.delivery.release("busy");

        await().until(() -> replica.delivery.finished("busy") == 2 && replica.idle());
        assertThat(replica.delivery.order()).containsExactly("busy", "quiet-1", "quiet-2", "busy");
    }

    @Test
    void a_change_committed_through_one_replica_is_reconciled_by_the_owner_of_the_cluster() {
        addClusters("c-1", "c-2", "c-3", "c-4");
        var a = replica("a", 2, Duration.ofHours(1), Duration.ofMinutes(1));
        var b = replica("b", 2, Duration.ofHours(1), Duration.ofMinutes(1));
        split(a, b);
        a.started();
        b.started();
        String ofB = b.ownership.owned().iterator().next();

        // Until b's feed listens, a notification finds nobody: commit the change again until b reconciled it.
        await().pollInterval(Duration.ofMillis(500)).until(() -> {
            a.commitChange(ofB);
            return b.delivery.finished(ofB) >= 1;
        });

        assertThat(b.delivery.changesOnly(ofB)).as("a change delivers the change, not a full reconcile").isTrue();
        assertThat(a.delivery.started(ofB)).as("a does not own " + ofB).isZero();
        assertThat(b.gauge("nova.reconcile.owned.clusters")).isEqualTo(2);
    }

    @Test
    void the_clusters_of_a_replica_that_died_are_taken_over_and_reconciled_by_the_other() {
        addClusters("c-1", "c-2", "c-3", "c-4");
        var a = replica("a", 2, Duration.ZERO, Duration.ofSeconds(2)).started();
        var b = replica("b", 2, Duration.ZERO, Duration.ofSeconds(2)).started();
        await().until(() -> a.ownership.owned().size() == 2 && b.ownership.owned().size() == 2);

        Set<String> ofA = a.ownership.owned();
        a.scheduler.stop(); // dies: no more renewals, no goodbye
        b.delivery.forget();

        await().until(() -> b.delivery.resynced().containsAll(ofA));
        assertThat(b.ownership.owned()).hasSize(4);
    }

    private static ConditionFactory await() {
        return Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50));
    }

    private void addClusters(String... names) {
        for (String name : names) {
            sql.update("INSERT INTO cluster (name, delivery_mode, created_at, updated_at) "
                    + "VALUES (?, 'DIRECT', now(), now())", name);
        }
    }

    /** Both renew twice before their schedulers start: the first takes everything, then hands half over. */
    private static void split(Replica first, Replica second) {
        first.ownership.renew();
        second.ownership.renew();
        first.ownership.renew();
        second.ownership.renew();
        assertThat(first.ownership.owned()).hasSize(2);
        assertThat(second.ownership.owned()).hasSize(2);
    }

    private Replica replica(String id, int workers, Duration initialDelay, Duration lease) {
        var replica = new Replica(id, workers, initialDelay, lease);
        replicas.add(replica);
        return replica;
    }

    /** One replica of the platform: its own sessions, leases, change feed, scheduler and (fake) delivery. */
    private static final class Replica {

        final DataSource dataSource = DATABASE.dataSource();
        final FakeDelivery delivery = new FakeDelivery();
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final ClusterOwnership ownership;
        final PostgresClusterChanges feed = new PostgresClusterChanges(dataSource);
        final ReconcileScheduler scheduler;

        Replica(String id, int workers, Duration initialDelay, Duration lease) {
            ownership = new ClusterOwnership(new ClusterLeases(dataSource), new ReplicaId(id), lease);
            var properties = new ReconcileProperties(true, Duration.ZERO, Duration.ofHours(1), initialDelay, null,
                    null, null, false, null, null, null, null, null, null, workers, id, lease, lease.dividedBy(4),
                    null, null, null, null);
            scheduler = new ReconcileScheduler(delivery, ownership, feed, properties, new ReconcileMetrics(registry));
        }

        Replica started() {
            scheduler.start();
            if (!ownership.owned().isEmpty()) {
                return this;
            }
            await().until(() -> !ownership.owned().isEmpty());
            return this;
        }

        /** A change committed through this replica: the notification goes out with the commit. */
        void commitChange(String cluster) {
            new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(
                    status -> feed.publish(new DesiredStateChanged(cluster)));
            scheduler.changed(new DesiredStateChanged(cluster));
        }

        /** A change made through this replica, as its own event reaches its scheduler after the commit. */
        void changed(String cluster) {
            scheduler.changed(new DesiredStateChanged(cluster));
        }

        double gauge(String name) {
            return registry.get(name).gauge().value();
        }

        boolean idle() {
            return gauge("nova.reconcile.queue") == 0 && gauge("nova.reconcile.running") == 0;
        }

        void stop() {
            scheduler.stop();
            try {
                feed.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ownership.close();
        }
    }

    /** Records each run; a held cluster's runs wait until it is released. */
    static final class FakeDelivery implements ClusterDelivery {

        private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
        private final List<String> order = Collections.synchronizedList(new ArrayList<>());
        private final List<String> resynced = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, AtomicInteger> started = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> finished = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> mostAtOnce = new ConcurrentHashMap<>();
        private final Map<String, Boolean> lastWasChangesOnly = new ConcurrentHashMap<>();

        void hold(String cluster) {
            held.put(cluster, new CountDownLatch(1));
        }

        void release(String cluster) {
            held.remove(cluster).countDown();
        }

        @Override
        public DeliveryOutcome plan(String cluster) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DeliveryOutcome reconcile(String cluster) {
            resynced.add(cluster);
            return run(cluster, false);
        }

        @Override
        public DeliveryOutcome deliverChanges(String cluster) {
            return run(cluster, true);
        }

        private DeliveryOutcome run(String cluster, boolean changesOnly) {
            order.add(cluster);
            lastWasChangesOnly.put(cluster, changesOnly);
            counter(started, cluster).incrementAndGet();
            int now = counter(running, cluster).incrementAndGet();
            counter(mostAtOnce, cluster).accumulateAndGet(now, Math::max);
            try {
                CountDownLatch latch = held.get(cluster);
                if (latch != null && !latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException(cluster + " was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                counter(running, cluster).decrementAndGet();
                counter(finished, cluster).incrementAndGet();
            }
            return new DeliveryOutcome(cluster, DeliveryMode.DIRECT, true, null, List.of(), List.of(), List.of());
        }

        int started(String cluster) {
            return counter(started, cluster).get();
        }

        int finished(String cluster) {
            return counter(finished, cluster).get();
        }

        int finishedOf(String... clusters) {
            int all = 0;
            for (String cluster : clusters) {
                all += Math.min(1, finished(cluster));
            }
            return all;
        }

        int mostAtOnce(String cluster) {
            return counter(mostAtOnce, cluster).get();
        }

        boolean changesOnly(String cluster) {
            return lastWasChangesOnly.getOrDefault(cluster, false);
        }

        List<String> order() {
            synchronized (order) {
                return List.copyOf(order);
            }
        }

        Set<String> resynced() {
            synchronized (resynced) {
                return Set.copyOf(resynced);
            }
        }

        void forget() {
            resynced.clear();
        }

        private static AtomicInteger counter(Map<String, AtomicInteger> counters, String cluster) {
            return counters.computeIfAbsent(cluster, c -> new AtomicInteger());
        }
    }
}
