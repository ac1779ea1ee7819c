package io.nova.platform.app.api.tenant;

import io.nova.platform.app.support.ApiTest;
import org.junit.jupiter.api.Test;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

class TenantApiTest extends ApiTest {

    @Test
    void a_new_tenant_gets_a_derived_namespace_on_the_local_cluster_and_is_active() {
        String slug = unique("team");
        var created = api.post("/tenants", json("""
                {'slug': '%s', 'displayName': 'Team', 'ownerGroups': ['ml-admins'],
                 'quota': {'cpu': '16', 'memory': '64Gi', 'storage': '1Ti'}}""".formatted(slug)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/tenants/" + slug);
        assertThat(created.text("namespace")).isEqualTo("nova-" + slug);
        assertThat(created.text("cluster")).isEqualTo("local");
        assertThat(created.text("state")).isEqualTo("ACTIVE");
        assertThat(created.body().path("quota").path("memory").asString()).isEqualTo("64Gi");
    }

    @Test
    void a_read_with_the_current_etag_is_not_modified_until_the_tenant_changes() {
        String slug = unique("team");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Team'}".formatted(slug)));
        var read = api.get("/tenants/" + slug);
        String etag = read.header("ETag");
        assertThat(etag).isEqualTo("\"" + read.body().path("resourceVersion").asLong() + "\"");

        var unchanged = api.send(java.net.http.HttpRequest.newBuilder(api.uri("/tenants/" + slug))
                .header("If-None-Match", etag).GET());
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.raw().body()).isEmpty();
        assertThat(unchanged.header("ETag")).isEqualTo(etag);

        api.put("/tenants/" + slug, json("{'displayName': 'Team, renamed'}"), etag);
        var changed = api.send(java.net.http.HttpRequest.newBuilder(api.uri("/tenants/" + slug))
                .header("If-None-Match", etag).GET());
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.text("displayName")).isEqualTo("Team, renamed");
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
    }

    @Test
    void a_duplicate_slug_is_a_conflict() {
        String slug = unique("team");
        String body = json("{'slug': '%s', 'displayName': 'Team'}".formatted(slug));
        api.post("/tenants", body);
        var duplicate = api.post("/tenants", body);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.text("detail")).contains(slug);
    }

    @Test
    void slug_namespace_and_cluster_are_immutable() {
        String slug = unique("team");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Team'}".formatted(slug)));
        var response = api.put("/tenants/" + slug, json("""
                {'slug': 'renamed', 'displayName': 'Team', 'namespace': 'elsewhere', 'cluster': 'other'}"""));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("slug", "namespace", "cluster");
    }

    @Test
    void suspending_a_tenant_is_an_audited_update() {
        String slug = unique("team");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Team'}".formatted(slug)));
        var suspended = api.put("/tenants/" + slug, json("{'displayName': 'Team', 'state': 'SUSPENDED'}"));
        assertThat(suspended.text("state")).isEqualTo("SUSPENDED");
        var events = api.get("/audit?target=tenants/" + slug).body().path("items");
        assertThat(events.get(0).path("action").asString()).isEqualTo("UPDATE");
        assertThat(events.get(0).path("before").path("state").asString()).isEqualTo("ACTIVE");
        assertThat(events.get(0).path("after").path("state").asString()).isEqualTo("SUSPENDED");
    }

    @Test
    void a_tenant_with_enabled_modules_cannot_be_deleted_until_they_are_switched_off() {
        String slug = unique("team");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Team'}".formatted(slug)));
        api.put("/tenants/%s/modules/jupyterhub".formatted(slug), json("{'enabled': true}"));
        var refused = api.delete("/tenants/" + slug);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("conflicts").toString()).contains("tenants/%s/modules/jupyterhub".formatted(slug));

        api.put("/tenants/%s/modules/jupyterhub".formatted(slug), json("{'enabled': false}"));
        assertThat(api.delete("/tenants/" + slug).status()).isEqualTo(204);
        assertThat(api.get("/tenants/" + slug).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM module_install m JOIN tenant t ON t.id = m.tenant_id "
                + "WHERE t.slug = ?", Long.class, slug)).isZero();
    }

    @Test
    void lists_are_paged_with_totals() {
        for (int i = 0; i < 3; i++) {
            api.post("/tenants", json("{'slug': '%s', 'displayName': 'Paged'}".formatted(unique("paged"))));
        }
        var page = api.get("/tenants?page=0&size=2");
        assertThat(page.body().path("items").size()).isEqualTo(2);
        assertThat(page.body().path("size").asInt()).isEqualTo(2);
        assertThat(page.body().path("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(api.get("/tenants?size=201").status()).isEqualTo(422);
    }

    @Test
    void lists_filter_by_text_in_slug_or_name_and_sort_by_the_asked_property() {
        String marker = unique("find");
        api.post("/tenants", json("{'slug': '%s-b', 'displayName': 'Alpha %s'}".formatted(marker, marker)));
        api.post("/tenants", json("{'slug': '%s-a', 'displayName': 'Zulu'}".formatted(marker)));
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Other'}".formatted(unique("nomatch"))));

        var bySlug = api.get("/tenants?q=" + marker.toUpperCase());
        assertThat(bySlug.body().path("items").findValuesAsString("slug"))
                .containsExactly(marker + "-a", marker + "-b");
        var byNameDescending = api.get("/tenants?q=" + marker + "&sort=displayName,desc");
        assertThat(byNameDescending.body().path("items").findValuesAsString("displayName"))
                .containsExactly("Zulu", "Alpha " + marker);
        assertThat(api.get("/tenants?q=zulu&size=200").body().path("items").findValuesAsString("slug"))
                .contains(marker + "-a").doesNotContain(marker + "-b");
        assertThat(api.get("/tenants?q=%25").body().path("total").asLong())
                .as("a LIKE wildcard in the text matches itself only").isZero();
    }

    @Test
    void a_tenants_events_cover_its_quotas_and_modules_newest_first() {
        String slug = unique("events");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Events'}".formatted(slug)));
        api.put("/tenants/%s/modules/jupyterhub".formatted(slug), json("{'enabled': true}"));

        var events = api.get("/tenants/%s/events".formatted(slug)).body().path("items");
        assertThat(events.findValuesAsString("target"))
                .containsExactly("tenants/%s/modules/jupyterhub".formatted(slug), "tenants/" + slug);
        assertThat(api.get("/tenants/%s/events".formatted(unique("absent"))).status()).isEqualTo(404);
    }
}
