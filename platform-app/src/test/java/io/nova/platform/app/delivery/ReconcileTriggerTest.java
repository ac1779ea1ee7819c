package io.nova.platform.app.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.nova.platform.app.support.Api;
import io.nova.platform.app.support.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.annotation.DirtiesContext;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automatic reconciles: a burst of committed changes becomes one commit shortly after, with nobody calling the
 * reconcile endpoint. Real PostgreSQL, real HTTP, a real Git repository on disk.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// This context reconciles, so it takes the leases of the shared database's clusters and hears every change made to
// them: closed after the class, it hands them back and stops reconciling the clusters of the tests that follow.
@DirtiesContext
class ReconcileTriggerTest {

    @LocalServerPort
    private int port;

    private Api api;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestDatabase.Connection db = TestDatabase.get();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        Path data = Files.createTempDirectory("nova-trigger-test");
        registry.add("nova.gitops.local-repository", () -> data.resolve("gitops").toString());
        registry.add("nova.clusters.git-file-roots", () -> System.getProperty("java.io.tmpdir"));
        registry.add("nova.reconcile.gitops-cache", () -> data.resolve("cache").toString());
        registry.add("nova.reconcile.enabled", () -> "true");
        registry.add("nova.security.oidc.local-admin-password", () -> Api.ADMIN_PASSWORD);
        registry.add("nova.reconcile.debounce", () -> "2s"); // the default: a burst on a loaded machine stays one
        // Only the changes this test makes should trigger reconciles, not a full resync of other tests' clusters.
        registry.add("nova.reconcile.initial-delay", () -> "1h");
    }

    @BeforeEach
    void connect() {
        api = new Api("http://localhost:" + port);
    }

    @Test
    void a_burst_of_changes_is_reconciled_once_shortly_after_it_is_committed(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path repository = dir.resolve("repo");
        String cluster = "auto-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'GITOPS', 'gitops': {'url': '%s'}}"
                .formatted(cluster, repository.toUri())));
        for (int i = 0; i < 3; i++) {
            api.post("/tenants", json("{'slug': '%s-t%d', 'displayName': 'T', 'cluster': '%s'}"
                    .formatted(cluster, i, cluster)));
        }

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(repository.resolve("clusters/%s/_cluster/namespace-nova-%s-t2.yaml".formatted(cluster, cluster)))
                    .exists();
            assertThat(api.get("/clusters/" + cluster).body().path("sync").path("state").asString())
                    .isEqualTo("SYNCED");
        });
        assertThat(GitCommandLine.commitCount(repository)).isLessThanOrEqualTo(2);
    }
}
