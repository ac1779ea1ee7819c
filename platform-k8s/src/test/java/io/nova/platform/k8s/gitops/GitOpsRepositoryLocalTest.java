package io.nova.platform.k8s.gitops;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.nova.platform.k8s.delivery.ChangeType;
import io.nova.platform.k8s.delivery.DeliveryReport;
import io.nova.platform.k8s.delivery.ObjectChange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.nova.platform.k8s.gitops.GitCli.files;
import static io.nova.platform.k8s.gitops.GitCli.git;
import static io.nova.platform.k8s.gitops.GitCli.gitBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The default "local" repository: a file: URL the platform works in directly, without pushing. */
class GitOpsRepositoryLocalTest {

    private static final String MLFLOW = "tenants/team-a/helmrelease-mlflow.yaml";
    private static final String NAMESPACE = "tenants/team-a/namespace.yaml";
    private static final String QUOTA = "tenants/team-a/resourcequota.yaml";

    @TempDir
    Path temp;

    private Path repository;
    private GitOpsRepository gitops;

    @BeforeEach
    void setUp() {
        repository = temp.resolve("fleet");
        gitops = new GitOpsRepository(repository.toUri().toString(), "main", "clusters/prod", temp.resolve("cache"));
    }

    @Test
    void the_first_sync_creates_the_repository_with_one_commit_holding_the_files() throws Exception {
        DeliveryReport report = gitops.sync(files(MLFLOW, "kind: HelmRelease\n", NAMESPACE, "kind: Namespace\n"),
                "alice", "Sync cluster prod: 2 created, 0 changed");

        assertThat(report.changes()).extracting(ObjectChange::type, ObjectChange::id, ObjectChange::before,
                ObjectChange::after).containsExactly(
                tuple(ChangeType.CREATE, "clusters/prod/" + MLFLOW, null, "kind: HelmRelease\n"),
                tuple(ChangeType.CREATE, "clusters/prod/" + NAMESPACE, null, "kind: Namespace\n"));
        assertThat(git(repository, "rev-list", "--count", "HEAD")).isEqualTo("1");
        assertThat(report.revision()).isEqualTo(git(repository, "rev-parse", "HEAD"));
        assertThat(git(repository, "symbolic-ref", "--short", "HEAD")).isEqualTo("main");
        assertThat(git(repository, "ls-tree", "-r", "--name-only", "HEAD").lines())
                .containsExactly("clusters/prod/" + MLFLOW, "clusters/prod/" + NAMESPACE);
        assertThat(Files.readString(repository.resolve("clusters/prod/" + MLFLOW))).isEqualTo("kind: HelmRelease\n");
        assertThat(git(repository, "status", "--porcelain")).as("working tree and index match the commit").isEmpty();
        assertThat(temp.resolve("cache")).as("no clone for a local repository").doesNotExist();
    }

    @Test
    void a_second_sync_with_the_same_files_commits_nothing() {
        gitops.sync(files(MLFLOW, "kind: HelmRelease\n"), "alice", "first");

        DeliveryReport again = gitops.sync(files(MLFLOW, "kind: HelmRelease\n"), "bob", "second");

        assertThat(again).isEqualTo(DeliveryReport.nothing());
        assertThat(git(repository, "rev-list", "--count", "HEAD")).isEqualTo("1");
    }

    @Test
    void changing_one_file_and_dropping_another_makes_one_commit_touching_only_those_two() {
        gitops.sync(files(MLFLOW, "version: 1\n", NAMESPACE, "kind: Namespace\n", "policies/quota.yaml", "q: 1\n"),
                "alice", "first");

        DeliveryReport report = gitops.sync(files(MLFLOW, "version: 2\n", NAMESPACE, "kind: Namespace\n"),
                "alice", "second");

        assertThat(report.changes()).extracting(ObjectChange::type, ObjectChange::id).containsExactly(
                tuple(ChangeType.DELETE, "clusters/prod/policies/quota.yaml"),
                tuple(ChangeType.UPDATE, "clusters/prod/" + MLFLOW));
        assertThat(git(repository, "rev-list", "--count", "HEAD")).isEqualTo("2");
        assertThat(git(repository, "show", "--name-status", "--format=", "HEAD").lines()).containsExactly(
                "D\tclusters/prod/policies/quota.yaml",
                "M\tclusters/prod/" + MLFLOW);
        assertThat(repository.resolve("clusters/prod/policies")).as("emptied folder removed").doesNotExist();
        assertThat(git(repository, "status", "--porcelain")).isEmpty();
    }

    @Test
    void files_outside_the_folder_are_left_alone() throws Exception {
        gitops.sync(files(MLFLOW, "version: 1\n"), "alice", "first");
        Files.writeString(repository.resolve("README.md"), "# Fleet\n");
        Files.createDirectories(repository.resolve("clusters/staging"));
        Files.writeString(repository.resolve("clusters/staging/app.yaml"), "staging: true\n");
        git(repository, "add", "README.md", "clusters/staging/app.yaml");
        git(repository, "commit", "-q", "-m", "Add a README");
        String userCommit = git(repository, "rev-parse", "HEAD");
        Files.writeString(repository.resolve("notes.txt"), "untracked\n");

        gitops.sync(files(QUOTA, "kind: ResourceQuota\n"), "alice", "second");

        assertThat(git(repository, "rev-list", "--count", "HEAD")).isEqualTo("3");
        assertThat(git(repository, "rev-parse", "HEAD^")).isEqualTo(userCommit);
        assertThat(git(repository, "show", "--name-status", "--format=", "HEAD").lines()).containsExactly(
                "D\tclusters/prod/" + MLFLOW,
                "A\tclusters/prod/" + QUOTA);
        assertThat(git(repository, "show", "HEAD:README.md")).isEqualTo("# Fleet");
        assertThat(git(repository, "show", "HEAD:clusters/staging/app.yaml")).isEqualTo("staging: true");
        assertThat(Files.readString(repository.resolve("README.md"))).isEqualTo("# Fleet\n");
        assertThat(Files.readString(repository.resolve("notes.txt"))).isEqualTo("untracked\n");
        assertThat(git(repository, "status", "--porcelain")).isEqualTo("?? notes.txt");
    }

    @Test
    void the_commit_message_lists_the_changes_and_who_asked_for_them() {
        gitops.sync(files(MLFLOW, "version: 1\n", NAMESPACE, "kind: Namespace\n"), "alice", "first");

        gitops.sync(files(MLFLOW, "version: 2\n", QUOTA, "kind: ResourceQuota\n"), "bob@example.com",
                "Sync cluster prod: 1 created, 1 changed, 1 deleted");

        assertThat(git(repository, "log", "-1", "--format=%B")).isEqualTo("""
                Sync cluster prod: 1 created, 1 changed, 1 deleted

                update clusters/prod/tenants/team-a/helmrelease-mlflow.yaml
                delete clusters/prod/tenants/team-a/namespace.yaml
                create clusters/prod/tenants/team-a/resourcequota.yaml

                Requested-by: bob@example.com""");
        assertThat(git(repository, "log", "-1", "--format=%(trailers:key=Requested-by,valueonly)"))
                .isEqualTo("bob@example.com");
        assertThat(git(repository, "log", "-1", "--format=%an <%ae>|%cn <%ce>"))
                .isEqualTo("Nova Platform <nova-platform@localhost>|Nova Platform <nova-platform@localhost>");
    }

    @Test
    void plan_reports_the_changes_a_sync_would_make_without_committing() {
        DeliveryReport firstPlan = gitops.plan(files(MLFLOW, "version: 1\n", NAMESPACE, "kind: Namespace\n"));
        assertThat(firstPlan.changes()).extracting(ObjectChange::type).containsExactly(ChangeType.CREATE,
                ChangeType.CREATE);
        assertThat(firstPlan.revision()).isNull();
        assertThat(repository).as("a plan creates no repository").doesNotExist();

        gitops.sync(files(MLFLOW, "version: 1\n", NAMESPACE, "kind: Namespace\n"), "alice", "first");
        DeliveryReport plan = gitops.plan(files(MLFLOW, "version: 2\n", QUOTA, "kind: ResourceQuota\n"));

        assertThat(plan.changes()).containsExactly(
                new ObjectChange(ChangeType.UPDATE, "clusters/prod/" + MLFLOW, "version: 1\n", "version: 2\n"),
                new ObjectChange(ChangeType.DELETE, "clusters/prod/" + NAMESPACE, "kind: Namespace\n", null),
                new ObjectChange(ChangeType.CREATE, "clusters/prod/" + QUOTA, null, "kind: ResourceQuota\n"));
        assertThat(plan.revision()).isNull();
        assertThat(git(repository, "rev-list", "--count", "HEAD")).isEqualTo("1");
        assertThat(git(repository, "status", "--porcelain")).isEmpty();

        DeliveryReport synced = gitops.sync(files(MLFLOW, "version: 2\n", QUOTA, "kind: ResourceQuota\n"), "alice",
                "second");
        assertThat(synced.changes()).isEqualTo(plan.changes());
        assertThat(gitops.plan(files(MLFLOW, "version: 2\n", QUOTA, "kind: ResourceQuota\n")).isEmpty()).isTrue();
    }

    @Test
    void the_files_are_committed_byte_for_byte_without_line_ending_conversion() throws Exception {
        String content = "name: \"Zoë\"\r\nnote: no newline at the end";

        gitops.sync(files(MLFLOW, content), "alice", "bytes");

        byte[] expected = content.getBytes(StandardCharsets.UTF_8);
        assertThat(gitBytes(repository, "cat-file", "blob", "HEAD:clusters/prod/" + MLFLOW)).isEqualTo(expected);
        assertThat(Files.readAllBytes(repository.resolve("clusters/prod/" + MLFLOW))).isEqualTo(expected);
        assertThat(gitops.sync(files(MLFLOW, content), "alice", "again").isEmpty()).isTrue();
    }

    @Test
    void a_repository_checked_out_on_another_branch_only_gets_the_commit_on_its_branch() throws Exception {
        Files.createDirectories(repository);
        git(repository, "init", "-q", "-b", "main");
        Files.writeString(repository.resolve("README.md"), "# Fleet\n");
        git(repository, "add", "README.md");
        git(repository, "commit", "-q", "-m", "Start");
        git(repository, "checkout", "-q", "-b", "experiment");

        DeliveryReport report = gitops.sync(files(MLFLOW, "version: 1\n"), "alice", "first");

        assertThat(git(repository, "rev-parse", "main")).isEqualTo(report.revision());
        assertThat(git(repository, "ls-tree", "-r", "--name-only", "main").lines())
                .containsExactly("README.md", "clusters/prod/" + MLFLOW);
        assertThat(git(repository, "symbolic-ref", "--short", "HEAD")).isEqualTo("experiment");
        assertThat(repository.resolve("clusters")).as("the checked-out branch is not touched").doesNotExist();
        assertThat(git(repository, "status", "--porcelain")).isEmpty();
    }

    @Test
    void paths_that_would_leave_the_folder_are_refused() {
        for (String path : new String[] {"../escape.yaml", "/etc/passwd", "a/../../b.yaml", ".git/config", "a//b",
                "a\\b.yaml"}) {
            assertThatThrownBy(() -> gitops.sync(files(path, "x"), "alice", "bad"))
                    .as(path).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> gitops.sync(files("a", "x", "a/b", "y"), "alice", "bad"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both as a file and as a folder");
        assertThat(repository).doesNotExist();
    }

    @Test
    void a_folder_that_is_not_a_repository_is_refused() throws Exception {
        Files.createDirectories(repository);
        Files.writeString(repository.resolve("something.txt"), "mine\n");

        assertThatThrownBy(() -> gitops.sync(files(MLFLOW, "x"), "alice", "first"))
                .isInstanceOf(GitOpsException.class).hasMessageContaining("neither a Git repository nor empty");
        assertThat(repository.resolve(".git")).doesNotExist();
    }
}
