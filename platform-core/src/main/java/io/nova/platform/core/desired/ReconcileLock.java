package io.nova.platform.core.desired;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * One reconcile of a cluster at a time across every replica of the platform: a PostgreSQL session advisory lock,
 * held on its own connection for the length of the reconcile (no transaction stays open meanwhile).
 */
@Component
public class ReconcileLock {

    private final DataSource dataSource;

    public ReconcileLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> T withLock(String cluster, Supplier<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "SELECT pg_advisory_lock(hashtext(?))", cluster);
            try {
                return work.get();
            } finally {
                execute(connection, "SELECT pg_advisory_unlock(hashtext(?))", cluster);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Cannot take the reconcile lock of cluster " + cluster, e);
        }
    }

    private static void execute(Connection connection, String sql, String cluster) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, "nova-reconcile:" + cluster);
            statement.execute();
        }
    }
}
