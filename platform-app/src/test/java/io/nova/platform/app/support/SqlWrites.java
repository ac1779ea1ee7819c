package io.nova.platform.app.support;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Every INSERT, UPDATE, DELETE or MERGE statement Hibernate prepares in this JVM (entities and native queries alike),
 * so that a test can say "this wrote nothing to PostgreSQL". Registered for the shared test context by {@link ApiTest}.
 */
public final class SqlWrites implements StatementInspector {

    private static final Pattern WRITE = Pattern.compile("(?is)^\\s*(insert|update|delete|merge)\\b.*");
    private static final Queue<String> WRITES = new ConcurrentLinkedQueue<>();

    @Override
    public String inspect(String sql) {
        if (WRITE.matcher(sql).matches()) {
            WRITES.add(sql);
        }
        return sql;
    }

    /** The write statements prepared while {@code action} ran. */
    public static List<String> during(Runnable action) {
        WRITES.clear();
        action.run();
        return List.copyOf(WRITES);
    }
}
