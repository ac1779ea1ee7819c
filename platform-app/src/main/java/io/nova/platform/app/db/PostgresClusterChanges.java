package io.nova.platform.app.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.nova.platform.core.desired.ClusterChangeFeed;
import io.nova.platform.core.desired.DesiredStateChanged;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The replicas tell each other about changes through PostgreSQL: every transaction that changes what a cluster should
 * look like also sends {@code NOTIFY nova_desired_state_changed, '<cluster>'}, which PostgreSQL delivers to every
 * listening session when, and only if, the transaction commits. Each replica that reconciles listens on one
 * connection it keeps for that; after the connection broke it reconnects and says that changes may have been missed.
 *
 * <p>Why notifications rather than polling a per-cluster change counter: they arrive within milliseconds instead of
 * a poll interval, cost nothing while nothing changes, add no row that every change to a cluster would have to lock,
 * and are sent exactly when the change commits. The price: the listening connection must be a real session (not
 * PgBouncer in transaction pooling), and notifications sent while it was down are lost, hence the catch-up.
 */
@Component
public class PostgresClusterChanges implements ClusterChangeFeed, AutoCloseable {

    static final String CHANNEL = "nova_desired_state_changed";
    private static final Logger log = LoggerFactory.getLogger(PostgresClusterChanges.class);
    /** How long one wait for notifications lasts; also how soon {@link #close} is noticed. */
    private static final int POLL_MILLIS = 500;
    /** How often the listening connection is checked, so that a silently dropped connection is noticed. */
    private static final long CHECK_MILLIS = 15_000;
    private static final long MAX_RECONNECT_MILLIS = 30_000;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private Thread listener;
    private volatile boolean closed;

    public PostgresClusterChanges(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** In the changing transaction, so that the notification goes out with its commit and never without it. */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    public void publish(DesiredStateChanged event) {
        jdbc.query("SELECT pg_notify(?, ?)", result -> null, CHANNEL, event.cluster());
    }

    @Override
    public synchronized void subscribe(Consumer<String> changed, Runnable missed) {
        if (listener != null) {
            throw new IllegalStateException("The change feed has a subscriber already");
        }
        listener = Thread.ofPlatform().name("nova-change-feed").daemon().start(() -> listen(changed, missed));
    }

    private void listen(Consumer<String> changed, Runnable missed) {
        boolean first = true;
        long reconnect = 1_000;
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                try {
                    execute(connection, "LISTEN " + CHANNEL);
                    if (!first) {
                        log.info("The change feed listens again; catching up on the clusters this replica owns");
                        missed.run();
                    }
                    first = false;
                    reconnect = 1_000;
                    receive(connection, changed);
                } finally {
                    unlisten(connection);
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("The change feed lost its database connection; listening again in {} s: {}",
                        reconnect / 1000, e.getMessage());
                if (!sleep(reconnect)) {
                    return;
                }
                reconnect = Math.min(MAX_RECONNECT_MILLIS, reconnect * 2);
            }
        }
    }

    private void receive(Connection connection, Consumer<String> changed) throws SQLException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        long nextCheck = System.currentTimeMillis() + CHECK_MILLIS;
        while (!closed) {
            PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    changed.accept(notification.getParameter());
                }
            }
            if (System.currentTimeMillis() > nextCheck) {
                if (!connection.isValid(5)) {
                    throw new SQLException("the listening connection stopped answering");
                }
                nextCheck = System.currentTimeMillis() + CHECK_MILLIS;
            }
        }
    }

    /** A pooled connection goes back to the pool: it must not keep listening there. */
    private static void unlisten(Connection connection) {
        try {
            execute(connection, "UNLISTEN *");
        } catch (SQLException e) {
            log.debug("UNLISTEN failed; the connection is broken and will be discarded", e);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        Thread running;
        synchronized (this) {
            running = listener;
        }
        if (running != null) {
            running.join(POLL_MILLIS * 4L);
        }
    }
}
