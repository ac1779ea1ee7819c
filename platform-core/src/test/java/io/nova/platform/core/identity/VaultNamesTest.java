package io.nova.platform.core.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VaultNamesTest {

    @Test
    void tool_roles_and_policies_of_tenants_whose_slugs_share_a_prefix_never_share_a_name() {
        // "team" + "a-b" and "team-a" + "b" would both be "nova-team-a-b" with '-' between tenant and module.
        assertThat(VaultNames.kubernetesRole("team", "a-b")).isEqualTo("nova-team.a-b")
                .isNotEqualTo(VaultNames.kubernetesRole("team-a", "b"));
        assertThat(VaultNames.toolPolicy("team", "a-b")).isEqualTo("nova-tenant-team.a-b")
                .isNotEqualTo(VaultNames.toolPolicy("team-a", "b"));
    }

    @Test
    void a_tenants_prefix_matches_its_own_tools_and_no_other_tenants() {
        assertThat(VaultNames.kubernetesRole("team-a", "mlflow")).startsWith(VaultNames.kubernetesRolePrefix("team-a"))
                .doesNotStartWith(VaultNames.kubernetesRolePrefix("team"));
        assertThat(VaultNames.toolPolicy("team-a", "mlflow")).startsWith(VaultNames.toolPolicyPrefix("team-a"))
                .doesNotStartWith(VaultNames.toolPolicyPrefix("team"));
        assertThat(VaultNames.legacyKubernetesRole("team")).doesNotStartWith(VaultNames.kubernetesRolePrefix("team"));
        assertThat(VaultNames.legacyTenantPolicy("team")).doesNotStartWith(VaultNames.toolPolicyPrefix("team"));
    }
}
