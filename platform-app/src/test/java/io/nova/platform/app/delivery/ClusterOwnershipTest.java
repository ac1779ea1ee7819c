package io.nova.platform.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.nova.platform.app.support.MigratedDatabase;
import io.nova.platform.core.desired.ClusterLeases;
import io.nova.platform.core.desired.ClusterOwnership;
import io.nova.platform.core.desired.ReplicaId;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Replicas share the clusters through leases in one real PostgreSQL: two "replicas" here are two ownership instances
 * with different ids, each with sessions of its own, over a database that holds only this test's clusters.
 */
class ClusterOwnershipTest {

    private static final MigratedDatabase.Database DATABASE = MigratedDatabase.create();
    private static final Set<String> CLUSTERS = IntStream.range(0, 10).mapToObj(i -> "c-" + i)
            .collect(Collectors.toUnmodifiableSet());

    private final JdbcTemplate sql = new JdbcTemplate(DATABASE.dataSource());
    private final Set<ClusterOwnership> replicas = new HashSet<>();

    @BeforeEach
    void tenClusters() {
        sql.update("DELETE FROM cluster_lease");
        sql.update("DELETE FROM reconcile_replica");
        sql.update("DELETE FROM cluster");
        CLUSTERS.forEach(this::addCluster);
    }

    @AfterEach
    void leave() {
        replicas.forEach(ClusterOwnership::close);
    }

    @Test
    void a_single_replica_owns_every_cluster() {
        var a = replica("a", Duration.ofMinutes(1));

        var changes = a.renew();

        assertThat(changes.gained()).isEqualTo(CLUSTERS);
        assertThat(a.owned()).isEqualTo(CLUSTERS);
        assertThat(owners()).containsOnly("a");
    }

    @Test
    void a_second_replica_takes_half_of_the_clusters_off_the_first() {
        var a = replica("a", Duration.ofMinutes(1));
        var b = replica("b", Duration.ofMinutes(1));
        a.renew();

        assertThat(b.renew().gained()).as("b cannot take clusters a holds").isEmpty();
        var handedOver = a.renew();
        var takenOver = b.renew();

        assertThat(handedOver.lost()).hasSize(5);
        assertThat(takenOver.gained()).isEqualTo(handedOver.lost());
        assertThat(a.owned()).hasSize(5).doesNotContainAnyElementsOf(b.owned());
        assertThat(union(a.owned(), b.owned())).isEqualTo(CLUSTERS);
    }

    @Test
    void clusters_whose_owner_renews_in_time_are_never_taken_over() {
        var a = replica("a", Duration.ofMinutes(1));
        var b = replica("b", Duration.ofMinutes(1));
        split(a, b);
        Set<String> ofA = a.owned();

        for (int i = 0; i < 3; i++) {
            assertThat(b.renew().gained()).isEmpty();
            assertThat(a.renew().lost()).isEmpty();
        }
        assertThat(a.owned()).isEqualTo(ofA);
    }

    @Test
    void a_replica_that_stops_renewing_loses_its_clusters_to_the_other_once_its_leases_expire() {
        var a = replica("a", Duration.ofSeconds(1));
        var b = replica("b", Duration.ofSeconds(1));
        split(a, b);
        Set<String> ofA = a.owned();

        // a stops (it died, or lost the database): only b renews from now on.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> b.renew().gained().containsAll(ofA) || b.owned().equals(CLUSTERS));

        assertThat(b.owned()).isEqualTo(CLUSTERS);
        assertThat(owners()).containsOnly("b");
        assertThat(a.owned()).as("a no longer counts on leases it did not renew in time").isEmpty();
        assertThat(a.renew().gained()).as("a, back, finds its clusters taken").isEmpty();
    }

    @Test
    void a_replica_that_leaves_hands_its_clusters_over_at_the_others_next_renewal() {
        var a = replica("a", Duration.ofMinutes(1));
        var b = replica("b", Duration.ofMinutes(1));
        split(a, b);

        a.close();

        assertThat(b.renew().gained()).hasSize(5);
        assertThat(b.owned()).isEqualTo(CLUSTERS);
    }

    @Test
    void a_new_cluster_that_changed_goes_to_one_replica_only() {
        var a = replica("a", Duration.ofMinutes(1));
        var b = replica("b", Duration.ofMinutes(1));
        split(a, b);
        addCluster("c-new");

        boolean byA = a.claim("c-new");
        boolean byB = b.claim("c-new");

        assertThat(byA).as("a has room: 6 of 11 clusters are its fair share").isTrue();
        assertThat(byB).isFalse();
        assertThat(a.owns("c-new")).isTrue();
        assertThat(b.owns("c-new")).isFalse();
        assertThat(sql.queryForObject("SELECT owner FROM cluster_lease WHERE cluster_name = 'c-new'", String.class))
                .isEqualTo("a");
    }

    @Test
    void a_replica_does_not_take_back_on_a_change_what_it_just_gave_up_for_a_new_replica() {
        var a = replica("a", Duration.ofMinutes(1));
        var b = replica("b", Duration.ofMinutes(1));
        a.renew();
        b.renew();
        Set<String> givenUp = a.renew().lost();
        assertThat(givenUp).hasSize(5);

        assertThat(a.claim(givenUp.iterator().next())).isFalse();
        assertThat(b.renew().gained()).isEqualTo(givenUp);
    }

    @Test
    void a_replica_at_its_fair_share_leaves_a_changed_cluster_to_the_others() {
        var a = replica("a", Duration.ofMinutes(1));
        var b = replica("b", Duration.ofMinutes(1));
        var c = replica("c", Duration.ofMinutes(1));
        a.renew();
        b.renew();
        c.renew();
        a.renew();
        b.renew();
        c.renew();
        assertThat(a.owned().size() + b.owned().size() + c.owned().size()).isEqualTo(10);
        // 10 clusters, 3 replicas: shares of 4. A replica holding 4 stays out of a new cluster (11 / 3 is still 4).
        var full = java.util.stream.Stream.of(a, b, c).filter(r -> r.owned().size() == 4).findFirst().orElseThrow();
        addCluster("c-new");

        assertThat(full.claim("c-new")).isFalse();
    }

    @Test
    void a_deleted_cluster_is_no_longer_owned() {
        var a = replica("a", Duration.ofMinutes(1));
        a.renew();

        sql.update("DELETE FROM cluster WHERE name = 'c-3'");

        assertThat(a.renew().lost()).containsExactly("c-3");
        assertThat(a.owns("c-3")).isFalse();
    }

    @Test
    void the_fair_share_is_the_clusters_per_live_replica_rounded_up() {
        assertThat(ClusterLeases.Census.fairShare(100, 3)).isEqualTo(34);
        assertThat(ClusterLeases.Census.fairShare(100, 4)).isEqualTo(25);
        assertThat(ClusterLeases.Census.fairShare(1, 3)).isEqualTo(1);
        assertThat(ClusterLeases.Census.fairShare(0, 2)).isZero();
    }

    private ClusterOwnership replica(String id, Duration lease) {
        var replica = new ClusterOwnership(new ClusterLeases(DATABASE.dataSource()), new ReplicaId(id), lease);
        replicas.add(replica);
        return replica;
    }

    /** Renews both twice: the first replica takes everything, then hands half over to the second. */
    private static void split(ClusterOwnership first, ClusterOwnership second) {
        first.renew();
        second.renew();
        first.renew();
        second.renew();
        assertThat(first.owned()).hasSize(5);
        assertThat(second.owned()).hasSize(5);
    }

    private void addCluster(String name) {
        sql.update("INSERT INTO cluster (name, delivery_mode, created_at, updated_at) VALUES (?, 'DIRECT', now(), now())",
                name);
    }

    private Set<String> owners() {
        return Set.copyOf(sql.queryForList("SELECT owner FROM cluster_lease", String.class));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
