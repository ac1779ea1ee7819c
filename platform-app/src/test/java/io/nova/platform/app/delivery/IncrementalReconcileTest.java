package io.nova.platform.app.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.nova.platform.app.support.ApiTest;
import io.nova.platform.app.support.SqlWrites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.TestPropertySource;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reconcile delivers only the tenants a change touched, and finds drift one tenant at a time. A GitOps cluster with
 * a real Git repository (JGit writes, the git CLI reads and edits it by hand); each reconcile re-checks one unchanged
 * unit for drift ({@code resync-batch=1}), so the partial path is taken even with a handful of tenants, and renders
 * at most two tenants at once ({@code part-size=2}), so a first reconcile goes in parts.
 */
@TestPropertySource(properties = {"nova.reconcile.resync-batch=1", "nova.reconcile.part-size=2"})
class IncrementalReconcileTest extends ApiTest {

    @TempDir
    Path dir;

    @Test
    void a_change_commits_only_its_tenants_files_and_drift_in_one_tenant_is_corrected_without_touching_the_others()
            throws Exception {
        Path repository = dir.resolve("fleet");
        String cluster = unique("units");
        assertThat(api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'GITOPS', 'gitops': {'url': '%s'}}"
                .formatted(cluster, repository.toUri()))).status()).isEqualTo(201);
        List<String> tenants = List.of("a", "b", "c", "d").stream().map(t -> cluster + "-" + t).toList();
        for (String slug : tenants) {
            api.post("/tenants", json("{'slug': '%s', 'displayName': 'T', 'cluster': '%s', 'quota': {'cpu': '4'}}"
                    .formatted(slug, cluster)));
            api.put("/tenants/%s/modules/minio".formatted(slug), json("{'enabled': true}"));
        }
        String folder = "clusters/" + cluster;
        assertThat(api.post("/clusters/%s/reconcile".formatted(cluster), "").status()).isEqualTo(200);
        api.post("/clusters/%s/reconcile".formatted(cluster), ""); // records the first one's sync message
        int commits = GitCommandLine.commitCount(repository);

        // nothing changed: no commit, nothing written to PostgreSQL
        var sql = SqlWrites.during(() -> api.post("/clusters/%s/reconcile".formatted(cluster), ""));
        assertThat(sql).isEmpty();
        assertThat(GitCommandLine.commitCount(repository)).isEqualTo(commits);

        // one tenant's values: one commit, only that tenant's release, and only its status names the new commit
        String a = tenants.get(0);
        String statusOfA = api.get("/tenants/%s/modules/minio".formatted(a)).text("message");
        String b = tenants.get(1);
        assertThat(api.put("/tenants/%s/modules/minio".formatted(b),
                json("{'values': {'persistence': {'size': '80Gi'}}}")).status()).isEqualTo(200);
        var changed = api.post("/clusters/%s/reconcile?changesOnly=true".formatted(cluster), "");
        assertThat(GitCommandLine.commitCount(repository)).isEqualTo(commits + 1);
        assertThat(changedFiles(repository)).as("the release and the MLCluster that lists its values")
                .containsExactlyInAnyOrder("%s/nova-%s/helmrelease-minio.yaml".formatted(folder, b),
                        "%s/nova-%s/mlcluster-%s.yaml".formatted(folder, b, b));
        assertThat(changed.body().path("changes").size()).isEqualTo(2);
        String commit = GitCommandLine.run(repository, "rev-parse", "HEAD").strip().substring(0, 12);
        assertThat(api.get("/tenants/%s/modules/minio".formatted(b)).text("message")).contains(commit);
        assertThat(api.get("/tenants/%s/modules/minio".formatted(a)).text("message")).isEqualTo(statusOfA);
        assertThat(GitCommandLine.run(repository, "log", "-1", "--format=%s")).as("the change, from the audit log")
                .isEqualTo("%s: minio values changed (admin)".formatted(b));

        // someone edits tenant c's quota in Git: a later reconcile puts it back, and only it
        String c = tenants.get(2);
        Path quota = repository.resolve("%s/nova-%s/resourcequota-nova-quota.yaml".formatted(folder, c));
        String original = Files.readString(quota);
        Files.writeString(quota, original + "# edited by hand\n");
        GitCommandLine.run(repository, "commit", "-qam", "a hand edit");
        int beforeDrift = GitCommandLine.commitCount(repository);
        String message = null;
        for (int i = 0; i < 6 && GitCommandLine.commitCount(repository) == beforeDrift; i++) {
            api.post("/clusters/%s/reconcile".formatted(cluster), "");
            message = api.get("/clusters/" + cluster).body().path("sync").path("message").asString();
        }
        assertThat(GitCommandLine.commitCount(repository)).isEqualTo(beforeDrift + 1);
        assertThat(changedFiles(repository)).containsExactly(
                "%s/nova-%s/resourcequota-nova-quota.yaml".formatted(folder, c));
        assertThat(Files.readString(quota)).isEqualTo(original);
        assertThat(message).startsWith("Drift corrected: ");

        // a tenant goes: exactly its files go
        String d = tenants.get(3);
        api.delete("/tenants/%s/modules/minio".formatted(d));
        assertThat(api.delete("/tenants/" + d).status()).isEqualTo(204);
        api.post("/clusters/%s/reconcile".formatted(cluster), "");
        assertThat(changedFiles(repository)).isNotEmpty().allSatisfy(path -> assertThat(path)
                .matches("%s/(nova-%s/.*|_cluster/namespace-nova-%s\\.yaml)".formatted(folder, d, d)));
        assertThat(repository.resolve("%s/nova-%s".formatted(folder, d))).doesNotExist();
        assertThat(repository.resolve("%s/nova-%s".formatted(folder, a))).isDirectory();
    }

    @Test
    void a_large_first_reconcile_goes_in_parts_and_a_change_reads_only_its_own_tenant_from_the_database() {
        Path repository = dir.resolve("parts");
        String cluster = unique("parts");
        api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'GITOPS', 'gitops': {'url': '%s'}}"
                .formatted(cluster, repository.toUri())));
        List<String> tenants = List.of("a", "b", "c", "d", "e").stream().map(t -> cluster + "-" + t).toList();
        for (String slug : tenants) {
            api.post("/tenants", json("{'slug': '%s', 'displayName': 'T', 'cluster': '%s', 'quota': {'cpu': '4'}}"
                    .formatted(slug, cluster)));
            api.put("/tenants/%s/modules/minio".formatted(slug), json("{'enabled': true}"));
            api.put("/tenants/%s/modules/mlflow".formatted(slug), json("{'enabled': true}"));
        }

        var first = api.post("/clusters/%s/reconcile".formatted(cluster), "");

        assertThat(first.status()).isEqualTo(200);
        assertThat(GitCommandLine.run(repository, "log", "--format=%s")).as("three parts of at most two tenants")
                .contains("cluster: cluster registered (admin); %s-a: tenant created; minio enabled; mlflow enabled "
                        .formatted(cluster), "(part 1 of 3)", "%s-e: tenant created; minio enabled; mlflow enabled "
                        .formatted(cluster) + "(admin) (part 3 of 3)");
        for (String slug : tenants) {
            assertThat(repository.resolve("clusters/%s/nova-%s/helmrelease-mlflow.yaml".formatted(cluster, slug)))
                    .exists();
        }
        assertThat(api.post("/clusters/%s/reconcile?changesOnly=true".formatted(cluster), "").body()
                .path("changes").size()).as("every part was remembered as delivered").isZero();

        String b = tenants.get(1);
        long withFive = loadedByTheReconcileOfAChange(cluster, b, "80Gi");
        assertThat(GitCommandLine.run(repository, "log", "-1", "--format=%s"))
                .isEqualTo("%s: minio values changed (admin)".formatted(b));
        for (String slug : List.of("f", "g", "h", "i", "j", "k").stream().map(t -> cluster + "-" + t).toList()) {
            api.post("/tenants", json("{'slug': '%s', 'displayName': 'T', 'cluster': '%s', 'quota': {'cpu': '4'}}"
                    .formatted(slug, cluster)));
            api.put("/tenants/%s/modules/minio".formatted(slug), json("{'enabled': true}"));
        }
        api.post("/clusters/%s/reconcile?changesOnly=true".formatted(cluster), "");
        long withEleven = loadedByTheReconcileOfAChange(cluster, b, "90Gi");

        assertThat(withEleven).as("rows read for one tenant's change, with 5 and with 11 tenants")
                .isEqualTo(withFive);
        assertThat(withFive).isLessThan(15); // all five tenants and their ten installs would be 15
    }

    @Test
    void a_reconcile_checks_no_unit_for_drift_while_nobody_else_has_committed_to_the_clusters_folder()
            throws Exception {
        Path repository = dir.resolve("untouched");
        String cluster = unique("untouched");
        api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'GITOPS', 'gitops': {'url': '%s'}}"
                .formatted(cluster, repository.toUri())));
        List<String> tenants = List.of("a", "b", "c").stream().map(t -> cluster + "-" + t).toList();
        for (String slug : tenants) {
            api.post("/tenants", json("{'slug': '%s', 'displayName': 'T', 'cluster': '%s', 'quota': {'cpu': '4'}}"
                    .formatted(slug, cluster)));
            api.put("/tenants/%s/modules/minio".formatted(slug), json("{'enabled': true}"));
        }
        Runnable reconcile = () -> api.post("/clusters/%s/reconcile".formatted(cluster), "");
        Runnable changesOnly = () -> api.post("/clusters/%s/reconcile?changesOnly=true".formatted(cluster), "");
        reconcile.run();
        api.put("/tenants/%s/modules/minio".formatted(tenants.get(0)),
                json("{'values': {'persistence': {'size': '80Gi'}}}"));
        changesOnly.run(); // the platform's own commit keeps the folder verified
        Files.writeString(repository.resolve("README.md"), "outside the cluster's folder\n");
        GitCommandLine.run(repository, "add", "README.md");
        GitCommandLine.run(repository, "commit", "-qm", "a commit outside the cluster's folder");
        long nothingToDo = entitiesLoadedDuring(changesOnly);

        assertThat(entitiesLoadedDuring(() -> {
            reconcile.run();
            reconcile.run();
        })).as("two reconciles that check nothing for drift").isEqualTo(2 * nothingToDo);

        Path quota = repository.resolve("clusters/%s/nova-%s/resourcequota-nova-quota.yaml"
                .formatted(cluster, tenants.get(1)));
        Files.writeString(quota, Files.readString(quota) + "# edited by hand\n");
        GitCommandLine.run(repository, "commit", "-qam", "a hand edit");
        assertThat(entitiesLoadedDuring(() -> {
            reconcile.run();
            reconcile.run();
        })).as("the cluster's unit, then a tenant, checked for drift").isGreaterThan(2 * nothingToDo);
    }

    @Test
    void a_plan_of_more_than_a_thousand_changes_lists_them_all_with_the_diffs_of_the_first_thousand() {
        Path repository = dir.resolve("large-plan");
        String cluster = unique("plan");
        api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'GITOPS', 'gitops': {'url': '%s'}}"
                .formatted(cluster, repository.toUri())));
        for (int i = 0; i < 55; i++) {
            String slug = cluster + "-" + i;
            api.post("/tenants", json("{'slug': '%s', 'displayName': 'T', 'cluster': '%s', 'quota': {'cpu': '4'}}"
                    .formatted(slug, cluster)));
            api.put("/tenants/%s/modules/minio".formatted(slug), json("{'enabled': true}"));
            api.put("/tenants/%s/modules/mlflow".formatted(slug), json("{'enabled': true}"));
        }

        var plan = api.get("/clusters/%s/plan".formatted(cluster)).body().path("changes");
        var delivered = api.post("/clusters/%s/reconcile".formatted(cluster), "").body().path("changes");

        assertThat(plan.size()).as("every change is listed").isGreaterThan(1_000).isEqualTo(delivered.size());
        for (int i = 0; i < plan.size(); i++) {
            assertThat(plan.get(i).path("id").asString()).isEqualTo(delivered.get(i).path("id").asString());
            assertThat(plan.get(i).path("type").asString()).isEqualTo("CREATE");
            String diff = plan.get(i).path("diff").asString();
            if (i < 1_000) {
                assertThat(diff).startsWith("--- /dev/null").contains("+kind: ");
            } else {
                assertThat(diff).startsWith("(diff left out");
            }
        }
        assertThat(api.get("/clusters/%s/plan".formatted(cluster)).body().path("changes").size()).isZero();
    }

    private long loadedByTheReconcileOfAChange(String cluster, String tenant, String size) {
        api.put("/tenants/%s/modules/minio".formatted(tenant),
                json("{'values': {'persistence': {'size': '%s'}}}".formatted(size)));
        return entitiesLoadedDuring(() -> api.post("/clusters/%s/reconcile?changesOnly=true".formatted(cluster), ""));
    }

    private static List<String> changedFiles(Path repository) {
        String names = GitCommandLine.run(repository, "show", "--name-only", "--format=", "HEAD").strip();
        return names.isEmpty() ? List.of() : Arrays.asList(names.split("\n"));
    }
}
