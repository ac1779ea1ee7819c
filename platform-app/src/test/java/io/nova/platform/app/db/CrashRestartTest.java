package io.nova.platform.app.db;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.nova.platform.NovaPlatformApplication;
import io.nova.platform.app.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A laptop crash in miniature: the platform runs as a process of its own (as {@code README}'s run command starts it,
 * embedded PostgreSQL and a local GitOps repository), is killed with SIGKILL in the middle of a reconcile, and is
 * started again at once on the same data folder. Its embedded PostgreSQL outlives it; the second start must stop that
 * orphan and come up, with the database and the repository consistent, and the next reconciles must converge.
 */
class CrashRestartTest {

    private static final Duration START = Duration.ofSeconds(180);

    @TempDir
    Path data;

    @Test
    void a_platform_killed_mid_reconcile_starts_again_at_once_and_converges() throws Exception {
        int port = freePort();
        Process first = start(port, "first");
        Api api = new Api("http://localhost:" + port);
        assertThat(api.post("/clusters/local/reconcile", "").status()).as("the repository exists").isEqualTo(200);
        for (int i = 0; i < 20; i++) {
            assertThat(api.post("/tenants", json("{'slug': 'team-%d', 'displayName': 'Team %d'}".formatted(i, i)))
                    .status()).isEqualTo(201);
            api.put("/tenants/team-%d/modules/jupyterhub".formatted(i), json("{'enabled': true}"));
        }
        CompletableFuture.runAsync(() -> {
            try {
                api.post("/clusters/local/reconcile", "");
            } catch (RuntimeException e) {
                // the platform dies under it
            }
        });
        Thread.sleep(700);
        first.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook runs
        first.waitFor(30, TimeUnit.SECONDS);
        long orphan = Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).getFirst().strip());
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("its PostgreSQL outlives it")
                .contains(true);

        Process second = start(port, "second");
        try {
            String log = Files.readString(data.resolve("second.log"));
            assertThat(log).doesNotContain("lock file \"postmaster.pid\" already exists")
                    .contains("still runs on");
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(api.get("/tenants/team-19").status()).as("everything committed before the kill").isEqualTo(200);
            assertThat(git("fsck", "--no-progress")).isZero();

            var converging = api.post("/clusters/local/reconcile", "");
            assertThat(converging.status()).as(converging.toString()).isEqualTo(200);
            assertThat(converging.body().path("problems").size()).as(converging.toString()).isZero();
            var converged = api.post("/clusters/local/reconcile", "");
            assertThat(converged.body().path("changes").size()).as("nothing left to do").isZero();
            assertThat(gitOutput("ls-tree", "-r", "--name-only", "HEAD"))
                    .contains("clusters/local/nova-team-19/helmrelease-jupyterhub.yaml");
        } finally {
            second.destroy();
            second.waitFor(60, TimeUnit.SECONDS);
            second.toHandle().destroyForcibly();
        }
    }

    private Process start(int port, String name) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        var command = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                NovaPlatformApplication.class.getName(),
                "--server.port=" + port,
                "--nova.db.embedded.data-directory=" + data.resolve("postgres"),
                "--nova.gitops.local-repository=" + data.resolve("gitops"),
                "--nova.reconcile.gitops-cache=" + data.resolve("cache"),
                "--nova.reconcile.initial-delay=1h",
                "--nova.security.oidc.local-admin-password=" + Api.ADMIN_PASSWORD);
        Path log = data.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(START);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the %s start ended: %s".formatted(name, Files.readString(log)));
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:%d/actuator/health/readiness"
                        .formatted(port))).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return process;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new AssertionError("the %s start did not get ready within %s: %s".formatted(name, START,
                Files.readString(log, StandardCharsets.UTF_8)));
    }

    private int git(String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(List.of("git", "-C", data.resolve("gitops").toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private String gitOutput(String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(List.of("git", "-C", data.resolve("gitops").toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        git.waitFor();
        return output;
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
