package io.nova.platform.core.desired;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The leases of clusters to replicas and the replicas' heartbeats, in PostgreSQL ({@code cluster_lease},
 * {@code reconcile_replica}). Every statement commits on its own and uses the database's clock. Claims never take a
 * lease that another replica renewed in time: the conflicting row is checked again after it is locked.
 */
public class ClusterLeases {

    /**
     * What every replica sees when it balances: how many clusters and live replicas there are, and which clusters
     * other live replicas hold.
     */
    public record Census(int clusters, int replicas, Set<String> heldByOthers) {

        public Census {
            heldByOthers = Set.copyOf(heldByOthers);
        }

        /** Clusters per live replica, rounded up: adding a replica lowers every replica's share. */
        public int fairShare() {
            return fairShare(clusters, replicas);
        }

        public static int fairShare(int clusters, int replicas) {
            return replicas < 1 ? clusters : (clusters + replicas - 1) / replicas;
        }
    }

    private static final String EXPIRY = "now() + ? * interval '1 millisecond'";
    /** Replicas that stopped without leaving are forgotten this long after their last heartbeat expired. */
    private static final String FORGET_AFTER = "interval '1 hour'";

    private final DataSource dataSource;

    public ClusterLeases(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Says that {@code replica} is alive for {@code lease} from now. */
    public void heartbeat(ReplicaId replica, Duration lease) {
        update("""
                INSERT INTO reconcile_replica (replica_id, started_at, renewed_at, expires_at)
                VALUES (?, now(), now(), %s)
                ON CONFLICT (replica_id) DO UPDATE SET renewed_at = excluded.renewed_at,
                                                       expires_at = excluded.expires_at""".formatted(EXPIRY),
                replica.value(), lease.toMillis());
        update("DELETE FROM reconcile_replica WHERE expires_at < now() - " + FORGET_AFTER);
    }

    /** Extends every lease {@code replica} still holds; returns those clusters (not the ones others took over). */
    public Set<String> renew(ReplicaId replica, Duration lease) {
        return names("UPDATE cluster_lease SET renewed_at = now(), expires_at = %s WHERE owner = ? RETURNING cluster_name"
                .formatted(EXPIRY), lease.toMillis(), replica.value());
    }

    public Census census(ReplicaId replica) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement counts = connection.prepareStatement("""
                     SELECT (SELECT count(*) FROM cluster),
                            (SELECT count(*) FROM reconcile_replica WHERE expires_at > now())""");
             ResultSet result = counts.executeQuery()) {
            result.next();
            int clusters = result.getInt(1);
            int replicas = result.getInt(2);
            Set<String> held = names(connection,
                    "SELECT cluster_name FROM cluster_lease WHERE owner <> ? AND expires_at > now()", replica.value());
            return new Census(clusters, replicas, held);
        } catch (SQLException e) {
            throw failure("count the clusters and replicas", e);
        }
    }

    /** Takes up to {@code max} clusters that nobody holds or whose lease expired; returns the ones taken. */
    public Set<String> claim(ReplicaId replica, Duration lease, int max) {
        if (max < 1) {
            return Set.of();
        }
        // Ordered by a hash with the replica's id in it: replicas that claim at the same time mostly want different
        // clusters instead of queueing on the same rows.
        return names(claimStatement("", "ORDER BY md5(c.name || ?) LIMIT ?"), replica.value(), lease.toMillis(),
                replica.value(), max);
    }

    /** Takes {@code cluster} if nobody holds it or its lease expired. */
    public boolean claim(ReplicaId replica, Duration lease, String cluster) {
        return !names(claimStatement(" AND c.name = ?", ""), replica.value(), lease.toMillis(), cluster).isEmpty();
    }

    private static String claimStatement(String filter, String order) {
        return """
                INSERT INTO cluster_lease (cluster_name, owner, acquired_at, renewed_at, expires_at)
                SELECT c.name, ?, now(), now(), %s
                  FROM cluster c LEFT JOIN cluster_lease l ON l.cluster_name = c.name
                 WHERE (l.cluster_name IS NULL OR l.expires_at <= now())%s
                %s
                ON CONFLICT (cluster_name) DO UPDATE SET owner = excluded.owner, acquired_at = excluded.acquired_at,
                                                         renewed_at = excluded.renewed_at,
                                                         expires_at = excluded.expires_at
                 WHERE cluster_lease.expires_at <= now()
                RETURNING cluster_name""".formatted(EXPIRY, filter, order);
    }

    /** Gives {@code clusters} up at once, for another replica to claim. */
    public void release(ReplicaId replica, Collection<String> clusters) {
        if (clusters.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "DELETE FROM cluster_lease WHERE owner = ? AND cluster_name = ANY (?)")) {
            statement.setString(1, replica.value());
            statement.setArray(2, connection.createArrayOf("varchar", clusters.toArray()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("release cluster leases", e);
        }
    }

    /** Gives every lease of {@code replica} up and removes its heartbeat: the others take over at once. */
    public void leave(ReplicaId replica) {
        update("DELETE FROM cluster_lease WHERE owner = ?", replica.value());
        update("DELETE FROM reconcile_replica WHERE replica_id = ?", replica.value());
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("update the cluster leases", e);
        }
    }

    private Set<String> names(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection()) {
            return names(connection, sql, parameters);
        } catch (SQLException e) {
            throw failure("update the cluster leases", e);
        }
    }

    private static Set<String> names(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet result = statement.executeQuery()) {
            var names = new LinkedHashSet<String>();
            while (result.next()) {
                names.add(result.getString(1));
            }
            return names;
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private static DataAccessResourceFailureException failure(String what, SQLException e) {
        return new DataAccessResourceFailureException("Cannot " + what + ": " + e.getMessage(), e);
    }
}
