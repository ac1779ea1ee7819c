package io.nova.platform.app.api.audit;

import java.time.Instant;

import io.nova.platform.app.support.ApiTest;
import org.junit.jupiter.api.Test;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

class AuditApiTest extends ApiTest {

    @Test
    void every_change_is_recorded_with_actor_before_after_and_request_id() {
        String slug = unique("audited");
        var created = api.post("/tenants", json("{'slug': '%s', 'displayName': 'One'}".formatted(slug)));
        api.put("/tenants/" + slug, json("{'displayName': 'Two'}"));
        api.put("/tenants/%s/modules/jupyterhub".formatted(slug), json("{'enabled': true}"));
        api.put("/tenants/%s/modules/jupyterhub".formatted(slug), json("{'enabled': false}"));
        api.delete("/tenants/" + slug);

        var events = api.get("/audit?target=tenants/" + slug).body();
        assertThat(events.path("total").asInt()).isEqualTo(5);
        var newestFirst = events.path("items");
        assertThat(newestFirst.get(0).path("action").asString()).isEqualTo("DELETE");
        assertThat(newestFirst.get(0).path("before").path("displayName").asString()).isEqualTo("Two");
        assertThat(newestFirst.get(0).path("after").isNull()).isTrue();
        var creation = newestFirst.get(4);
        assertThat(creation.path("action").asString()).isEqualTo("CREATE");
        assertThat(creation.path("actor").asString()).isEqualTo("admin");
        assertThat(creation.path("requestId").asString()).isEqualTo(created.header("X-Request-Id"));
    }

    @Test
    void module_values_are_recorded_as_paths_and_hashes_never_as_values() {
        String slug = unique("hashed");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'H'}".formatted(slug)));
        api.put("/tenants/%s/modules/jupyterhub".formatted(slug),
                json("{'enabled': true, 'values': {'cull': {'timeout': 7261}}}"));
        api.put("/tenants/%s/modules/jupyterhub".formatted(slug),
                json("{'enabled': true, 'values': {'cull': {'timeout': 7262}}}"));

        var events = api.get("/audit?target=tenants/%s/modules/jupyterhub".formatted(slug));
        var update = events.body().path("items").get(0);
        assertThat(events.raw().body()).doesNotContain("7261").doesNotContain("7262");
        assertThat(update.path("after").path("values").path("cull.timeout").asString()).startsWith("sha256:");
        assertThat(update.path("after").path("values").path("cull.timeout").asString())
                .as("a changed value is a changed hash")
                .isNotEqualTo(update.path("before").path("values").path("cull.timeout").asString());
        // the number standing alone, not inside some event's hex hash
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE after_json::text ~ "
                + "'(^|[^0-9a-f])7262([^0-9a-f]|$)'", Long.class)).isZero();
    }

    @Test
    void filters_by_target_actor_and_time() {
        Instant before = Instant.now().minusSeconds(1);
        String slug = unique("filtered");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'F'}".formatted(slug)));
        assertThat(api.get("/audit?target=tenants/%s&actor=admin&since=%s".formatted(slug, before))
                .body().path("total").asInt()).isEqualTo(1);
        assertThat(api.get("/audit?target=tenants/%s&actor=someone-else".formatted(slug)).body().path("total").asInt())
                .isZero();
        assertThat(api.get("/audit?target=tenants/%s&since=%s".formatted(slug, Instant.now().plusSeconds(60)))
                .body().path("total").asInt()).isZero();
        assertThat(api.get("/audit?target=tenants/" + slug.substring(0, slug.length() - 1)).body().path("total")
                .asInt()).as("a prefix of a name is another target").isZero();
    }
}
