package io.nova.platform.vault;

import java.util.List;

import io.nova.platform.core.common.ConflictException;
import io.nova.platform.core.identity.OidcClientRequest;
import io.nova.platform.core.identity.ProvisioningReport;
import io.nova.platform.core.identity.TenantIdentity;
import io.nova.platform.vault.config.VaultProperties;
import org.junit.jupiter.api.Test;

import static io.nova.platform.vault.VaultToolCredentialsTest.MLFLOW_S3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnconfiguredTenantSecretsTest {

    private static final TenantIdentity TEAM_A = new TenantIdentity("team-a", "team-a", List.of("team-a-admins"),
            List.of(new OidcClientRequest("mlflow", List.of("https://mlflow-team-a.nova.localhost/oauth2/callback"),
                    List.of("mlflow"))), false, List.of(MLFLOW_S3));

    private final UnconfiguredTenantSecrets secrets = new UnconfiguredTenantSecrets(VaultProperties.unconfigured()
            .withOidc(new VaultProperties.Oidc(null, List.of("https://nova.localhost/login/oauth2/code/nova"),
                    null, null)));

    @Test
    void it_says_vault_is_not_configured() {
        assertThat(secrets.configured()).isFalse();
    }

    @Test
    void a_plan_lists_everything_a_first_provisioning_would_create() {
        ProvisioningReport plan = secrets.plan(TEAM_A);

        assertThat(plan.error()).isNull();
        assertThat(plan.actions()).containsExactly(
                "create KV v2 mount nova",
                "create OIDC key nova",
                "create OIDC scope groups",
                "create OIDC provider nova",
                "create ACL policy nova-admin",
                "create OIDC client nova-console",
                "create identity group team-a-admins",
                "create OIDC assignment nova-team-a",
                "create OIDC client nova-team-a.mlflow",
                "write KV secret nova/tenants/team-a/oidc/mlflow",
                "create ACL policy nova-tenant-team-a.mlflow",
                "create Kubernetes auth role nova-team-a.mlflow",
                "create generated credential mlflow-s3-credentials (keys AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)",
                "create ACL policy nova-tenant-team-a._secret-store",
                "create Kubernetes auth role nova-team-a._secret-store");
    }

    @Test
    void provisioning_and_removal_change_nothing_and_say_why() {
        assertThat(secrets.provision(TEAM_A).error()).contains("Vault is not configured");
        assertThat(secrets.provision(TEAM_A).actions()).isEmpty();
        assertThat(secrets.remove("team-a").error()).contains("Vault is not configured");
        assertThatThrownBy(() -> secrets.rotateClientSecret("team-a", "mlflow"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("Vault is not configured");
        assertThatThrownBy(() -> secrets.rotateCredential("team-a", MLFLOW_S3))
                .isInstanceOf(ConflictException.class).hasMessageContaining("Vault is not configured");
    }
}
