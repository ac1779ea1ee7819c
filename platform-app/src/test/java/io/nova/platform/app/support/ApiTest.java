package io.nova.platform.app.support;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that drive the running application over real HTTP, backed by a real PostgreSQL
 * ({@link TestDatabase}). Every test class shares one application context and one database, so tests create
 * their own uniquely named resources instead of cleaning up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.jpa.properties.hibernate.generate_statistics=true",
                "spring.jpa.properties.hibernate.session_factory.statement_inspector="
                        + "io.nova.platform.app.support.SqlWrites"})
public abstract class ApiTest {

    private static final List<String> TABLES = List.of("cluster", "gpu_pool", "tenant", "gpu_quota",
            "gpu_quota_resource", "module_install", "model_deployment", "audit_event");

    /** This JVM's data folder: the local GitOps repository of the default cluster lives here. */
    protected static final java.nio.file.Path DATA = createDataDirectory();

    /** The test identity provider's starter is on the test classpath; the platform itself is no provider. */
    public static final String AUTHORIZATION_SERVER_AUTO_CONFIGURATIONS = "org.springframework.boot.security.oauth2"
            + ".server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
            + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet"
            + ".OAuth2AuthorizationServerJwtAutoConfiguration";

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    private jakarta.persistence.EntityManagerFactory entityManagerFactory;

    protected Api api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.Connection db = TestDatabase.get();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("nova.reconcile.enabled", () -> "false");
        registry.add("nova.security.oidc.local-admin-password", () -> Api.ADMIN_PASSWORD);
        registry.add("spring.autoconfigure.exclude", () -> AUTHORIZATION_SERVER_AUTO_CONFIGURATIONS);
        registry.add("nova.gitops.local-repository", () -> DATA.resolve("gitops").toString());
        // the tests keep their repositories in JUnit's temporary folders as well as in DATA
        registry.add("nova.clusters.git-file-roots", () -> System.getProperty("java.io.tmpdir"));
        registry.add("nova.reconcile.gitops-cache", () -> DATA.resolve("gitops-cache").toString());
        // Each test context is a platform of its own on the shared database: it must not wait for another's lead.
        registry.add("nova.reconcile.leadership-lock", () -> "nova-operators-" + UUID.randomUUID());
    }

    @BeforeEach
    void connect() {
        api = new Api("http://localhost:" + port);
    }

    private static java.nio.file.Path createDataDirectory() {
        try {
            return java.nio.file.Files.createTempDirectory("nova-test-data");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A name no other test uses, so tests stay independent while sharing one database. */
    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** How many SQL statements {@code action} ran, to prove that list endpoints do not issue one query per row. */
    protected long statementsDuring(Runnable action) {
        var statistics = entityManagerFactory.unwrap(org.hibernate.SessionFactory.class).getStatistics();
        statistics.clear();
        action.run();
        return statistics.getPrepareStatementCount();
    }

    /** How many entities (rows of the platform's tables) {@code action} loaded from PostgreSQL. */
    protected long entitiesLoadedDuring(Runnable action) {
        var statistics = entityManagerFactory.unwrap(org.hibernate.SessionFactory.class).getStatistics();
        statistics.clear();
        action.run();
        return statistics.getEntityLoadCount();
    }

    /** Every row of every table, as text: equal snapshots mean nothing was written. */
    protected String databaseSnapshot() {
        var sb = new StringBuilder();
        for (String table : TABLES) {
            sb.append(table).append(':');
            jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1, 2").forEach(row -> sb.append(row).append('\n'));
        }
        return sb.toString();
    }
}
