package io.nova.platform.app.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.nova.platform.app.support.Api;
import io.nova.platform.app.support.ApiTest;
import org.junit.jupiter.api.Test;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent writers against the real server and database: nobody's change is silently lost. */
class ConcurrentUpdateTest extends ApiTest {

    private static final int WRITERS = 8;

    private List<Api.Response> race(List<Callable<Api.Response>> writers) throws Exception {
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(writers.size())) {
            var futures = new ArrayList<Future<Api.Response>>();
            for (var writer : writers) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return writer.call();
                }));
            }
            start.countDown();
            var responses = new ArrayList<Api.Response>();
            for (var f : futures) {
                responses.add(f.get());
            }
            return responses;
        }
    }

    @Test
    void of_writers_holding_the_same_etag_exactly_one_wins_and_the_others_get_412() throws Exception {
        String slug = unique("race");
        String etag = api.post("/tenants", json("{'slug': '%s', 'displayName': 'Start'}".formatted(slug))).etag();
        var writers = new ArrayList<Callable<Api.Response>>();
        for (int i = 0; i < WRITERS; i++) {
            String name = "Writer " + i;
            writers.add(() -> api.put("/tenants/" + slug, json("{'displayName': '%s'}".formatted(name)), etag));
        }
        List<Api.Response> responses = race(writers);

        var winners = responses.stream().filter(r -> r.status() == 200).toList();
        assertThat(winners).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() != 200).extracting(Api.Response::status)
                .containsOnly(412);
        var stored = api.get("/tenants/" + slug);
        assertThat(stored.text("displayName")).isEqualTo(winners.getFirst().text("displayName"));
        assertThat(stored.etag()).isEqualTo("\"1\"");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE target = ? AND action = 'UPDATE'",
                Long.class, "tenants/" + slug)).isEqualTo(1);
    }

    @Test
    void tenants_racing_for_the_last_gpus_never_get_more_guarantees_than_the_pool_has() throws Exception {
        String pool = unique("race-pool");
        api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': 'local', 'gpuModel': 'A10', 'nodeCount': 1, 'gpusPerNode': 4,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(pool)));
        var writers = new ArrayList<Callable<Api.Response>>();
        for (int i = 0; i < WRITERS; i++) {
            String slug = unique("racer");
            api.post("/tenants", json("{'slug': '%s', 'displayName': 'Racer'}".formatted(slug)));
            writers.add(() -> api.put("/tenants/%s/gpu-quotas/%s".formatted(slug, pool), json("{'guaranteed': 1}")));
        }
        List<Api.Response> responses = race(writers);

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(4);
        assertThat(responses).filteredOn(r -> r.status() != 201).extracting(Api.Response::status).containsOnly(409);
        Long guaranteed = jdbc.queryForObject("""
                SELECT coalesce(sum(r.guaranteed), 0) FROM gpu_quota_resource r
                JOIN gpu_quota q ON q.id = r.quota_id JOIN gpu_pool p ON p.id = q.pool_id WHERE p.name = ?""",
                Long.class, pool);
        assertThat(guaranteed).isEqualTo(4);
    }

    @Test
    void identical_concurrent_creates_of_a_module_install_all_succeed_and_create_it_once() throws Exception {
        String slug = unique("race");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Race'}".formatted(slug)));
        var writers = new ArrayList<Callable<Api.Response>>();
        for (int i = 0; i < WRITERS; i++) {
            writers.add(() -> api.put("/tenants/%s/modules/mlflow".formatted(slug),
                    json("{'enabled': true, 'enableDependencies': true}")));
        }
        List<Api.Response> responses = race(writers);

        assertThat(responses).extracting(Api.Response::status).containsOnly(200, 201);
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(api.get("/tenants/%s/modules/mlflow".formatted(slug)).body().path("generation").asLong())
                .isEqualTo(1);
        assertThat(api.get("/tenants/%s/modules".formatted(slug)).body().path("total").asInt()).isEqualTo(2);
    }

    @Test
    void enabling_mlflow_while_disabling_minio_never_leaves_mlflow_without_minio() throws Exception {
        for (int round = 0; round < 5; round++) {
            String slug = unique("race");
            api.post("/tenants", json("{'slug': '%s', 'displayName': 'Race'}".formatted(slug)));
            api.put("/tenants/%s/modules/minio".formatted(slug), json("{'enabled': true}"));
            race(List.of(
                    () -> api.put("/tenants/%s/modules/mlflow".formatted(slug), json("{'enabled': true}")),
                    () -> api.put("/tenants/%s/modules/minio".formatted(slug), json("{'enabled': false}"))));
            boolean mlflowOn = api.get("/tenants/%s/modules/mlflow".formatted(slug)).body().path("enabled")
                    .asBoolean(false);
            boolean minioOn = api.get("/tenants/%s/modules/minio".formatted(slug)).body().path("enabled").asBoolean();
            assertThat(!mlflowOn || minioOn).as("round %d: MLflow on without MinIO", round).isTrue();
        }
    }
}
