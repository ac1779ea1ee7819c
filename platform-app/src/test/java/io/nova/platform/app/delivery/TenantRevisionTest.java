package io.nova.platform.app.delivery;

import java.nio.file.Path;
import java.util.List;

import io.nova.platform.app.support.ApiTest;
import io.nova.platform.app.support.SqlWrites;
import io.nova.platform.core.cluster.SyncState;
import io.nova.platform.core.module.ModulePhase;
import io.nova.platform.core.module.ModuleStatusReport;
import io.nova.platform.core.reconcile.Observation;
import io.nova.platform.core.reconcile.ReconcileRecorder;
import io.nova.platform.core.tenant.TenantRevision;
import io.nova.platform.core.tenant.TenantService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant's revision, which a reconcile compares with what it delivered: every change to what the tenant's objects are
 * rendered from gives it a new one, status writes and identical repeats do not.
 */
class TenantRevisionTest extends ApiTest {

    @TempDir
    Path dir;

    @Autowired
    TenantService tenants;

    @Autowired
    ReconcileRecorder recorder;

    private String cluster;
    private String team;
    private String other;
    private String pool;

    @BeforeEach
    void aClusterWithTwoTenants() {
        cluster = unique("rev");
        team = cluster + "-a";
        other = cluster + "-b";
        pool = unique("l4");
        api.post("/clusters", json("{'name': '%s', 'deliveryMode': 'GITOPS', 'gitops': {'url': '%s'}}"
                .formatted(cluster, dir.resolve("repo").toUri())));
        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': '%s', 'gpuModel': 'L4', 'nodeCount': 1, 'gpusPerNode': 4,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(pool, cluster)));
        for (String slug : List.of(team, other)) {
            api.post("/tenants", json("{'slug': '%s', 'displayName': 'T', 'cluster': '%s', 'quota': {'cpu': '4'}}"
                    .formatted(slug, cluster)));
            api.put("/tenants/%s/modules/minio".formatted(slug), json("{'enabled': true}"));
        }
    }

    @Test
    void a_status_write_does_not_mark_the_tenant_dirty() {
        assertThat(api.post("/clusters/%s/reconcile".formatted(cluster), "").status()).isEqualTo(200);
        long idle = entitiesLoadedDuring(this::deliverChanges);
        long revision = revisionOf(team);

        recorder.recordObservation(cluster, new Observation(List.of(
                        new ModuleStatusReport(team, "minio", 1, ModulePhase.READY, "Ready: seen in the cluster")),
                List.of()), SyncState.SYNCED, "In sync", null);

        assertThat(api.get("/tenants/%s/modules/minio".formatted(team)).text("phase")).isEqualTo("READY");
        assertThat(revisionOf(team)).isEqualTo(revision);
        assertThat(entitiesLoadedDuring(this::deliverChanges)).as("no tenant read: nothing to deliver")
                .isEqualTo(idle);
    }

    @Test
    void a_module_value_change_marks_only_its_tenant_dirty_and_an_identical_repeat_marks_nothing() {
        long revision = revisionOf(team);
        long untouched = revisionOf(other);

        api.put("/tenants/%s/modules/minio".formatted(team), json("{'values': {'persistence': {'size': '80Gi'}}}"));
        long changed = revisionOf(team);
        api.put("/tenants/%s/modules/minio".formatted(team), json("{'values': {'persistence': {'size': '80Gi'}}}"));

        assertThat(changed).isNotEqualTo(revision);
        assertThat(revisionOf(team)).as("an identical repeat writes nothing").isEqualTo(changed);
        assertThat(revisionOf(other)).isEqualTo(untouched);
    }

    @Test
    void the_tenants_settings_its_gpu_quotas_and_its_modules_coming_and_going_each_mark_it_dirty() {
        var seen = new java.util.ArrayList<Long>(List.of(revisionOf(team)));

        assertThat(api.put("/tenants/" + team, json("""
                {'slug': '%s', 'displayName': 'Team A', 'cluster': '%s', 'quota': {'cpu': '8'}}"""
                .formatted(team, cluster))).status()).isEqualTo(200);
        seen.add(revisionOf(team));
        assertThat(api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("{'guaranteed': 1, 'limit': 2}"))
                .status()).isEqualTo(201);
        seen.add(revisionOf(team));
        api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("{'guaranteed': 2, 'limit': 4}"));
        seen.add(revisionOf(team));
        api.delete("/tenants/%s/gpu-quotas/%s".formatted(team, pool));
        seen.add(revisionOf(team));
        api.put("/tenants/%s/modules/mlflow".formatted(team), json("{'enabled': true}"));
        seen.add(revisionOf(team));
        api.delete("/tenants/%s/modules/mlflow".formatted(team));
        seen.add(revisionOf(team));

        assertThat(seen).as("a new revision at every step").doesNotHaveDuplicates();
    }

    @Test
    void a_reconcile_after_a_delivered_change_writes_nothing_to_postgresql() {
        api.post("/clusters/%s/reconcile".formatted(cluster), "");
        api.put("/tenants/%s/modules/minio".formatted(team), json("{'values': {'persistence': {'size': '90Gi'}}}"));
        deliverChanges(); // delivers the change and records its status
        api.post("/clusters/%s/reconcile".formatted(cluster), ""); // records the sync message of a no-op

        assertThat(SqlWrites.during(() -> api.post("/clusters/%s/reconcile".formatted(cluster), ""))).isEmpty();
        assertThat(SqlWrites.during(this::deliverChanges)).isEmpty();
    }

    private void deliverChanges() {
        assertThat(api.post("/clusters/%s/reconcile?changesOnly=true".formatted(cluster), "").status())
                .isEqualTo(200);
    }

    private long revisionOf(String slug) {
        return tenants.revisions(cluster).stream().filter(t -> t.slug().equals(slug)).findFirst()
                .map(TenantRevision::revision).orElseThrow();
    }
}
