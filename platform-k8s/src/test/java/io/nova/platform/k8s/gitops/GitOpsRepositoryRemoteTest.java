package io.nova.platform.k8s.gitops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import io.nova.platform.k8s.delivery.ChangeType;
import io.nova.platform.k8s.delivery.DeliveryReport;
import io.nova.platform.k8s.delivery.ObjectChange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.nova.platform.k8s.gitops.GitCli.files;
import static io.nova.platform.k8s.gitops.GitCli.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** A remote repository (here a bare one on disk, reached through its file: URL): clone, commit, push. */
class GitOpsRepositoryRemoteTest {

    private static final String MLFLOW = "tenants/team-a/helmrelease-mlflow.yaml";
    private static final String NAMESPACE = "tenants/team-a/namespace.yaml";

    @TempDir
    Path temp;

    private Path bare;
    private Path cache;
    private GitOpsRepository gitops;

    @BeforeEach
    void setUp() {
        bare = temp.resolve("fleet.git");
        git(temp, "init", "-q", "--bare", "-b", "main", bare.toString());
        cache = temp.resolve("cache");
        gitops = new GitOpsRepository(bare.toUri().toString(), "main", "clusters/prod", cache);
    }

    @Test
    void the_first_sync_clones_the_empty_remote_creates_the_branch_and_pushes() {
        DeliveryReport report = gitops.sync(files(MLFLOW, "version: 1\n", NAMESPACE, "kind: Namespace\n"), "alice",
                "Sync cluster prod: 2 created");

        assertThat(report.changes()).extracting(ObjectChange::type, ObjectChange::id).containsExactly(
                tuple(ChangeType.CREATE, "clusters/prod/" + MLFLOW),
                tuple(ChangeType.CREATE, "clusters/prod/" + NAMESPACE));
        assertThat(remote("rev-parse", "main")).isEqualTo(report.revision());
        assertThat(remote("log", "--format=%s|%an", "main")).isEqualTo("Sync cluster prod: 2 created|Nova Platform");
        assertThat(remote("show", "main:clusters/prod/" + MLFLOW)).isEqualTo("version: 1");
        assertThat(bare.resolve("clusters")).as("the bare repository is pushed to, not written into").doesNotExist();
        Path clone = gitops.cloneDirectory();
        assertThat(clone).startsWith(cache);
        assertThat(git(clone, "rev-parse", "HEAD")).isEqualTo(report.revision());
        assertThat(git(clone, "rev-parse", "--is-bare-repository")).as("no working tree to keep up to date")
                .isEqualTo("true");
    }

    @Test
    void a_commit_someone_else_pushed_is_kept_by_the_next_sync() throws Exception {
        gitops.sync(files(MLFLOW, "version: 1\n"), "alice", "first");
        String theirs = pushFromAnotherClone("README.md", "# Fleet\n");

        DeliveryReport report = gitops.sync(files(MLFLOW, "version: 2\n"), "alice", "second");

        assertThat(remote("rev-parse", "main")).isEqualTo(report.revision());
        assertThat(remote("rev-list", "--count", "main")).isEqualTo("3");
        assertThat(remote("rev-list", "--merges", "--count", "main")).as("linear history").isEqualTo("0");
        assertThat(remote("rev-parse", "main^")).isEqualTo(theirs);
        assertThat(remote("show", "main:README.md")).isEqualTo("# Fleet");
        assertThat(remote("show", "main:clusters/prod/" + MLFLOW)).isEqualTo("version: 2");
        assertThat(remote("show", "--name-status", "--format=", "main").lines())
                .containsExactly("M\tclusters/prod/" + MLFLOW);
    }

    @Test
    void a_sync_without_changes_pushes_nothing() {
        gitops.sync(files(MLFLOW, "version: 1\n"), "alice", "first");
        String tip = remote("rev-parse", "main");

        DeliveryReport again = gitops.sync(files(MLFLOW, "version: 1\n"), "alice", "again");

        assertThat(again.changes()).isEmpty();
        assertThat(again.revision()).isNull();
        assertThat(again.treeAfter()).as("the folder is as it was").isEqualTo(again.treeBefore());
        assertThat(remote("rev-parse", "main")).isEqualTo(tip);
        assertThat(remote("rev-list", "--count", "main")).isEqualTo("1");
    }

    @Test
    void plan_fetches_first_and_compares_with_what_the_remote_has_now() throws Exception {
        gitops.sync(files(MLFLOW, "version: 1\n"), "alice", "first");
        pushFromAnotherClone("clusters/prod/" + MLFLOW, "version: hand-edited\n");
        String tip = remote("rev-parse", "main");

        DeliveryReport plan = gitops.plan(files(MLFLOW, "version: 1\n"));

        assertThat(plan.changes()).containsExactly(new ObjectChange(ChangeType.UPDATE, "clusters/prod/" + MLFLOW,
                "version: hand-edited\n", "version: 1\n"));
        assertThat(remote("rev-parse", "main")).isEqualTo(tip);
    }

    @Test
    void a_push_rejected_as_not_a_fast_forward_is_retried_once_on_top_of_the_new_remote_branch() throws Exception {
        gitops.sync(files(MLFLOW, "version: 1\n"), "alice", "first");
        AtomicInteger pushes = new AtomicInteger();
        String[] theirs = new String[1];
        gitops.beforePush(() -> {
            if (pushes.incrementAndGet() == 1) {
                theirs[0] = pushFromAnotherClone("README.md", "# raced\n");
            }
        });

        DeliveryReport report = gitops.sync(files(MLFLOW, "version: 2\n"), "alice", "second");

        assertThat(pushes).hasValue(2);
        assertThat(remote("rev-parse", "main")).isEqualTo(report.revision());
        assertThat(remote("rev-list", "--count", "main")).isEqualTo("3");
        assertThat(remote("rev-list", "--merges", "--count", "main")).isEqualTo("0");
        assertThat(remote("rev-parse", "main^")).isEqualTo(theirs[0]);
        assertThat(remote("show", "main:README.md")).isEqualTo("# raced");
    }

    @Test
    void a_push_rejected_twice_fails_with_a_clear_message() {
        gitops.sync(files(MLFLOW, "version: 1\n"), "alice", "first");
        AtomicInteger pushes = new AtomicInteger();
        gitops.beforePush(() -> pushFromAnotherClone("other-" + pushes.incrementAndGet() + ".txt", "x\n"));

        assertThatThrownBy(() -> gitops.sync(files(MLFLOW, "version: 2\n"), "alice", "second"))
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining("rejected")
                .hasMessageContaining("fast-forward")
                .hasMessageContaining("main");
        assertThat(remote("show", "main:clusters/prod/" + MLFLOW)).isEqualTo("version: 1");
        assertThat(remote("log", "-1", "--format=%s", "main")).isEqualTo("other-2.txt");
    }

    @Test
    void two_clusters_sharing_one_repository_keep_to_their_own_folders() {
        GitOpsRepository staging = new GitOpsRepository(bare.toUri().toString(), "main", "clusters/staging/", cache);
        gitops.sync(files(MLFLOW, "prod\n"), "alice", "prod");

        staging.sync(files(MLFLOW, "staging\n"), "alice", "staging");
        DeliveryReport prodAgain = gitops.sync(files(MLFLOW, "prod\n"), "alice", "prod again");

        assertThat(prodAgain.isEmpty()).isTrue();
        assertThat(remote("ls-tree", "-r", "--name-only", "main").lines())
                .containsExactly("clusters/prod/" + MLFLOW, "clusters/staging/" + MLFLOW);
        assertThat(remote("rev-list", "--count", "main")).isEqualTo("2");
    }

    @Test
    void a_one_tenant_sync_pushes_a_commit_of_that_tenants_files_and_prunes_nothing_else() {
        var fleet = new Fleet(4, 10);
        gitops.sync(fleet.files(30), "alice", "fleet");
        String folder = "clusters/prod/" + Fleet.namespace(9) + "/";
        var teamNine = new java.util.TreeMap<>(fleet.tenantFiles(9, 2));
        teamNine.remove(Fleet.namespace(9) + "/configmap-object-03.yaml");

        DeliveryReport report = gitops.sync(teamNine, Fleet.scope(9), "alice", "tenant 9");

        assertThat(remote("rev-parse", "main")).isEqualTo(report.revision());
        assertThat(remote("show", "--name-status", "--format=", "main").lines()).containsExactly(
                "M\t" + folder + "configmap-object-00.yaml", "M\t" + folder + "configmap-object-01.yaml",
                "D\t" + folder + "configmap-object-03.yaml");
        assertThat(remote("ls-tree", "-r", "--name-only", "main").lines()).hasSize(fleet.files(30).size() - 1);
        remote("fsck", "--strict", "--no-progress");
    }

    @Test
    void a_working_clone_left_by_an_older_version_is_replaced_by_a_bare_clone() {
        git(temp, "clone", "-q", bare.toUri().toString(), gitops.cloneDirectory().toString());
        assertThat(gitops.cloneDirectory().resolve(".git")).isDirectory();

        DeliveryReport report = gitops.sync(files(MLFLOW, "version: 1\n"), "alice", "first");

        assertThat(remote("rev-parse", "main")).isEqualTo(report.revision());
        assertThat(gitops.cloneDirectory().resolve(".git")).doesNotExist();
        assertThat(git(gitops.cloneDirectory(), "rev-parse", "--is-bare-repository")).isEqualTo("true");
        assertThat(gitops.plan(files(MLFLOW, "version: 1\n")).isEmpty()).isTrue();
    }

    @Test
    void every_kind_of_url_is_accepted_and_gets_its_own_clone() {
        GitOpsRepository https = new GitOpsRepository("https://git.example.com/fleet.git", "main", "clusters/prod",
                cache);
        GitOpsRepository ssh = new GitOpsRepository("ssh://git@git.example.com/fleet.git", "main", "clusters/prod",
                cache);
        GitOpsRepository scp = new GitOpsRepository("git@git.example.com:fleet.git", "main", "clusters/prod", cache);
        GitOpsRepository otherBranch = new GitOpsRepository("git@git.example.com:fleet.git", "prod", "clusters/prod",
                cache);

        assertThat(java.util.List.of(https.cloneDirectory(), ssh.cloneDirectory(), scp.cloneDirectory(),
                otherBranch.cloneDirectory())).doesNotHaveDuplicates().allMatch(dir -> dir.getParent().equals(cache));
        assertThat(scp.cloneDirectory()).isEqualTo(
                new GitOpsRepository("git@git.example.com:fleet.git", "main", "elsewhere", cache).cloneDirectory());
        assertThatThrownBy(() -> new GitOpsRepository("https://x/y.git", "bad..branch", "c", cache))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private String remote(String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = "--git-dir=" + bare;
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        return git(temp, command);
    }

    /** Someone else clones the remote, commits one file and pushes; returns their commit. */
    private String pushFromAnotherClone(String path, String content) {
        try {
            Path other = Files.createTempDirectory(temp, "other");
            git(other, "clone", "-q", "-b", "main", bare.toUri().toString(), "work");
            Path work = other.resolve("work");
            Files.createDirectories(work.resolve(path).getParent());
            Files.writeString(work.resolve(path), content);
            git(work, "add", path);
            git(work, "commit", "-q", "-m", path);
            git(work, "push", "-q", "origin", "main");
            return git(work, "rev-parse", "HEAD");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
