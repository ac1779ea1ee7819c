package io.nova.platform.app.delivery;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.nova.platform.app.support.ApiTest;
import org.junit.jupiter.api.Test;

/**
 * GPU quotas as Kueue objects, from REST to a real Git repository on disk, with PostgreSQL real: a cluster of its own
 * running Kueue, a T4 pool, two tenants; a changed guarantee re-delivers that tenant's queue and the cluster's cohort,
 * and nothing of the other tenant.
 */
class KueueQuotaScenarioTest extends ApiTest {

    @Test
    void guarantees_and_limits_reach_the_tenants_cluster_queues_and_the_cohort_follows_a_change() throws Exception {
        String cluster = unique("kq");
        Path repository = DATA.resolve("repo-" + cluster);
        api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'GITOPS', 'gitops': {'url': '%s'}}"
                .formatted(cluster, repository.toUri())));
        assertThat(api.put("/cluster-modules/%s/kueue".formatted(cluster), json("{'enabled': true}")).status())
                .isIn(200, 201);
        String pool = unique("t4");
        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': '%s', 'gpuModel': 'T4', 'nodeCount': 2, 'gpusPerNode': 4,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(pool, cluster)));
        String a = cluster + "-a";
        String b = cluster + "-b";
        for (String tenant : List.of(a, b)) {
            api.post("/tenants", json("{'slug': '%s', 'displayName': 'T', 'cluster': '%s'}".formatted(tenant, cluster)));
        }
        api.put("/tenants/%s/gpu-quotas/%s".formatted(a, pool), json("{'guaranteed': 3, 'limit': 6}"));
        api.put("/tenants/%s/gpu-quotas/%s".formatted(b, pool), json("{'guaranteed': 0, 'limit': 2}"));

        assertThat(api.post("/clusters/%s/reconcile".formatted(cluster), "").status()).isEqualTo(200);

        Path folder = repository.resolve("clusters/" + cluster);
        String queueA = Files.readString(folder.resolve("_cluster/clusterqueue-nova-%s.yaml".formatted(a)));
        assertThat(queueA).contains("cohortName: nova-" + cluster, "name: nova-pool-" + pool,
                "nominalQuota: 3", "borrowingLimit: 3", "lendingLimit: 3", "kubernetes.io/metadata.name: nova-" + a);
        assertThat(Files.readString(folder.resolve("nova-%s/localqueue-nova.yaml".formatted(b))))
                .contains("clusterQueue: nova-" + b);
        // 8 T4s, 3 guaranteed to a: the cohort lends the other 5
        assertThat(Files.readString(folder.resolve("_cluster/cohort-nova-%s.yaml".formatted(cluster))))
                .contains("nominalQuota: 5");

        api.put("/tenants/%s/gpu-quotas/%s".formatted(b, pool), json("{'guaranteed': 2, 'limit': 2}"));
        assertThat(api.post("/clusters/%s/reconcile?changesOnly=true".formatted(cluster), "").status())
                .isEqualTo(200);

        assertThat(Files.readString(folder.resolve("_cluster/cohort-nova-%s.yaml".formatted(cluster))))
                .contains("nominalQuota: 3");
        List<String> changed = Arrays.asList(GitCommandLine.run(repository, "show", "--name-only", "--format=",
                "HEAD").strip().split("\n"));
        assertThat(changed).contains("clusters/%s/_cluster/clusterqueue-nova-%s.yaml".formatted(cluster, b),
                "clusters/%s/_cluster/cohort-nova-%s.yaml".formatted(cluster, cluster))
                .noneMatch(path -> path.contains("nova-" + a + "/") || path.contains("clusterqueue-nova-" + a));
    }

    @Test
    void a_gpu_pool_switches_kueue_on_for_its_cluster_and_an_admins_off_stays_off() {
        String cluster = unique("kd");
        api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'GITOPS', 'gitops': {'url': '%s'}}"
                .formatted(cluster, DATA.resolve("repo-" + cluster).toUri())));
        assertThat(api.get("/cluster-modules/%s/kueue".formatted(cluster)).status()).isEqualTo(404);

        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': '%s', 'gpuModel': 'L4', 'nodeCount': 1, 'gpusPerNode': 2,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(unique("l4"), cluster)));

        var kueue = api.get("/cluster-modules/%s/kueue".formatted(cluster));
        assertThat(kueue.body().path("enabled").asBoolean()).isTrue();
        assertThat(api.get("/audit?target=cluster-modules/%s/kueue".formatted(cluster)).body().path("items").size())
                .as("recorded as the admin who added the pool").isEqualTo(1);

        long version = kueue.body().path("resourceVersion").asLong();
        assertThat(api.put("/cluster-modules/%s/kueue".formatted(cluster), json("{'enabled': false}"),
                "\"" + version + "\"").status()).isEqualTo(200);
        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': '%s', 'gpuModel': 'L4', 'nodeCount': 1, 'gpusPerNode': 2,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(unique("l4b"), cluster)));

        assertThat(api.get("/cluster-modules/%s/kueue".formatted(cluster)).body().path("enabled").asBoolean())
                .as("switched off by an admin: a new pool does not switch it on again").isFalse();
    }

    @Test
    void a_serving_plan_says_whether_it_runs_on_the_guarantee_or_on_borrowed_gpus() {
        String cluster = unique("ks");
        api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'GITOPS', 'gitops': {'url': '%s'}}"
                .formatted(cluster, DATA.resolve("repo-" + cluster).toUri())));
        String pool = unique("t4");
        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': '%s', 'gpuModel': 'T4', 'nodeCount': 4, 'gpusPerNode': 1,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(pool, cluster)));
        String team = unique("team");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'T', 'cluster': '%s'}".formatted(team, cluster)));
        api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("{'guaranteed': 1, 'limit': 4}"));
        String qwen = json("{'name': 'qwen', 'model': 'Qwen/Qwen2.5-7B-Instruct', 'precision': 'FP16', 'pool': '%s'}"
                .formatted(pool));

        var borrowing = api.post("/tenants/%s/model-deployments/plan".formatted(team), qwen).body();
        assertThat(borrowing.path("gpusTotal").asLong()).isEqualTo(2);
        assertThat(borrowing.path("quotaFit").asString()).isEqualTo("BORROWED");
        assertThat(borrowing.path("warnings").toString()).contains("runs on borrowed capacity: 1 of its 2");

        api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("{'guaranteed': 2, 'limit': 4}"));
        var guaranteed = api.post("/tenants/%s/model-deployments/plan".formatted(team), qwen).body();
        assertThat(guaranteed.path("quotaFit").asString()).isEqualTo("GUARANTEED");

        api.put("/cluster-modules/%s/kueue".formatted(cluster), json("{'enabled': false}"));
        var withoutKueue = api.post("/tenants/%s/model-deployments/plan".formatted(team), qwen).body();
        assertThat(withoutKueue.path("quotaFit").isNull()).as(withoutKueue.toString()).isTrue();
    }
}
