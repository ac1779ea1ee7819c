package io.nova.platform.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;

import io.nova.platform.app.support.TestDatabase;
import io.nova.platform.core.desired.OperatorLeadership;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Two replicas against one real PostgreSQL: one runs the operators; the other takes over when it goes away. */
class OperatorLeadershipTest {

    private static final String LOCK = "nova-operators-" + java.util.UUID.randomUUID();

    private static PGSimpleDataSource database() {
        TestDatabase.Connection db = TestDatabase.get();
        var source = new PGSimpleDataSource();
        source.setUrl(db.url());
        source.setUser(db.user());
        source.setPassword(db.password());
        return source;
    }

    @Test
    void one_replica_leads_and_the_other_takes_over_when_it_stops() {
        var source = database();
        try (var first = new OperatorLeadership(source, LOCK); var second = new OperatorLeadership(source, LOCK)) {
            assertThat(first.leads()).isTrue();
            assertThat(second.leads()).isFalse();
            assertThat(first.leads()).as("asking again keeps the lead").isTrue();

            first.close();
            assertThat(second.leads()).isTrue();
            assertThat(first.leads()).isFalse();
        }
    }

    @Test
    void a_leader_whose_connection_breaks_loses_the_lead_to_the_other() throws SQLException {
        var source = database();
        try (var first = new OperatorLeadership(source, LOCK); var second = new OperatorLeadership(source, LOCK);
             Connection admin = source.getConnection()) {
            assertThat(first.leads()).isTrue();

            // The leader's session dies, as when its pod or the network goes away: PostgreSQL drops its locks.
            try (var kill = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_locks "
                    + "WHERE locktype = 'advisory' AND granted "
                    + "AND objid = (hashtext(?)::bigint & 4294967295)::oid")) {
                kill.setString(1, LOCK);
                assertThat(kill.executeQuery().next()).as("the leader's session was found").isTrue();
            }

            assertThat(second.leads()).isTrue();
            assertThat(first.leads()).isFalse();
        }
    }
}
