package io.nova.platform.app.db;

import java.nio.file.Path;

import io.nova.platform.NovaPlatformApplication;
import io.nova.platform.app.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README run command in miniature: no database configured, so the application starts its own embedded
 * PostgreSQL; what was created over REST is still there after a restart on the same data directory.
 */
class EmbeddedDatabaseRestartTest {

    @TempDir
    Path data;

    private ConfigurableApplicationContext start() {
        // Command-line arguments, because they override application.yml (builder properties would not).
        return new SpringApplicationBuilder(NovaPlatformApplication.class).run(
                "--spring.datasource.url=",
                "--server.port=0",
                "--nova.db.embedded.data-directory=" + data.resolve("postgres"),
                "--nova.gitops.local-repository=" + data.resolve("gitops"),
                "--nova.security.oidc.local-admin-password=" + Api.ADMIN_PASSWORD);
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void what_was_created_survives_a_restart_with_the_embedded_database() {
        try (var first = start()) {
            var api = api(first);
            assertThat(api.get("/clusters/local").status()).isEqualTo(200);
            assertThat(api.post("/gpu-pools", json("""
                    {'name': 'h100', 'cluster': 'local', 'gpuModel': 'H100-80GB', 'nodeCount': 1, 'gpusPerNode': 8,
                     'sharing': {'mode': 'MIG', 'migLayout': 'all-1g.10gb'}}""")).status()).isEqualTo(201);
            assertThat(api.post("/tenants", json("{'slug': 'team-a', 'displayName': 'Team A'}")).status())
                    .isEqualTo(201);
            assertThat(api.put("/tenants/team-a/gpu-quotas/h100", json("{'guaranteed': 7}")).status()).isEqualTo(201);
        }
        try (var second = start()) {
            var api = api(second);
            assertThat(api.get("/tenants/team-a").text("displayName")).isEqualTo("Team A");
            assertThat(api.get("/gpu-pools/h100").body().path("capacity").path("nvidia.com/mig-1g.10gb").asLong())
                    .isEqualTo(56);
            assertThat(api.get("/tenants/team-a/gpu-quotas/h100").body().path("guaranteed").asLong()).isEqualTo(7);
            assertThat(api.get("/clusters").body().path("total").asInt()).as("local is created once").isEqualTo(1);
        }
    }
}
