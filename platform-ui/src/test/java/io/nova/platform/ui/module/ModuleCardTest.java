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
    void a_tool_without_single_sign_on_says_why_and_how_to_log_in() {
        assertThat(ModuleCard.login(catalog.find("kube-prometheus-stack").orElseThrow()))
                .startsWith("Login: no single sign-on. ").contains("kube-prometheus-stack-grafana");
        assertThat(ModuleCard.login(catalog.find("neuvector").orElseThrow()))
                .startsWith("Login: no single sign-on. ").contains("bootstrap password");
    }
}
