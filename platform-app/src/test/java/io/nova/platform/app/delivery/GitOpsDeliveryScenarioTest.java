package io.nova.platform.app.delivery;

import java.nio.file.Files;
import java.nio.file.Path;

import io.nova.platform.app.support.ApiTest;
import org.junit.jupiter.api.Test;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes delivery issue's "done when", over REST against the default {@code local} cluster, whose GitOps
 * repository is a real Git repository on disk (checked with the git CLI).
 */
class GitOpsDeliveryScenarioTest extends ApiTest {

    private final Path repository = DATA.resolve("gitops");

    @Test
    void a_team_with_time_sliced_t4s_and_mlflow_lands_in_the_local_repository_and_a_second_reconcile_commits_nothing()
            throws Exception {
        String pool = unique("t4");
        String team = unique("team");
        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': 'local', 'gpuModel': 'T4', 'nodeCount': 2, 'gpusPerNode': 4,
                 'sharing': {'mode': 'TIME_SLICING', 'replicas': 4}}""".formatted(pool)));
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Team', 'ownerGroups': ['team-admins']}"
                .formatted(team)));
        api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("{'guaranteed': 4, 'limit': 8}"));
        api.put("/tenants/%s/modules/jupyterhub".formatted(team), json("{'enabled': true}"));
        api.put("/tenants/%s/modules/mlflow".formatted(team), json("{'enabled': true, 'enableDependencies': true}"));

        var plan = api.get("/clusters/local/plan");
        assertThat(plan.status()).isEqualTo(200);
        assertThat(plan.body().path("applied").asBoolean()).isFalse();
        assertThat(plan.body().path("changes").toString()).contains("nova-%s/helmrelease-mlflow.yaml".formatted(team));

        var first = api.post("/clusters/local/reconcile", "");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.text("revision")).isNotBlank();
        assertThat(GitCommandLine.run(repository, "rev-parse", "HEAD")).isEqualTo(first.text("revision"));

        Path folder = repository.resolve("clusters/local");
        String ns = "nova-" + team;
        assertThat(folder.resolve("_cluster/namespace-%s.yaml".formatted(ns))).exists();
        assertThat(folder.resolve(ns + "/mlcluster-%s.yaml".formatted(team))).exists();
        assertThat(Files.readString(folder.resolve(ns + "/resourcequota-nova-quota.yaml")))
                .contains("requests.nvidia.com/gpu: \"8\"");
        String jupyterhub = Files.readString(folder.resolve(ns + "/helmrelease-jupyterhub.yaml"));
        assertThat(jupyterhub).contains("MLFLOW_TRACKING_URI: http://mlflow.%s.svc.cluster.local:80".formatted(ns));
        String mlflow = Files.readString(folder.resolve(ns + "/helmrelease-mlflow.yaml"));
        assertThat(mlflow).contains("dependsOn:").contains("- name: minio").contains("driftDetection:");
        assertThat(folder.resolve(ns + "/helmrelease-minio.yaml")).exists();
        assertThat(Files.readString(folder.resolve("gpu-operator/configmap-nova-device-plugin-config.yaml")))
                .contains(pool + ": |").contains("replicas: 4");
        assertThat(folder.resolve("flux-system/kustomization-nova-platform.yaml")).exists();
        assertThat(api.get("/cluster-modules/local/kueue").body().path("enabled").asBoolean())
                .as("Kueue switched on with the cluster's GPU pool").isTrue();
        assertThat(Files.readString(folder.resolve("_cluster/clusterqueue-%s.yaml".formatted(ns))))
                .contains("nominalQuota: 4", "borrowingLimit: 4");

        var cluster = api.get("/clusters/local").body().path("sync");
        assertThat(cluster.path("state").asString()).isEqualTo("SYNCED");
        assertThat(cluster.path("revision").asString()).isEqualTo(first.text("revision"));
        var mlflowInstall = api.get("/tenants/%s/modules/mlflow".formatted(team)).body();
        assertThat(mlflowInstall.path("observedGeneration").asLong()).isEqualTo(mlflowInstall.path("generation")
                .asLong());
        // without Vault its generated credentials have nowhere safe to come from: no plain Secret goes to Git
        assertThat(mlflowInstall.path("phase").asString()).isEqualTo("DEGRADED");
        assertThat(mlflowInstall.path("message").asString()).contains("mlflow-s3-credentials")
                .contains("configure nova.vault");
        try (var files = Files.walk(folder)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("secret-") || name.startsWith("externalsecret-"));
        }

        int commits = GitCommandLine.commitCount(repository);
        var second = api.post("/clusters/local/reconcile", "");
        assertThat(second.body().path("changes").size()).isZero();
        assertThat(second.text("revision")).isNull();
        assertThat(GitCommandLine.commitCount(repository)).isEqualTo(commits);
        var sql = io.nova.platform.app.support.SqlWrites.during(() -> api.post("/clusters/local/reconcile", ""));
        assertThat(sql).as("a reconcile with nothing new writes nothing to PostgreSQL").isEmpty();
        assertThat(GitCommandLine.commitCount(repository)).isEqualTo(commits);

        assertThat(io.nova.platform.app.support.SqlWrites.during(() -> api.put("/tenants/%s/gpu-quotas/%s"
                .formatted(team, pool), json("{'guaranteed': 4, 'limit': 6}")))).as("a real change is seen").isNotEmpty();
        var third = api.post("/clusters/local/reconcile", "");
        assertThat(third.body().path("changes").size()).isEqualTo(2);
        assertThat(GitCommandLine.commitCount(repository)).isEqualTo(commits + 1);
        assertThat(GitCommandLine.run(repository, "show", "--name-only", "--format=", "HEAD").lines())
                .as("the tenant's hard backstop and its Kueue queue; the cohort keeps the same guarantees")
                .containsExactlyInAnyOrder("clusters/local/%s/resourcequota-nova-quota.yaml".formatted(ns),
                        "clusters/local/_cluster/clusterqueue-%s.yaml".formatted(ns));
        assertThat(GitCommandLine.run(repository, "log", "-1", "--format=%B")).contains("Requested-by:");
    }

    @Test
    void an_unknown_cluster_has_no_plan() {
        assertThat(api.get("/clusters/nowhere/plan").status()).isEqualTo(404);
        assertThat(api.post("/clusters/nowhere/reconcile", "").status()).isEqualTo(404);
    }
}
