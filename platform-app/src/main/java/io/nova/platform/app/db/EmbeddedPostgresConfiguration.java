package io.nova.platform.app.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Zero-configuration database: with no {@code spring.datasource.url} (or {@code NOVA_DB_URL}) the platform runs its
 * own PostgreSQL 17 whose data directory survives restarts.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceConfigured.class)
@EnableConfigurationProperties(EmbeddedPostgresConfiguration.EmbeddedDatabaseProperties.class)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    /**
     * @param dataDirectory where PostgreSQL keeps its data
     * @param port          0 picks a free port at every start
     */
    @ConfigurationProperties(prefix = "nova.db.embedded")
    public record EmbeddedDatabaseProperties(Path dataDirectory, int port) {

        public EmbeddedDatabaseProperties {
            dataDirectory = dataDirectory == null ? Path.of("data", "postgres") : dataDirectory;
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        Path dir = properties.dataDirectory().toAbsolutePath();
        Files.createDirectories(dir);
        log.warn("No database configured: starting embedded PostgreSQL with data in {} (set NOVA_DB_URL for a server)",
                dir);
        var builder = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false);
        if (properties.port() > 0) {
            builder.setPort(properties.port());
        }
        return builder.start();
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("nova-embedded");
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }
}
