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

        assertThat(again.changes()).isEmpty();
        assertThat(again.revision()).isNull();
        assertThat(again.treeAfter()).as("the folder is as it was").isEqualTo(again.treeBefore());
        assertThat(git(repository, "rev-list", "--count", "HEAD")).isEqualTo("1");
    }

    @Test
    void the_folder_tree_is_where_the_last_sync_left_it_until_someone_commits_inside_the_folder() throws Exception {
        assertThat(gitops.folderTree()).isEqualTo(GitOpsRepository.NO_FOLDER);
        DeliveryReport first = gitops.sync(files(MLFLOW, "version: 1\n"), "alice", "first");
        assertThat(first.treeBefore()).isEqualTo(GitOpsRepository.NO_FOLDER);
        assertThat(gitops.folderTree()).isEqualTo(first.treeAfter())
                .isEqualTo(git(repository, "rev-parse", "HEAD:clusters/prod"));

        Files.writeString(repository.resolve("README.md"), "outside the folder\n");
        git(repository, "add", "README.md");
        git(repository, "commit", "-qm", "a commit outside the folder");
        assertThat(gitops.folderTree()).isEqualTo(first.treeAfter());

        Files.writeString(repository.resolve("clusters/prod/" + MLFLOW), "version: 2\n");
        git(repository, "commit", "-qam", "a hand edit");
        String edited = gitops.folderTree();
        assertThat(edited).isNotEqualTo(first.treeAfter());

        DeliveryReport back = gitops.sync(files(MLFLOW, "version: 1\n"), "alice", "back");
        assertThat(back.treeBefore()).isEqualTo(edited);
        assertThat(back.treeAfter()).isEqualTo(first.treeAfter()).isEqualTo(gitops.folderTree());
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
    void a_plan_asks_for_the_text_of_files_it_holds_and_of_the_first_new_ones_only() {
        gitops.sync(files(MLFLOW, "version: 1\n"), "alice", "first");
        var asked = new java.util.ArrayList<String>();
        var wanted = new java.util.TreeMap<String, java.util.function.Supplier<String>>();
        wanted.put(MLFLOW, () -> {
            asked.add(MLFLOW);
            return "version: 2\n";
        });
        for (int i = 0; i < 5; i++) {
            String path = "tenants/team-%d/namespace.yaml".formatted(i);
            wanted.put(path, () -> {
                asked.add(path);
                return "kind: Namespace\n";
            });
        }

        DeliveryReport plan = gitops.plan(wanted, path -> true, 2);

        assertThat(plan.changes()).extracting(ObjectChange::type, ObjectChange::id).containsExactly(
                tuple(ChangeType.CREATE, "clusters/prod/tenants/team-0/namespace.yaml"),
                tuple(ChangeType.CREATE, "clusters/prod/tenants/team-1/namespace.yaml"),
                tuple(ChangeType.CREATE, "clusters/prod/tenants/team-2/namespace.yaml"),
                tuple(ChangeType.CREATE, "clusters/prod/tenants/team-3/namespace.yaml"),
                tuple(ChangeType.CREATE, "clusters/prod/tenants/team-4/namespace.yaml"),
                tuple(ChangeType.UPDATE, "clusters/prod/" + MLFLOW));
        assertThat(asked).as("the held file is compared by its text; only two new ones are written out")
                .containsExactly("tenants/team-0/namespace.yaml", "tenants/team-1/namespace.yaml", MLFLOW);
        assertThat(plan.changes().get(1).after()).isEqualTo("kind: Namespace\n");
        assertThat(plan.changes().get(5).after()).isEqualTo("version: 2\n");
        assertThat(plan.changes().get(3).after()).as("not written out").isNull();
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
    void a_one_tenant_sync_among_many_tenants_writes_and_commits_only_that_tenants_files() throws Exception {
        var fleet = new Fleet(5, 10);
        gitops.sync(fleet.files(40), "alice", "fleet");
        Path otherTenant = repository.resolve("clusters/prod/" + Fleet.namespace(7) + "/configmap-object-00.yaml");
        Object otherFile = Files.getAttribute(otherTenant, "unix:ino");
        var otherModified = Files.getLastModifiedTime(otherTenant);

        DeliveryReport report = gitops.sync(fleet.tenantFiles(12, 2), Fleet.scope(12), "alice", "tenant 12");

        String folder = "clusters/prod/" + Fleet.namespace(12) + "/";
        assertThat(report.changes()).extracting(ObjectChange::type, ObjectChange::id).containsExactly(
                tuple(ChangeType.UPDATE, folder + "configmap-object-00.yaml"),
                tuple(ChangeType.UPDATE, folder + "configmap-object-01.yaml"));
        assertThat(git(repository, "show", "--name-status", "--format=", "HEAD").lines()).containsExactly(
                "M\t" + folder + "configmap-object-00.yaml", "M\t" + folder + "configmap-object-01.yaml");
        assertThat(Files.readString(repository.resolve(folder + "configmap-object-00.yaml")))
                .contains("revision: \"2\"");
        assertThat(Files.getAttribute(otherTenant, "unix:ino")).as("another tenant's file is not rewritten")
                .isEqualTo(otherFile);
        assertThat(Files.getLastModifiedTime(otherTenant)).isEqualTo(otherModified);
        assertThat(git(repository, "status", "--porcelain")).isEmpty();
        assertThat(git(repository, "ls-files").lines()).as("the index holds every file")
                .hasSize(fleet.files(40).size());
        assertThat(git(repository, "diff-index", "--cached", "--name-only", "HEAD")).as("index = commit").isEmpty();
        git(repository, "fsck", "--strict", "--no-progress");
    }

    @Test
    void a_path_scope_keeps_the_repository_out_of_the_folders_it_rules_out() {
        var fleet = new Fleet(3, 10);
        gitops.sync(fleet.files(30), "alice", "fleet");
        var askedAboutFiles = new java.util.ArrayList<String>();
        var askedAboutFolders = new java.util.ArrayList<String>();
        PathScope tenant = Fleet.scope(4);
        PathScope watched = PathScope.of(path -> {
            askedAboutFiles.add(path);
            return tenant.test(path);
        }, folder -> {
            askedAboutFolders.add(folder);
            return tenant.mayHold(folder);
        });

        DeliveryReport report = gitops.sync(fleet.tenantFiles(4, 3), watched, "alice", "tenant 4");

        assertThat(report.changes()).hasSize(2);
        assertThat(askedAboutFolders).as("only the folder's own subfolders").allMatch(folder -> !folder.contains("/"))
                .contains(Fleet.namespace(4), Fleet.namespace(5), "_cluster", "flux-system");
        assertThat(askedAboutFiles).as("only files of the folders the scope may reach, the tenant's 4 given ones too")
                .allMatch(path -> path.startsWith(Fleet.namespace(4) + "/") || path.startsWith("_cluster/"))
                .contains(Fleet.namespaceFile(4), Fleet.namespaceFile(5));
    }

    @Test
    void pruning_deletes_only_inside_the_scope_whichever_way_the_scope_is_given() {
        var fleet = new Fleet(3, 10);
        gitops.sync(fleet.files(5), "alice", "fleet");

        DeliveryReport first = gitops.sync(new java.util.TreeMap<>(), Fleet.scope(2), "alice", "tenant 2 removed");
        DeliveryReport second = gitops.sync(new java.util.TreeMap<>(), Fleet.predicate(3), "alice", "tenant 3 removed");

        for (int tenant : new int[] {2, 3}) {
            DeliveryReport report = tenant == 2 ? first : second;
            assertThat(report.changes()).extracting(ObjectChange::type).containsOnly(ChangeType.DELETE);
            assertThat(report.changes()).extracting(ObjectChange::id).containsExactlyInAnyOrderElementsOf(
                    fleet.tenantFiles(tenant, 1).keySet().stream().map(path -> "clusters/prod/" + path).toList());
            assertThat(repository.resolve("clusters/prod/" + Fleet.namespace(tenant))).doesNotExist();
        }
        var left = new java.util.TreeMap<>(fleet.files(5));
        left.keySet().removeAll(fleet.tenantFiles(2, 1).keySet());
        left.keySet().removeAll(fleet.tenantFiles(3, 1).keySet());
        assertThat(git(repository, "ls-tree", "-r", "--name-only", "HEAD").lines()).containsExactlyElementsOf(
                left.keySet().stream().map(path -> "clusters/prod/" + path).toList());
        assertThat(git(repository, "status", "--porcelain")).isEmpty();
    }

    @Test
    void a_file_in_scope_can_become_a_folder_and_a_folder_a_file() {
        gitops.sync(files("tools", "file\n"), "alice", "a file");

        DeliveryReport toFolder = gitops.sync(files("tools/mlflow.yaml", "in a folder\n"), "alice", "a folder");
        assertThat(toFolder.changes()).extracting(ObjectChange::type, ObjectChange::id).containsExactly(
                tuple(ChangeType.DELETE, "clusters/prod/tools"),
                tuple(ChangeType.CREATE, "clusters/prod/tools/mlflow.yaml"));
        assertThat(git(repository, "status", "--porcelain")).isEmpty();

        gitops.sync(files("tools", "a file again\n"), "alice", "a file again");
        assertThat(git(repository, "ls-tree", "-r", "--name-only", "HEAD")).isEqualTo("clusters/prod/tools");
        assertThat(git(repository, "status", "--porcelain")).isEmpty();
        git(repository, "fsck", "--strict", "--no-progress");
    }

    @Test
    void a_file_outside_the_scope_that_stands_where_a_folder_is_wanted_is_refused() {
        gitops.sync(files("tools", "someone's file\n"), "alice", "a file");

        assertThatThrownBy(() -> gitops.sync(files("tools/mlflow.yaml", "x\n"), path -> path.startsWith("tools/"),
                "alice", "into the file")).isInstanceOf(GitOpsException.class)
                .hasMessageContaining("clusters/prod/tools is a file there, not a folder");
        assertThat(git(repository, "rev-list", "--count", "HEAD")).isEqualTo("1");
    }

    @Test
    void a_change_someone_staged_in_the_checkout_survives_a_sync() throws Exception {
        gitops.sync(files(MLFLOW, "version: 1\n"), "alice", "first");
        Files.writeString(repository.resolve("README.md"), "# Fleet\n");
        git(repository, "add", "README.md");

        gitops.sync(files(MLFLOW, "version: 2\n", QUOTA, "kind: ResourceQuota\n"), "alice", "second");

        assertThat(git(repository, "status", "--porcelain")).isEqualTo("A  README.md");
        assertThat(git(repository, "show", "--name-only", "--format=", "HEAD").lines())
                .containsExactly("clusters/prod/" + MLFLOW, "clusters/prod/" + QUOTA);
    }

    @Test
    void entries_git_could_take_for_racily_clean_are_left_for_git_to_compare_by_content() throws Exception {
        gitops.sync(files(MLFLOW, "version: 1\n", NAMESPACE, "kind: Namespace\n"), "alice", "first");
        // every entry now looks as new as the index: a rewrite must not let Git trust their stat data from now on
        Files.setLastModifiedTime(repository.resolve(".git/index"), java.nio.file.attribute.FileTime.fromMillis(0));

        gitops.sync(files(MLFLOW, "version: 1\n", NAMESPACE, "kind: Namespace\n", QUOTA, "q: 1\n"), "alice", "2");

        String entries = git(repository, "ls-files", "--debug");
        assertThat(entries).contains("clusters/prod/" + NAMESPACE);
        assertThat(entries.split("clusters/prod/")).filteredOn(entry -> entry.startsWith(NAMESPACE)).singleElement()
                .asString().contains("size: 0\t");
        assertThat(entries.split("clusters/prod/")).filteredOn(entry -> entry.startsWith(QUOTA)).singleElement()
                .asString().contains("size: 5\t");
        assertThat(git(repository, "status", "--porcelain")).as("Git compared them and found them clean").isEmpty();
    }

    @Test
    void an_index_in_git_s_version_4_format_is_updated_too() throws Exception {
        gitops.sync(files(MLFLOW, "version: 1\n", NAMESPACE, "kind: Namespace\n"), "alice", "first");
        git(repository, "update-index", "--index-version", "4");

        gitops.sync(files(MLFLOW, "version: 2\n", QUOTA, "kind: ResourceQuota\n"), "alice", "second");

        assertThat(git(repository, "status", "--porcelain")).isEmpty();
        assertThat(git(repository, "ls-files").lines()).containsExactly("clusters/prod/" + MLFLOW,
                "clusters/prod/" + QUOTA);
    }

    @Test
    void a_large_first_sync_writes_one_pack_instead_of_thousands_of_loose_objects() {
        var fleet = new Fleet(10, 10);

        gitops.sync(fleet.files(110), "alice", "fleet");

        String objects = git(repository, "count-objects", "-v");
        assertThat(objects).contains("count: 0");
        assertThat(objects.lines().filter(line -> line.startsWith("in-pack: ")).findFirst().orElseThrow())
                .satisfies(line -> assertThat(Integer.parseInt(line.substring(9))).isGreaterThan(1_000));
        assertThat(git(repository, "status", "--porcelain")).isEmpty();
        git(repository, "fsck", "--strict", "--no-progress");
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
