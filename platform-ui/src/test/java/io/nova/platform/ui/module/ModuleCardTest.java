package io.nova.platform.ui.module;

import static org.assertj.core.api.Assertions.assertThat;

import io.nova.platform.core.module.ModuleCatalog;
import org.junit.jupiter.api.Test;

/** What a module card says about logging in, for the shipped catalog's tools. */
class ModuleCardTest {

    private final ModuleCatalog catalog = ModuleCatalog.loadDefault();

    @Test
    void a_tool_with_its_own_oidc_login_says_single_sign_on() {
        assertThat(ModuleCard.login(catalog.find("jupyterhub").orElseThrow()))
                .isEqualTo("Login: single sign-on through StarVault");
    }

    @Test
    void a_tool_behind_oauth2_proxy_says_so() {
        assertThat(ModuleCard.login(catalog.find("code-server").orElseThrow()))
                .isEqualTo("Login: single sign-on through StarVault (oauth2-proxy in front of the tool)");
    }

    @Test
    void a_cluster_component_says_who_gets_which_role_and_the_way_in_when_the_provider_is_down() {
        assertThat(ModuleCard.login(catalog.find("kube-prometheus-stack").orElseThrow()))
                .startsWith("Login: single sign-on through StarVault. ").contains("platform admins are Grafana Admins")
                .contains("kube-prometheus-stack-grafana");
        assertThat(ModuleCard.login(catalog.find("neuvector").orElseThrow()))
                .startsWith("Login: single sign-on through StarVault. ").contains("platform admins are NeuVector admins");
    }

    @Test
    void a_tool_without_single_sign_on_says_why_and_how_to_log_in() {
        var catalog = ModuleCatalog.load(java.util.List.of(new org.springframework.core.io.ClassPathResource(
                "modules.yaml"), new org.springframework.core.io.ByteArrayResource("""
                modules:
                  - key: legacy-ui
                    name: Legacy UI
                    description: A tool that cannot log users in through an OIDC provider.
                    scope: CLUSTER
                    chart: {type: HELM, url: https://charts.example.com, chart: legacy-ui}
                    defaultVersion: "1.0.0"
                    supportedVersions: ["1.0.0"]
                    dependencies: []
                    webUi: true
                    uiUrlPattern: https://legacy-{cluster}.{domain}
                    releaseNamespace: legacy
                    valueKeys: [image]
                    integration:
                      route: {service: legacy-ui, port: 80}
                      signOn:
                        method: NONE
                        note: log in as admin with the password in the Secret legacy-admin
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8))));

        assertThat(ModuleCard.login(catalog.find("legacy-ui").orElseThrow()))
                .isEqualTo("Login: no single sign-on. log in as admin with the password in the Secret legacy-admin");
    }
}
