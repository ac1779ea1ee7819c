package io.nova.platform.app.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.nova.platform.app.support.ApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chart's Grafana dashboard queries only metrics the running platform exports on {@code /actuator/prometheus},
 * next to the GPU metrics of NVIDIA's DCGM exporter (which the platform does not export itself).
 */
class DashboardMetricsTest extends ApiTest {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    /** PromQL words and the dashboard's own variables and labels that are not metric names. */
    private static final Set<String> NOT_METRICS = Set.of("sum", "avg", "by", "rate", "irate", "increase", "max",
            "min", "job", "area", "heap", "pod", "uri", "status", "Hostname", "gpu", "m", "s", "histogram_quantile", "le",
            "cluster", "outcome", "type", "synced");

    @Test
    void the_dashboard_queries_only_metrics_the_platform_exports_and_dcgm_metrics() throws Exception {
        api.get("/actuator/health/readiness");
        // The reconcile timer and write counter exist once a cluster has been reconciled.
        api.post("/clusters/local/reconcile", "");
        String scrape = api.get("/actuator/prometheus").raw().body();
        JsonNode dashboard = JsonMapper.builder().build()
                .readTree(Files.readString(HelmChart.CHART.resolve("files/dashboard.json")));

        var metrics = new TreeSet<String>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asString().replaceAll("\"[^\"]*\"", "").replaceAll("\\[[^]]*]", "");
                IDENTIFIER.matcher(expr).results().map(r -> r.group()).filter(w -> !NOT_METRICS.contains(w))
                        .forEach(metrics::add);
            }
        }

        assertThat(metrics).contains("DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_FB_USED");
        assertThat(metrics).filteredOn(m -> !m.startsWith("DCGM_")).isNotEmpty()
                .allSatisfy(metric -> assertThat(scrape).as(metric).containsPattern("(?m)^" + metric + "[{ ]"));
    }
}
