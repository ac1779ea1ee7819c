package io.nova.platform.app.db;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL that {@link EmbeddedPostgresEarlyStart} starts before the context is refreshed: it is the
 * database the context's DataSource uses, closing the context stops it, and with a database configured none starts.
 * Only the embedded-database configuration, no auto-configuration: the listener comes from spring.factories as in
 * the application.
 */
class EmbeddedPostgresEarlyStartTest {

    @TempDir
    Path data;

    private SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(EmbeddedPostgresConfiguration.class).web(WebApplicationType.NONE);
    }

    @Test
    void the_early_started_server_serves_the_data_source_and_stops_with_the_context() {
        int port;
        try (var context = application().run("--spring.datasource.url=",
                "--nova.db.embedded.data-directory=" + data.resolve("postgres"))) {
            assertThat(context.getBeanNamesForType(EmbeddedPostgresStartup.class))
                    .containsExactly(EmbeddedPostgresEarlyStart.BEAN_NAME);
            var jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SHOW data_directory", String.class))
                    .isEqualTo(data.resolve("postgres").toAbsolutePath().toString());
            port = context.getBean(EmbeddedPostgres.class).getPort();
        }
        assertThatThrownBy(() -> {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 2000);
            }
        }).as("nothing listens on the embedded server's port once the context is closed")
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void another_application_in_the_same_jvm_gets_no_embedded_server() {
        // e.g. a test's identity provider: a Spring Boot application of its own, with no database configured
        try (var context = new SpringApplicationBuilder(
                org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration.class)
                .web(WebApplicationType.NONE)
                .run("--spring.datasource.url=", "--nova.db.embedded.data-directory=" + data.resolve("postgres"))) {
            assertThat(context.getBeanNamesForType(EmbeddedPostgresStartup.class)).isEmpty();
            assertThat(data.resolve("postgres")).doesNotExist();
        }
    }

    @Test
    void with_a_database_configured_no_embedded_server_starts() {
        try (var context = application().run("--spring.datasource.url=jdbc:postgresql://db.invalid:5432/nova",
                "--nova.db.embedded.data-directory=" + data.resolve("postgres"))) {
            assertThat(context.getBeanNamesForType(EmbeddedPostgresStartup.class)).isEmpty();
            assertThat(context.getBeanNamesForType(EmbeddedPostgres.class)).isEmpty();
            assertThat(data.resolve("postgres")).doesNotExist();
        }
    }
}
