package io.nova.platform.app.api;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import io.nova.platform.app.support.ApiTest;
import org.junit.jupiter.api.Test;

/**
 * What an attacker sends, over real HTTP to the running platform with PostgreSQL real: bodies without a length,
 * bodies built to be expensive to parse, and paths Tomcat refuses before Spring. Each answer is a 4xx problem and
 * nothing is stored.
 */
class HostileInputTest extends ApiTest {

    @Test
    void a_chunked_body_over_one_mebibyte_is_cut_off_while_it_is_read() {
        String slug = unique("chunked");
        byte[] head = "{\"slug\": \"%s\", \"displayName\": \"".formatted(slug).getBytes(StandardCharsets.UTF_8);
        // 1.5 MiB of name, streamed without a Content-Length (chunked transfer encoding); Tomcat swallows what is
        // left after the refusal up to its own limit, so the answer is read on an intact connection
        InputStream endless = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(head), new ByteArrayInputStream("x".repeat(3 << 19)
                        .getBytes(StandardCharsets.UTF_8)), new ByteArrayInputStream("\"}".getBytes()))));
        var response = api.send(HttpRequest.newBuilder(api.uri("/tenants")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> endless)));

        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/tenants/" + slug).status()).isEqualTo(404);
    }

    @Test
    void json_nested_past_the_parsers_bound_is_a_400_problem_that_stores_nothing() {
        String team = unique("deep");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'D'}".formatted(team)));
        // module values are free-form maps: the parser's nesting bound is what stops this
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        var response = api.put("/tenants/%s/modules/jupyterhub".formatted(team),
                "{\"enabled\": true, \"values\": {\"hub\": %s}}".formatted(deep));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.text("detail")).contains("exceeds a limit", "nesting depth");
        assertThat(api.get("/tenants/%s/modules".formatted(team)).body().path("total").asLong()).isZero();
    }

    @Test
    void a_field_name_of_a_hundred_thousand_characters_is_refused_by_the_parser() {
        String slug = unique("longkey");
        var response = api.post("/tenants", "{\"slug\": \"%s\", \"displayName\": \"L\", \"%s\": 1}"
                .formatted(slug, "k".repeat(100_000)));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/tenants/" + slug).status()).isEqualTo(404);
    }

    @Test
    void a_path_with_an_encoded_slash_is_answered_with_problem_details_not_tomcats_page() {
        String team = unique("team");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'T'}".formatted(team)));

        var response = api.send(HttpRequest.newBuilder(URI.create(api.baseUrl()
                        + "/api/v1/tenants/%s/modules/..%%2F..%%2Fetc".formatted(team)))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.raw().body()).doesNotContain("<html", "Apache Tomcat");
        assertThat(response.body().path("status").asInt()).isEqualTo(response.status());
        assertThat(api.get("/tenants/%s/modules".formatted(team)).body().path("total").asLong()).isZero();
    }
}
