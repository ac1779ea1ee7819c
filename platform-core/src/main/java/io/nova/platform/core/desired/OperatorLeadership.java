package io.nova.platform.core.desired;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which replica of the platform runs the in-process cluster operators: the one that holds a PostgreSQL session
 * advisory lock, on a connection it keeps for as long as it leads. The others ask again at their next reconcile;
 * when the leader's connection breaks (or the leader stops), the lock is released by PostgreSQL and another replica
 * takes over. Reconciles themselves need no leader: {@link ReconcileLock} serializes them per cluster.
 */
@Component
public class OperatorLeadership implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OperatorLeadership.class);
    private final DataSource dataSource;
    /** The advisory lock's name: the replicas of one platform share it. */
    private final String lock;
    private Connection held;

    public OperatorLeadership(DataSource dataSource,
                              @Value("${nova.reconcile.leadership-lock:nova-operators}") String lock) {
        this.dataSource = dataSource;
        this.lock = lock;
    }

    /** Whether this replica leads now; tries to become the leader when no one does. */
    public synchronized boolean leads() {
        if (held != null) {
            if (isValid(held)) {
                return true;
            }
            log.warn("Lost the operator leadership: the database connection that held it broke");
            closeQuietly(held);
            held = null;
        }
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            if (tryLock(connection)) {
                held = connection;
                log.info("This replica now runs the cluster operators");
                return true;
            }
        } catch (SQLException e) {
            log.warn("Cannot ask for the operator leadership: {}", e.getMessage());
        }
        closeQuietly(connection);
        return false;
    }

    /** Gives the leadership up (at shutdown, or for tests); another replica may take it at once. */
    @Override
    public synchronized void close() {
        if (held != null) {
            try (PreparedStatement unlock = held.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
                unlock.setString(1, lock);
                unlock.execute();
            } catch (SQLException e) {
                log.debug("Unlock on close failed; closing the connection releases the lock anyway", e);
            }
            closeQuietly(held);
            held = null;
        }
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            statement.setString(1, lock);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static boolean isValid(Connection connection) {
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Closing a connection failed", e);
            }
        }
    }
}
