package io.nova.platform.app.db;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.nova.platform.app.support.ApiTest;
import io.nova.platform.app.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * In the running application a change over REST notifies every listening replica of its cluster, from inside the
 * transaction that makes it (another replica listens here on a session of its own).
 */
class ChangeNotificationTest extends ApiTest {

    @Test
    void a_change_over_rest_tells_the_listening_replicas_which_cluster_changed() throws Exception {
        String cluster = unique("notified");
        try (Connection other = otherReplica(); Statement listen = other.createStatement()) {
            listen.execute("LISTEN " + PostgresClusterChanges.CHANNEL);

            assertThat(api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'DIRECT'}".formatted(cluster)))
                    .status()).isEqualTo(201);

            assertThat(notificationsOf(other, cluster)).contains(cluster);
        }
    }

    /** What arrives until {@code expected} does (or 30 s passed). */
    private static List<String> notificationsOf(Connection connection, String expected) throws Exception {
        var clusters = new ArrayList<String>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!clusters.contains(expected) && System.currentTimeMillis() < deadline) {
            PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(500);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    clusters.add(notification.getParameter());
                }
            }
        }
        return clusters;
    }

    private static Connection otherReplica() throws Exception {
        TestDatabase.Connection db = TestDatabase.get();
        var source = new PGSimpleDataSource();
        source.setUrl(db.url());
        source.setUser(db.user());
        source.setPassword(db.password());
        return source.getConnection();
    }
}
