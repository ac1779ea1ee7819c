package io.nova.platform.vault;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.nova.platform.core.identity.OidcClientRequest;
import io.nova.platform.core.identity.ProvisioningReport;
import io.nova.platform.core.identity.TenantIdentity;
import io.nova.platform.vault.api.SpringVaultApi;
import io.nova.platform.vault.config.VaultConnection;
import io.nova.platform.vault.config.VaultProperties;
import io.nova.platform.vault.testing.VaultApiTestDouble;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsStayOutOfReportsAndLogsTest {

    @Test
    void no_client_secret_generated_credential_or_token_appears_in_any_report_or_log_line() {
        List<ProvisioningReport> reports = new ArrayList<>();
        Set<String> secrets = new HashSet<>();
        List<String> lines;
        try (LogCapture logs = LogCapture.capture(); VaultApiTestDouble vault = VaultApiTestDouble.start()) {
            vault.enableKubernetesAuth();
            String token = vault.createToken("root");
            secrets.add(token);
            VaultProperties properties = VaultProperties.withToken(vault.uri().toString(), token)
                    .withOidc(new VaultProperties.Oidc(null, List.of("https://nova.example.com/cb"), null, null));
            TenantIdentity tenant = new TenantIdentity("team-a", "team-a", List.of("team-a-admins"), List.of(
                    new OidcClientRequest("mlflow", List.of("https://mlflow.example.com/oauth2/callback"),
                            List.of("mlflow")),
                    new OidcClientRequest("airflow", List.of("https://airflow.example.com/cb"),
                            List.of("airflow-webserver"))), false, List.of(VaultToolCredentialsTest.MLFLOW_S3,
                    VaultToolCredentialsTest.AIRFLOW_FERNET, VaultToolCredentialsTest.METADATA_DB));
            try (VaultConnection connection = VaultConnection.open(properties)) {
                var tenantSecrets = new VaultTenantSecrets(new SpringVaultApi(connection.template(),
                        properties.uri()), properties);
                reports.add(tenantSecrets.plan(tenant));
                reports.add(tenantSecrets.provision(tenant));
                vault.tamper("identity/oidc/client/nova-team-a.mlflow", Map.of("redirect_uris", List.of()));
                vault.tamper("nova/data/tenants/team-a/oidc/airflow", Map.of("client_secret", "x"));
                reports.add(tenantSecrets.provision(tenant));
                credentialValues(vault, secrets);
                vault.tamper("nova/data/tenants/team-a/credentials/airflow-metadata", Map.of("connection", "x"));
                reports.add(tenantSecrets.provision(tenant));
                tenantSecrets.rotateCredential("team-a", VaultToolCredentialsTest.METADATA_DB);
                credentialValues(vault, secrets);
                tenantSecrets.rotateClientSecret("team-a", "mlflow");
                reports.add(tenantSecrets.provision(new TenantIdentity("team-a", "team-a", List.of(),
                        List.of(tenant.clients().getFirst()))));
                vault.seal();
                reports.add(tenantSecrets.provision(tenant));
                vault.unseal();
                reports.add(tenantSecrets.remove("team-a"));
                vault.stop();
                reports.add(tenantSecrets.provision(tenant));
            }
            secrets.addAll(vault.allSecretValues());
            lines = logs.lines();
        }

        assertThat(secrets).hasSizeGreaterThan(14);
        assertThat(lines).isNotEmpty();
        for (String secret : secrets) {
            assertThat(reports).allSatisfy(report -> assertThat(report.toString()).doesNotContain(secret));
            assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(secret));
        }
    }

    /** The generated values of the credentials Vault holds now, but no fixed value (a user name is no secret). */
    private static void credentialValues(VaultApiTestDouble vault, Set<String> secrets) {
        for (String secret : List.of("mlflow-s3-credentials", "airflow-fernet-key", "airflow-metadata")) {
            Map<String, Object> values = vault.stored("nova/data/tenants/team-a/credentials/" + secret).orElseThrow();
            values.forEach((key, value) -> {
                if (!key.equals("user")) {
                    secrets.add(String.valueOf(value));
                }
            });
        }
    }
}
