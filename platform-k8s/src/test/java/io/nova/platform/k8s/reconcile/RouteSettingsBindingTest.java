package io.nova.platform.k8s.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.nova.platform.k8s.render.RouteSettings;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.junit.jupiter.api.Test;

/** {@code nova.reconcile.routes.*} as the chart's environment variables and an application.yml set it. */
class RouteSettingsBindingTest {

    @Test
    void without_settings_each_tool_gets_an_ingress_of_the_default_class_without_tls() {
        assertThat(bind(Map.of()).routes()).isEqualTo(RouteSettings.defaults());
        assertThat(RouteSettings.defaults().mode()).isEqualTo(RouteSettings.Mode.INGRESS);
    }

    @Test
    void the_environment_sets_class_issuer_gateway_and_annotations_as_one_json_object() {
        ReconcileProperties properties = bind(Map.of(
                "nova.reconcile.routes.mode", "GATEWAY",
                "nova.reconcile.routes.ingress-class-name", "nginx",
                "nova.reconcile.routes.cluster-issuer", "letsencrypt",
                "nova.reconcile.routes.annotations", "{\"nginx.ingress.kubernetes.io/proxy-body-size\":\"0\"}",
                "nova.reconcile.routes.gateway.name", "nova",
                "nova.reconcile.routes.gateway.namespace", "gateway-system",
                "nova.reconcile.routes.gateway.section-name", "https"));

        assertThat(properties.routes()).isEqualTo(new RouteSettings(RouteSettings.Mode.GATEWAY, "nginx", "letsencrypt",
                null, Map.of("nginx.ingress.kubernetes.io/proxy-body-size", "0"),
                new RouteSettings.Gateway("nova", "gateway-system", "https")));
    }

    @Test
    void a_yaml_file_sets_annotations_as_a_map() {
        ReconcileProperties properties = bind(Map.of(
                "nova.reconcile.routes.annotations[nginx.ingress.kubernetes.io/proxy-body-size]", "0"));

        assertThat(properties.routes().annotations())
                .containsExactly(Map.entry("nginx.ingress.kubernetes.io/proxy-body-size", "0"));
    }

    @Test
    void gateway_mode_without_a_gateway_stops_the_start_with_the_setting_to_fix() {
        assertThatThrownBy(() -> bind(Map.of("nova.reconcile.routes.mode", "GATEWAY")))
                .rootCause().hasMessageContaining("nova.reconcile.routes.gateway.name is empty");
    }

    @Test
    void annotations_that_are_not_a_json_object_are_refused_with_an_example() {
        assertThatThrownBy(() -> bind(Map.of("nova.reconcile.routes.annotations", "proxy-body-size=0")))
                .hasStackTraceContaining("annotations must be a JSON object of strings, e.g. {\"nginx.ingress");
    }

    private static ReconcileProperties bind(Map<String, String> properties) {
        var conversion = new ApplicationConversionService();
        conversion.addConverter(new AnnotationsJsonConverter());
        var binder = new Binder(List.of(new MapConfigurationPropertySource(properties)), null, conversion);
        return binder.bindOrCreate("nova.reconcile", ReconcileProperties.class);
    }
}
