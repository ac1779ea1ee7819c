package io.nova.platform.app.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own on the test server ({@link TestDatabase}), migrated with the real Flyway migrations: for tests
 * that count every cluster or replica in the database and so must not see other tests' rows.
 */
public final class MigratedDatabase {

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");

    private MigratedDatabase() {
    }

    /** A new, migrated database; each call returns a data source of its own (a "replica" with its own sessions). */
    public static Database create() {
        TestDatabase.Connection server = TestDatabase.get();
        String name = "nova_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = source(server.url(), server).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database", e);
        }
        Matcher matcher = URL.matcher(server.url());
        if (!matcher.matches()) {
            throw new IllegalStateException("Unexpected JDBC URL " + server.url());
        }
        var database = new Database(matcher.group(1) + name + matcher.group(3), server);
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").load().migrate();
        return database;
    }

    public record Database(String url, TestDatabase.Connection server) {

        /** A new data source (no pool): every connection is a session of its own. */
        public PGSimpleDataSource dataSource() {
            return source(url, server);
        }
    }

    private static PGSimpleDataSource source(String url, TestDatabase.Connection server) {
        var source = new PGSimpleDataSource();
        source.setUrl(url);
        source.setUser(server.user());
        source.setPassword(server.password());
        return source;
    }
}
