package io.nova.platform.k8s.gitops;

import static io.nova.platform.k8s.gitops.GitCli.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote that needs credentials, as Git hosts do: a real smart-HTTP server ({@code git http-backend}, see
 * {@link GitHttpServer}) that accepts one user and access token. The platform's token comes from a file.
 */
class GitOpsRepositoryHttpTest {

    @TempDir
    Path temp;

    private GitHttpServer server;
    private Path bare;

    @BeforeEach
    void setUp() {
        bare = GitHttpServer.bareRepository(temp.resolve("repos"), "fleet.git");
        server = new GitHttpServer(temp.resolve("repos"), "nova-bot", "s3cret-token");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void pushes_with_the_token_from_its_file() throws Exception {
        Path tokenFile = Files.writeString(temp.resolve("token"), "s3cret-token\n");
        var gitops = new GitOpsRepository(server.url("fleet.git"), "main", "clusters/prod", temp.resolve("cache"),
                new TokenFileCredentials("nova-bot", tokenFile));

        var report = gitops.sync(files("tenants/team-a/namespace.yaml", "kind: Namespace\n"), "alice", "Sync");

        assertThat(git(temp, "--git-dir=" + bare, "rev-parse", "main")).isEqualTo(report.revision());
        assertThat(git(temp, "--git-dir=" + bare, "show", "main:clusters/prod/tenants/team-a/namespace.yaml"))
                .isEqualTo("kind: Namespace");
        assertThat(Files.readString(gitops.cloneDirectory().resolve("config")))
                .as("the token is not written into the working clone").doesNotContain("s3cret-token");
    }

    @Test
    void a_wrong_token_is_refused_and_nothing_reaches_the_remote() throws Exception {
        Path tokenFile = Files.writeString(temp.resolve("token"), "wrong-token");
        var gitops = new GitOpsRepository(server.url("fleet.git"), "main", "clusters/prod", temp.resolve("cache"),
                new TokenFileCredentials("nova-bot", tokenFile));

        assertThatThrownBy(() -> gitops.sync(files("a.yaml", "x: 1\n"), "alice", "Sync"))
                .hasMessageNotContaining("wrong-token");
        assertThat(server.refused()).isPositive();
        assertThat(git(temp, "--git-dir=" + bare, "for-each-ref")).isEmpty();
    }

    private static SortedMap<String, String> files(String path, String content) {
        var files = new TreeMap<String, String>();
        files.put(path, content);
        return files;
    }
}
