package io.nova.platform.app.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chart configures the application through settings it really reads and probes what it really serves. */
class ChartMatchesTheAppTest {

    private final AppSettings app = new AppSettings();

    @Test
    void probes_point_at_the_health_groups_the_app_serves_on_its_port() {
        assertThat(app.property("management.endpoint.health.probes.enabled")).isEqualTo("true");
        assertThat(app.property("management.endpoints.web.exposure.include")).contains("health");
        assertThat(app.property("management.server.port")).as("without the chart: on the server's own port")
                .isEmpty();
        assertThat(app.placeholderVariables()).contains("NOVA_MANAGEMENT_PORT");
        String base = app.property("management.endpoints.web.base-path") == null ? "/actuator"
                : app.property("management.endpoints.web.base-path");
        Container platform = HelmChart.template("minimal.yaml").platformContainer();

        assertThat(platform.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
                .containsExactly("http:" + Integer.valueOf(app.property("server.port")), "management:9090");
        assertThat(platform.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("NOVA_MANAGEMENT_PORT");
            assertThat(env.getValue()).isEqualTo("9090");
        });
        assertThat(platform.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
        assertThat(path(platform.getLivenessProbe().getHttpGet())).isEqualTo(base + "/health/liveness");
        assertThat(path(platform.getStartupProbe().getHttpGet())).isEqualTo(base + "/health/liveness");
        assertThat(path(platform.getReadinessProbe().getHttpGet())).isEqualTo(base + "/health/readiness");
    }

    @Test
    void the_servicemonitor_and_the_helm_test_ask_the_endpoints_the_app_exposes() {
        assertThat(app.property("management.endpoints.web.exposure.include")).contains("prometheus");
        var chart = HelmChart.templateWithTests("pilot.yaml");

        assertThat(chart.generic("ServiceMonitor").getAdditionalProperties().toString())
                .contains("path=/actuator/prometheus", "port=management");
        var test = chart.one(Pod.class);
        assertThat(test.getSpec().getContainers().getFirst().getArgs())
                .anySatisfy(arg -> assertThat(arg).endsWith(":9090/actuator/health/readiness"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal.yaml", "pilot.yaml", "gitops.yaml", "ha.yaml"})
    void every_environment_variable_is_a_setting_the_app_reads(String values) {
        var placeholders = app.placeholderVariables();
        var properties = app.configurationProperties();
        var chart = HelmChart.template(values);

        assertThat(properties).contains("nova.vault.kubernetes.authmount", "nova.security.oidc.issueruri");
        assertThat(chart.platformContainer().getEnv()).allSatisfy(env -> {
            String name = env.getName();
            if (!name.equals("JAVA_TOOL_OPTIONS")) {
                String property = name.toLowerCase().replace('_', '.');
                assertThat(placeholders.contains(name) || properties.contains(property))
                        .as(name + " is neither a placeholder in application.yml nor " + property).isTrue();
            }
        });
    }

    private static String path(HTTPGetAction action) {
        assertThat(action.getPort().getStrVal()).isEqualTo("management");
        return action.getPath();
    }
}
