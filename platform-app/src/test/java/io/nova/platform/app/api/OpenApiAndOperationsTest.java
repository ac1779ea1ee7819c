package io.nova.platform.app.api;

import io.nova.platform.app.support.ApiTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiAndOperationsTest extends ApiTest {

    @Test
    void the_openapi_document_covers_the_contract_paths_with_examples() {
        var doc = api.get("/v3/api-docs");
        assertThat(doc.status()).isEqualTo(200);
        var paths = doc.body().path("paths");
        assertThat(paths.has("/api/v1/gpu-models/{id}")).isTrue();
        assertThat(paths.has("/api/v1/clusters/{name}")).isTrue();
        assertThat(paths.has("/api/v1/gpu-pools/{name}")).isTrue();
        assertThat(paths.has("/api/v1/tenants/{slug}/gpu-quotas/{pool}")).isTrue();
        assertThat(paths.has("/api/v1/tenants/{slug}/modules/{key}")).isTrue();
        assertThat(paths.has("/api/v1/cluster-modules/{cluster}/{key}")).isTrue();
        assertThat(paths.has("/api/v1/audit")).isTrue();
        assertThat(paths.path("/api/v1/gpu-pools").path("post").toString()).contains("all-1g.10gb");
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void liveness_readiness_and_prometheus_endpoints_answer() {
        assertThat(api.get("/actuator/health/liveness").text("status")).isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness").text("status")).isEqualTo("UP");
        var metrics = api.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }

    @Test
    void an_unknown_path_is_a_problem_not_a_stack_trace() {
        var response = api.get("/api/v1/nothing-here");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.raw().body()).doesNotContain("Exception");
    }

    @Test
    void every_response_carries_a_request_id_and_keeps_a_sane_one_from_the_caller() {
        var own = api.send(java.net.http.HttpRequest.newBuilder(api.uri("/clusters")).header("X-Request-Id", "ci-42"));
        assertThat(own.header("X-Request-Id")).isEqualTo("ci-42");
        var hostile = api.send(java.net.http.HttpRequest.newBuilder(api.uri("/clusters"))
                .header("X-Request-Id", "<script>"));
        assertThat(hostile.header("X-Request-Id")).isNotEqualTo("<script>").matches("[0-9a-f-]{36}");
    }

    @Test
    void a_body_over_one_mebibyte_is_refused_before_it_is_read() {
        String huge = "{\"slug\": \"" + "x".repeat(1_100_000) + "\"}";
        var response = api.post("/tenants", huge);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
}
