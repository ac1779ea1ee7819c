package io.nova.platform.app.db;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Zero-configuration database: with no {@code spring.datasource.url} (or {@code NOVA_DB_URL}) the platform runs its
 * own PostgreSQL 17 whose data directory survives restarts. The server is started by {@link EmbeddedPostgresEarlyStart}
 * on a thread of its own while the rest of the context starts.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceConfigured.class)
@EnableConfigurationProperties(EmbeddedPostgresConfiguration.EmbeddedDatabaseProperties.class)
public class EmbeddedPostgresConfiguration {

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

    /**
     * The server that {@link EmbeddedPostgresEarlyStart} began to start before the context was refreshed (or, where
     * the context was made without it, one started now); waits until it accepts connections.
     */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(ObjectProvider<EmbeddedPostgresStartup> earlyStart,
                                      EmbeddedDatabaseProperties properties) {
        return earlyStart.getIfAvailable(() -> EmbeddedPostgresStartup.begin(properties)).await();
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("nova-embedded");
        dataSource.setMaximumPoolSize(16);
        return dataSource;
    }
}
