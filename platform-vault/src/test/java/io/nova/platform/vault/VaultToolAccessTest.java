package io.nova.platform.vault;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.nova.platform.core.identity.OidcClientRequest;
import io.nova.platform.core.identity.ProvisioningReport;
import io.nova.platform.core.identity.TenantIdentity;
import io.nova.platform.vault.api.SpringVaultApi;
import io.nova.platform.vault.config.VaultConnection;
import io.nova.platform.vault.config.VaultProperties;
import io.nova.platform.vault.policy.NovaPolicies;
import io.nova.platform.vault.testing.VaultApiTestDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static io.nova.platform.vault.VaultTenantSecretsTest.TEAM_A;
import static io.nova.platform.vault.VaultTenantSecretsTest.writes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which pods of a tenant can read which secret: every tool has its own Kubernetes auth role bound to its own service
 * accounts, and its own policy that reads its own secret only. Vault here is the {@link VaultApiTestDouble}, a test
 * double that follows Vault's documented HTTP API (reference/vault-api): its Kubernetes login checks the service
 * account's name and namespace against the role's bounds (it does not verify the JWT's signature), and its ACL
 * follows Vault's path rules, so a refused login or read here is one that Vault refuses too.
 */
class VaultToolAccessTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private VaultApiTestDouble vault;
    private VaultConnection connection;
    private VaultTenantSecrets secrets;
    private SpringVaultApi root;

    @BeforeEach
    void start() {
        vault = VaultApiTestDouble.start();
        vault.enableKubernetesAuth();
        VaultProperties properties = VaultProperties.withToken(vault.uri().toString(), vault.rootToken())
                .withOidc(new VaultProperties.Oidc(null, List.of(), null, null));
        connection = VaultConnection.open(properties);
        root = new SpringVaultApi(connection.template(), properties.uri());
        secrets = new VaultTenantSecrets(root, properties);
    }

    @AfterEach
    void stop() {
        connection.close();
        vault.close();
    }

    @Test
    void a_tools_service_account_logs_in_to_the_tools_role_and_reads_that_tools_secret_only() throws Exception {
        secrets.provision(TEAM_A);

        String token = login("nova-team-a.jupyterhub", "ml-team-a", "hub");

        assertThat(read(token, "nova/data/tenants/team-a/oidc/jupyterhub")).isEqualTo(200);
        assertThat(read(token, "nova/data/tenants/team-a/oidc/mlflow")).as("a sibling tool's secret").isEqualTo(403);
        assertThat(list(token, "nova/metadata/tenants/team-a/oidc")).as("listing the tenant's secrets").isEqualTo(403);
        assertThat(read(token, "nova/data/tenants/team-b/oidc/jupyterhub")).isEqualTo(403);
        String mlflow = login("nova-team-a.mlflow", "ml-team-a", "mlflow");
        assertThat(read(mlflow, "nova/data/tenants/team-a/oidc/mlflow")).isEqualTo(200);
        assertThat(read(mlflow, "nova/data/tenants/team-a/oidc/jupyterhub")).isEqualTo(403);
    }

    @Test
    void other_service_accounts_of_the_namespace_cannot_log_in_to_a_tools_role() throws Exception {
        secrets.provision(TEAM_A);

        // a notebook pod runs as "default" (or JupyterHub's singleuser account); neither is the hub
        assertThat(loginStatus("nova-team-a.jupyterhub", "ml-team-a", "default")).isEqualTo(403);
        assertThat(loginStatus("nova-team-a.jupyterhub", "ml-team-a", "jupyterhub-singleuser")).isEqualTo(403);
        assertThat(loginStatus("nova-team-a.mlflow", "ml-team-a", "hub")).as("another tool's account").isEqualTo(403);
        assertThat(loginStatus("nova-team-a.jupyterhub", "ml-team-b", "hub")).as("another namespace").isEqualTo(403);
        assertThat(loginStatus("nova-team-a", "ml-team-a", "default")).as("no namespace-wide role").isEqualTo(400);
    }

    @Test
    void the_namespace_wide_role_and_tenant_wide_policy_of_earlier_versions_are_deleted_and_only_the_tenants() {
        for (String tenant : List.of("team-a", "team")) {
            root.write("auth/kubernetes/role/nova-" + tenant, Map.of("bound_service_account_names", List.of("*"),
                    "bound_service_account_namespaces", List.of("ml-" + tenant),
                    "token_policies", List.of("nova-tenant-" + tenant)));
            root.write("sys/policies/acl/nova-tenant-" + tenant, Map.of("policy",
                    "path \"nova/data/tenants/%s/*\" {\n  capabilities = [\"read\"]\n}\n".formatted(tenant)));
        }

        ProvisioningReport report = secrets.provision(TEAM_A);

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.actions()).endsWith("delete Kubernetes auth role nova-team-a",
                "delete ACL policy nova-tenant-team-a");
        assertThat(vault.stored("auth/kubernetes/role/nova-team-a")).isEmpty();
        assertThat(vault.stored("sys/policies/acl/nova-tenant-team-a")).isEmpty();
        assertThat(vault.stored("auth/kubernetes/role/nova-team")).as("tenant team's, until team is provisioned")
                .isPresent();
        assertThat(vault.stored("sys/policies/acl/nova-tenant-team")).isPresent();
        int before = vault.requests().size();
        assertThat(secrets.provision(TEAM_A).actions()).isEmpty();
        assertThat(writes(vault.requests().subList(before, vault.requests().size()))).isEmpty();
    }

    @Test
    void a_suspended_tenant_loses_its_roles_and_keeps_its_clients_and_secrets_until_it_is_resumed() throws Exception {
        secrets.provision(TEAM_A);
        Map<String, Object> secret = vault.stored("nova/data/tenants/team-a/oidc/mlflow").orElseThrow();

        ProvisioningReport suspended = secrets.provision(TEAM_A.suspend());

        assertThat(suspended.ok()).as(suspended.toString()).isTrue();
        assertThat(suspended.actions()).containsExactlyInAnyOrder("delete Kubernetes auth role nova-team-a.mlflow",
                "delete Kubernetes auth role nova-team-a.jupyterhub",
                "delete Kubernetes auth role nova-team-a._secret-store");
        assertThat(loginStatus("nova-team-a.mlflow", "ml-team-a", "mlflow")).isEqualTo(400);
        assertThat(vault.stored("nova/data/tenants/team-a/oidc/mlflow")).contains(secret);
        assertThat(vault.stored("identity/oidc/client/nova-team-a.mlflow")).isPresent();
        assertThat(vault.stored("sys/policies/acl/nova-tenant-team-a.mlflow")).isPresent();
        int before = vault.requests().size();
        assertThat(secrets.provision(TEAM_A.suspend()).actions()).isEmpty();
        assertThat(writes(vault.requests().subList(before, vault.requests().size()))).isEmpty();

        ProvisioningReport resumed = secrets.provision(TEAM_A);

        assertThat(resumed.actions()).containsExactly("create Kubernetes auth role nova-team-a.mlflow",
                "create Kubernetes auth role nova-team-a.jupyterhub",
                "create Kubernetes auth role nova-team-a._secret-store");
        assertThat(read(login("nova-team-a.mlflow", "ml-team-a", "mlflow"), "nova/data/tenants/team-a/oidc/mlflow"))
                .isEqualTo(200);
        assertThat(vault.stored("nova/data/tenants/team-a/oidc/mlflow")).contains(secret);
    }

    @Test
    void a_tool_without_service_accounts_gets_no_role_and_an_invalid_account_is_reported() {
        secrets.provision(TEAM_A);
        TenantIdentity noAccounts = new TenantIdentity("team-a", "ml-team-a", TEAM_A.ownerGroups(), List.of(
                new OidcClientRequest("mlflow", TEAM_A.clients().get(0).redirectUris(), List.of()),
                new OidcClientRequest("jupyterhub", TEAM_A.clients().get(1).redirectUris(), List.of("*"))));

        ProvisioningReport report = secrets.provision(noAccounts);

        assertThat(report.failures()).containsOnlyKeys("jupyterhub");
        assertThat(report.failures().get("jupyterhub")).contains("service account '*' of jupyterhub is not a valid");
        assertThat(vault.stored("auth/kubernetes/role/nova-team-a.mlflow")).isEmpty();
        assertThat(vault.stored("auth/kubernetes/role/nova-team-a.jupyterhub")).isEmpty();
        assertThat(vault.stored("sys/policies/acl/nova-tenant-team-a.mlflow")).isEmpty();
        assertThat(vault.stored("identity/oidc/client/nova-team-a.mlflow")).as("single sign-on itself stays").isPresent();
        assertThat(vault.stored("nova/data/tenants/team-a/oidc/mlflow")).isPresent();
    }

    @Test
    void the_secret_store_reads_the_tenants_credentials_and_oidc_secrets_and_nothing_of_another_tenant()
            throws Exception {
        TenantIdentity teamA = withCredentials(TEAM_A);
        TenantIdentity teamB = withCredentials(new TenantIdentity("team-b", "ml-team-b", List.of("team-b-admins"),
                List.of(new OidcClientRequest("mlflow", List.of("https://mlflow-team-b.nova.example.com/cb"),
                        List.of("mlflow")))));
        assertThat(secrets.provision(teamA).ok()).isTrue();
        assertThat(secrets.provision(teamB).ok()).isTrue();

        String store = login("nova-team-a._secret-store", "ml-team-a", "nova-secret-store");

        assertThat(read(store, "nova/data/tenants/team-a/credentials/mlflow-s3-credentials")).isEqualTo(200);
        assertThat(read(store, "nova/data/tenants/team-a/oidc/mlflow")).isEqualTo(200);
        assertThat(read(store, "nova/data/tenants/team-a/oidc/jupyterhub")).isEqualTo(200);
        assertThat(read(store, "nova/data/tenants/team-b/credentials/mlflow-s3-credentials")).isEqualTo(403);
        assertThat(read(store, "nova/data/tenants/team-b/oidc/mlflow")).isEqualTo(403);
        assertThat(list(store, "nova/metadata/tenants/team-a/credentials")).isEqualTo(403);
        assertThat(call("POST", "nova/data/tenants/team-a/credentials/mlflow-s3-credentials", store,
                Map.of("data", Map.of("AWS_ACCESS_KEY_ID", "X"))).statusCode()).isEqualTo(403);
        assertThat(loginStatus("nova-team-a._secret-store", "ml-team-a", "default")).isEqualTo(403);
        assertThat(loginStatus("nova-team-a._secret-store", "ml-team-b", "nova-secret-store")).isEqualTo(403);
        assertThat(loginStatus("nova-team-b._secret-store", "ml-team-a", "nova-secret-store")).isEqualTo(403);
    }

    @Test
    void the_secret_stores_role_and_policy_changed_by_hand_are_repaired() {
        secrets.provision(TEAM_A);
        vault.tamper("auth/kubernetes/role/nova-team-a._secret-store", Map.of("bound_service_account_names",
                List.of("*"), "bound_service_account_namespaces", List.of("*")));
        vault.tamper("sys/policies/acl/nova-tenant-team-a._secret-store",
                Map.of("policy", "path \"nova/data/tenants/*\" {\n  capabilities = [\"read\"]\n}\n"));

        ProvisioningReport report = secrets.provision(TEAM_A);

        assertThat(report.actions()).containsExactly("update ACL policy nova-tenant-team-a._secret-store",
                "update Kubernetes auth role nova-team-a._secret-store");
        assertThat(vault.stored("auth/kubernetes/role/nova-team-a._secret-store").orElseThrow())
                .containsEntry("bound_service_account_names", List.of("nova-secret-store"))
                .containsEntry("bound_service_account_namespaces", List.of("ml-team-a"))
                .containsEntry("token_policies", List.of("nova-tenant-team-a._secret-store"));
        assertThat(vault.stored("sys/policies/acl/nova-tenant-team-a._secret-store").orElseThrow().get("policy"))
                .isEqualTo(NovaPolicies.secretStore("team-a"));
    }

    @Test
    void a_suspended_tenant_has_no_secret_store_role_but_keeps_its_credentials() throws Exception {
        TenantIdentity teamA = withCredentials(TEAM_A);
        secrets.provision(teamA);
        Map<String, Object> credential = vault.stored("nova/data/tenants/team-a/credentials/mlflow-s3-credentials")
                .orElseThrow();

        secrets.provision(teamA.suspend());

        assertThat(vault.stored("auth/kubernetes/role/nova-team-a._secret-store")).isEmpty();
        assertThat(loginStatus("nova-team-a._secret-store", "ml-team-a", "nova-secret-store")).isEqualTo(400);
        assertThat(vault.stored("sys/policies/acl/nova-tenant-team-a._secret-store")).isPresent();
        assertThat(vault.stored("nova/data/tenants/team-a/credentials/mlflow-s3-credentials")).contains(credential);

        secrets.provision(teamA);

        String store = login("nova-team-a._secret-store", "ml-team-a", "nova-secret-store");
        assertThat(read(store, "nova/data/tenants/team-a/credentials/mlflow-s3-credentials")).isEqualTo(200);
    }

    @Test
    void the_secret_store_of_a_cluster_components_namespace_reads_that_components_client_only() throws Exception {
        assertThat(secrets.provision(withCredentials(TEAM_A)).ok()).isTrue();
        assertThat(secrets.provisionClusterTools(VaultClusterToolsTest.PROD).ok()).isTrue();

        String store = login("nova-cluster_prod.kube-prometheus-stack", "monitoring", "nova-secret-store");

        assertThat(read(store, "nova/data/clusters/prod/oidc/kube-prometheus-stack")).isEqualTo(200);
        assertThat(read(store, "nova/data/clusters/staging/oidc/kube-prometheus-stack")).isEqualTo(403);
        assertThat(read(store, "nova/data/tenants/team-a/oidc/mlflow")).isEqualTo(403);
        assertThat(read(store, "nova/data/tenants/team-a/credentials/mlflow-s3-credentials")).isEqualTo(403);
        assertThat(list(store, "nova/metadata/clusters/prod/oidc")).isEqualTo(403);
        assertThat(loginStatus("nova-cluster_prod.kube-prometheus-stack", "monitoring", "default")).isEqualTo(403);
        assertThat(loginStatus("nova-cluster_prod.kube-prometheus-stack", "ml-team-a", "nova-secret-store"))
                .as("a tenant namespace's secret store").isEqualTo(403);
    }

    @Test
    void fluxs_secret_store_reads_the_clusters_git_credentials_and_nothing_else() throws Exception {
        assertThat(secrets.provision(withCredentials(TEAM_A)).ok()).isTrue();
        root.write("nova/data/clusters/prod/git", Map.of("data", Map.of("username", "flux", "password", "t0ken")));
        assertThat(secrets.provisionClusterTools(new io.nova.platform.core.identity.ClusterToolIdentity("prod",
                List.of("platform-admins"), List.of(new io.nova.platform.core.identity.ClusterToolClient(
                "gitops", "flux-system", List.of(), List.of("clusters/prod/git")))))
                .ok()).isTrue();

        String store = login("nova-cluster_prod.gitops", "flux-system", "nova-secret-store");

        assertThat(read(store, "nova/data/clusters/prod/git")).isEqualTo(200);
        assertThat(read(store, "nova/data/clusters/prod/oidc/kube-prometheus-stack")).isEqualTo(403);
        assertThat(read(store, "nova/data/tenants/team-a/credentials/mlflow-s3-credentials")).isEqualTo(403);
        assertThat(loginStatus("nova-cluster_prod.gitops", "monitoring", "nova-secret-store")).isEqualTo(403);
    }

    private static TenantIdentity withCredentials(TenantIdentity tenant) {
        return new TenantIdentity(tenant.slug(), tenant.namespace(), tenant.ownerGroups(), tenant.clients(), false,
                List.of(VaultToolCredentialsTest.MLFLOW_S3));
    }

    // ---- helpers: what a pod (Vault Agent, CSI provider, webhook) sends

    private String login(String role, String namespace, String serviceAccount) throws Exception {
        var response = call("POST", "auth/kubernetes/login", null,
                Map.of("role", role, "jwt", serviceAccountJwt(namespace, serviceAccount)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<?, ?> auth = (Map<?, ?>) JSON.readValue(response.body(), Map.class).get("auth");
        return (String) auth.get("client_token");
    }

    private int loginStatus(String role, String namespace, String serviceAccount) throws Exception {
        return call("POST", "auth/kubernetes/login", null,
                Map.of("role", role, "jwt", serviceAccountJwt(namespace, serviceAccount))).statusCode();
    }

    private int read(String token, String path) throws Exception {
        return call("GET", path, token, null).statusCode();
    }

    private int list(String token, String path) throws Exception {
        return call("LIST", path, token, null).statusCode();
    }

    private HttpResponse<String> call(String method, String path, String token, Object body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(vault.uri() + "/v1/" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("X-Vault-Token", token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A projected service account token as the kubelet mounts it (unsigned: the double does not check it). */
    private static String serviceAccountJwt(String namespace, String name) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String claims = JSON.writeValueAsString(Map.of("iss", "https://kubernetes.default.svc",
                "sub", "system:serviceaccount:" + namespace + ":" + name,
                "kubernetes.io", Map.of("namespace", namespace,
                        "serviceaccount", Map.of("name", name, "uid", "uid-" + name))));
        return encoder.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }
}
