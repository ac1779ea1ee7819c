package io.nova.platform.vault.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.nova.platform.core.identity.OidcClientRequest;
import io.nova.platform.core.identity.ProvisioningReport;
import io.nova.platform.core.identity.TenantIdentity;
import io.nova.platform.vault.VaultTenantSecrets;
import io.nova.platform.vault.api.SpringVaultApi;
import io.nova.platform.vault.config.VaultProperties.AppRole;
import io.nova.platform.vault.config.VaultProperties.AuthenticationMethod;
import io.nova.platform.vault.config.VaultProperties.Kubernetes;
import io.nova.platform.vault.testing.VaultApiTestDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The platform logs in with AppRole or as a Kubernetes service account and then provisions with that token. */
class VaultLoginTest {

    private static final TenantIdentity TEAM_A = new TenantIdentity("team-a", "ml-team-a", List.of("team-a-admins"),
            List.of(new OidcClientRequest("mlflow", List.of("https://mlflow-team-a.nova.example.com/oauth2/callback"),
                    List.of("mlflow"))));

    @TempDir
    Path dir;
    private VaultApiTestDouble vault;
    private VaultConnection root;

    @BeforeEach
    void start() throws Exception {
        vault = VaultApiTestDouble.start();
        vault.enableKubernetesAuth();
        root = VaultConnection.open(VaultProperties.withToken(vault.uri().toString(), vault.rootToken()));
        String policy = new String(getClass().getResourceAsStream("/nova-platform-vault-policy.hcl").readAllBytes(),
                StandardCharsets.UTF_8);
        api(root).write("sys/policies/acl/nova_platform", Map.of("policy", policy));
    }

    @AfterEach
    void stop() {
        root.close();
        vault.close();
    }

    @Test
    void the_platform_logs_in_with_approle_reading_the_secret_id_from_a_file() throws Exception {
        vault.enableAppRole("nova-role-id", "nova-secret-id", "nova_platform");
        Path secretIdFile = Files.writeString(dir.resolve("secret-id"), "nova-secret-id\n");
        VaultProperties properties = base().withAuthentication(AuthenticationMethod.APPROLE,
                new AppRole("nova-role-id", null, secretIdFile), null);

        ProvisioningReport report = provision(properties);

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(vault.requests()).contains("POST /v1/auth/approle/login");
        assertThat(vault.stored("nova/data/tenants/team-a/oidc/mlflow")).isPresent();
    }

    @Test
    void a_wrong_approle_secret_id_is_a_clear_error_in_the_report() {
        vault.enableAppRole("nova-role-id", "nova-secret-id", "nova_platform");
        VaultProperties properties = base().withAuthentication(AuthenticationMethod.APPROLE,
                new AppRole("nova-role-id", "wrong-secret-id", null), null);

        ProvisioningReport report = provision(properties);

        assertThat(report.error()).startsWith("The platform could not log in to Vault at " + vault.uri())
                .doesNotContain("wrong-secret-id");
    }

    @Test
    void the_platform_logs_in_as_its_kubernetes_service_account() throws Exception {
        api(root).write("auth/kubernetes/role/nova_platform", Map.of(
                "bound_service_account_names", List.of("nova-platform"),
                "bound_service_account_namespaces", List.of("nova-system"),
                "token_policies", List.of("nova_platform")));
        Path token = Files.writeString(dir.resolve("token"), serviceAccountJwt("nova-system", "nova-platform"));
        VaultProperties properties = base().withAuthentication(AuthenticationMethod.KUBERNETES, null,
                new Kubernetes("nova_platform", token, null));

        ProvisioningReport report = provision(properties);

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(vault.requests()).contains("POST /v1/auth/kubernetes/login");
        assertThat(vault.stored("auth/kubernetes/role/nova-team-a.mlflow")).isPresent();
    }

    @Test
    void a_service_account_outside_the_bound_namespace_cannot_log_in() throws Exception {
        api(root).write("auth/kubernetes/role/nova_platform", Map.of(
                "bound_service_account_names", List.of("nova-platform"),
                "bound_service_account_namespaces", List.of("nova-system"),
                "token_policies", List.of("nova_platform")));
        Path token = Files.writeString(dir.resolve("token"), serviceAccountJwt("team-a", "nova-platform"));
        VaultProperties properties = base().withAuthentication(AuthenticationMethod.KUBERNETES, null,
                new Kubernetes("nova_platform", token, null));

        ProvisioningReport report = provision(properties);

        assertThat(report.error()).isNotNull().contains("Vault");
        assertThat(vault.stored("sys/mounts/nova")).isEmpty();
    }

    private ProvisioningReport provision(VaultProperties properties) {
        try (VaultConnection connection = VaultConnection.open(properties)) {
            return new VaultTenantSecrets(api(connection), properties).provision(TEAM_A);
        }
    }

    private VaultProperties base() {
        return VaultProperties.withToken(vault.uri().toString(), null);
    }

    private SpringVaultApi api(VaultConnection connection) {
        return new SpringVaultApi(connection.template(), vault.uri().toString());
    }

    /** An unsigned token with the claims of a projected service account token (the double never checks signatures). */
    private static String serviceAccountJwt(String namespace, String name) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = encoder.encodeToString(("{\"iss\":\"https://kubernetes.default.svc\",\"sub\":\"system:"
                + "serviceaccount:" + namespace + ":" + name + "\",\"kubernetes.io\":{\"namespace\":\"" + namespace
                + "\",\"serviceaccount\":{\"name\":\"" + name + "\",\"uid\":\"5f0c6b1e-0000-4000-8000-000000000001\"}}}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".c2lnbmF0dXJl";
    }
}
