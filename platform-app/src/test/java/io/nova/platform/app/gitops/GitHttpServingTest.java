package io.nova.platform.app.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.nova.platform.app.support.ApiTest;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster's Flux fetches the platform's local GitOps repository over Git smart HTTP with the cluster's read token.
 * The client is the real {@code git} command line (Debian's git), talking HTTP to the running platform; the
 * repository, PostgreSQL and HTTP are real.
 */
class GitHttpServingTest extends ApiTest {

    @TempDir
    Path work;

    @Test
    void git_clones_the_clusters_repository_with_its_token_and_gets_the_tree_the_platform_committed()
            throws Exception {
        assumeTrue(gitAvailable(), "no git command line on this machine");
        assertThat(api.post("/clusters/local/reconcile", "").status()).isEqualTo(200);

        var issued = api.post("/clusters/local/git-read-token", "");

        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        assertThat(issued.header("Cache-Control")).contains("no-store");
        String token = issued.text("token");
        assertThat(issued.text("url")).isEqualTo("http://host.docker.internal:8080/git/local");
        assertThat(issued.text("secretCommand")).isEqualTo("flux create secret git nova-gitops-auth "
                + "--namespace=flux-system --url=http://host.docker.internal:8080/git/local --username=flux "
                + "--password=" + token);
        assertThat(jdbc.queryForObject("SELECT token_sha256 FROM cluster_git_read_token WHERE cluster_name = 'local'",
                String.class)).as("only its hash is kept").hasSize(64).doesNotContain(token);
        assertThat(api.get("/audit?target=clusters/local/git-read-token").raw().body()).doesNotContain(token);

        Process clone = git(work, "clone", "--branch", "main", served("flux", token), "checkout");
        assertThat(clone.exitValue()).as(output(clone)).isZero();
        assertThat(output(git(work.resolve("checkout"), "rev-parse", "HEAD^{tree}")).strip())
                .isEqualTo(platformTree("main"));
        assertThat(work.resolve("checkout/clusters/local/flux-system/gitrepository-nova-platform.yaml"))
                .content().contains("url: http://host.docker.internal:8080/git/local", "name: nova-gitops-auth");
    }

    @Test
    void without_the_token_or_with_another_one_git_is_refused_and_learns_nothing() throws Exception {
        assumeTrue(gitAvailable(), "no git command line on this machine");
        String token = api.post("/clusters/local/git-read-token", "").text("token");

        for (String url : List.of(served(null, null), served("flux", "nvg_wrong"), served("flux", token + "x"),
                api.baseUrl().replace("http://", "http://flux:" + token + "@") + "/git/nonexistent")) {
            Process clone = git(work, "clone", url, "denied-" + Math.abs(url.hashCode()));
            assertThat(clone.exitValue()).as(url).isNotZero();
        }
        var refs = api.anonymous().send(HttpRequest.newBuilder(URI.create(api.baseUrl()
                + "/git/local/info/refs?service=git-upload-pack")).GET());
        assertThat(refs.status()).isEqualTo(401);
        assertThat(refs.header("WWW-Authenticate")).startsWith("Basic realm=\"nova-gitops\"");
        assertThat(refs.raw().body()).doesNotContain("refs/heads");
        var asAdmin = api.send(HttpRequest.newBuilder(URI.create(api.baseUrl()
                + "/git/local/info/refs?service=git-upload-pack")).GET());
        assertThat(asAdmin.status()).as("the console's admin password is no Git token").isEqualTo(401);

        String newer = api.post("/clusters/local/git-read-token", "").text("token");
        assertThat(git(work, "ls-remote", served("flux", token)).exitValue()).as("the token issued before")
                .isNotZero();
        assertThat(git(work, "ls-remote", served("flux", newer)).exitValue()).isZero();
    }

    @Test
    void the_repository_is_read_only() throws Exception {
        String token = api.post("/clusters/local/git-read-token", "").text("token");
        String basic = "Basic " + Base64.getEncoder().encodeToString(("flux:" + token)
                .getBytes(StandardCharsets.UTF_8));

        var advertise = api.anonymous().send(HttpRequest.newBuilder(URI.create(api.baseUrl()
                + "/git/local/info/refs?service=git-receive-pack")).header("Authorization", basic).GET());
        var push = api.anonymous().send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/git/local/git-receive-pack"))
                .header("Authorization", basic).header("Content-Type", "application/x-git-receive-pack-request")
                .POST(HttpRequest.BodyPublishers.ofString("0000")));

        assertThat(advertise.status()).isEqualTo(403);
        assertThat(push.status()).isEqualTo(403);
        assertThat(advertise.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void a_cluster_whose_repository_is_elsewhere_gets_no_token() {
        String name = unique("remote");
        api.post("/clusters", """
                {"name": "%s", "deliveryMode": "GITOPS",
                 "gitops": {"url": "https://git.example.com/fleet.git", "branch": "main", "path": "clusters/%s"}}
                """.formatted(name, name));

        var refused = api.post("/clusters/%s/git-read-token".formatted(name), "");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.text("detail")).contains("https://git.example.com/fleet.git");
        assertThat(api.post("/clusters/%s/git-read-token".formatted(unique("missing")), "").status())
                .isEqualTo(404);
    }

    private String served(String user, String token) {
        String base = api.baseUrl() + "/git/local";
        return user == null ? base : base.replace("http://", "http://" + user + ":" + token + "@");
    }

    private String platformTree(String branch) throws IOException {
        Path gitDir = DATA.resolve("gitops/.git");
        try (Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true)
                .build()) {
            return repository.parseCommit(repository.resolve("refs/heads/" + branch)).getTree().name();
        }
    }

    private static boolean gitAvailable() {
        try {
            return new ProcessBuilder("git", "--version").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs git with no prompt, no credential helper and no user configuration; waits for it. */
    private static Process git(Path directory, String... arguments) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("git", "-c", "credential.helper=", "-c", "protocol.version=2"));
        command.addAll(List.of(arguments));
        var builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("HOME", directory.toString());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("git %s finished", String.join(" ", arguments))
                .isTrue();
        return process;
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
