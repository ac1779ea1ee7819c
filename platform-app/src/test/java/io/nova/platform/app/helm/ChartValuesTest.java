package io.nova.platform.app.helm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Wrong values make real Helm refuse to render, with the schema's or the chart's own message. */
class ChartValuesTest {

    @Test
    void no_database_fails_with_a_message_that_says_the_embedded_one_is_for_development() {
        assertThatThrownBy(() -> HelmChart.template())
                .hasMessageContaining("database.url is required")
                .hasMessageContaining("the embedded database is for development only");
    }

    @Test
    void a_database_without_the_password_secret_is_refused() {
        assertThatThrownBy(() -> HelmChart.template(List.of("minimal.yaml"), "database.existingSecret="))
                .hasMessageContaining("database.existingSecret is required");
    }

    @Test
    void an_unknown_key_is_refused_by_the_schema() {
        assertThatThrownBy(() -> HelmChart.template(List.of("minimal.yaml"), "database.pasword=secret"))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("additional properties 'pasword' not allowed");
    }

    @Test
    void an_unknown_top_level_key_is_refused_by_the_schema() {
        assertThatThrownBy(() -> HelmChart.template(List.of("minimal.yaml"), "replicas=3"))
                .hasMessageContaining("additional properties 'replicas' not allowed");
    }

    @Test
    void a_wrong_type_is_refused_by_the_schema() {
        assertThatThrownBy(() -> HelmChart.template(List.of("minimal.yaml"), "service.port=http"))
                .hasMessageContaining("/service/port")
                .hasMessageContaining("got string, want integer");
    }

    @Test
    void gateway_routes_without_a_gateway_are_refused_by_the_schema() {
        assertThatThrownBy(() -> HelmChart.template(List.of("minimal.yaml"), "tools.routes.mode=GATEWAY"))
                .hasMessageContaining("/tools/routes");
    }

    @Test
    void an_unknown_delivery_mode_is_refused_by_the_schema() {
        assertThatThrownBy(() -> HelmChart.template(List.of("minimal.yaml"), "delivery.mode=PUSH"))
                .hasMessageContaining("/delivery/mode")
                .hasMessageContaining("value must be one of 'DIRECT', 'GITOPS'");
    }

    @Test
    void a_database_url_that_is_not_jdbc_postgresql_is_refused_by_the_schema() {
        assertThatThrownBy(() -> HelmChart.template(List.of("minimal.yaml"), "database.url=postgres://db/nova"))
                .hasMessageContaining("/database/url");
    }

    @Test
    void gitops_mode_without_a_repository_fails_with_a_clear_message() {
        assertThatThrownBy(() -> HelmChart.template(List.of("minimal.yaml"), "delivery.mode=GITOPS"))
                .hasMessageContaining("delivery.gitops.url is required when delivery.mode is GITOPS");
    }

    @Test
    void vault_token_authentication_needs_the_token_secret() {
        assertThatThrownBy(() -> HelmChart.template(List.of("minimal.yaml"),
                "vault.address=https://vault.example.com", "vault.authentication=TOKEN"))
                .hasMessageContaining("vault.token.existingSecret is required when vault.authentication is TOKEN");
    }

    @Test
    void an_issuer_without_the_console_client_fails_with_a_clear_message() {
        assertThatThrownBy(() -> HelmChart.template(List.of("minimal.yaml"),
                "login.issuer=https://vault.example.com/v1/identity/oidc/provider/nova"))
                .hasMessageContaining("login.clientId is required with login.issuer");
    }

    @Test
    void with_the_console_client_kept_in_starvault_no_client_id_is_needed() {
        var chart = HelmChart.template(List.of("minimal.yaml"),
                "login.issuer=https://vault.example.com/v1/identity/oidc/provider/nova",
                "vault.address=https://vault.example.com",
                "vault.oidc.consoleRedirectUris[0]=https://nova.example.com/login/oauth2/code/nova");
        org.assertj.core.api.Assertions.assertThat(chart.env("NOVA_LOGIN_CLIENT_ID")).isNull();
        org.assertj.core.api.Assertions.assertThat(chart.env("NOVA_VAULT_OIDC_CONSOLEREDIRECTURIS"))
                .isEqualTo("https://nova.example.com/login/oauth2/code/nova");
    }

    @Test
    void the_tools_login_settings_reach_the_platform_and_a_non_url_authorize_endpoint_is_refused() {
        var chart = HelmChart.template(List.of("minimal.yaml"),
                "tools.oidcIssuer=https://vault.example.com/v1/identity/oidc/provider/nova",
                "tools.oidcAuthorizeUrl=https://login.example.com/authorize");
        org.assertj.core.api.Assertions.assertThat(chart.env("NOVA_OIDC_ISSUER"))
                .isEqualTo("https://vault.example.com/v1/identity/oidc/provider/nova");
        org.assertj.core.api.Assertions.assertThat(chart.env("NOVA_OIDC_AUTHORIZE_URL"))
                .isEqualTo("https://login.example.com/authorize");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HelmChart.template(List.of("minimal.yaml"),
                "tools.oidcAuthorizeUrl=vault/authorize")).hasMessageContaining("oidcAuthorizeUrl");
    }
}
