package io.nova.platform.vault;

import java.util.List;
import java.util.Map;

import io.nova.platform.core.identity.ClusterToolClient;
import io.nova.platform.core.identity.ClusterToolIdentity;
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

import static io.nova.platform.vault.VaultTenantSecretsTest.writes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OIDC clients of a cluster's own web UIs (Grafana), provisioned through the Vault-backed port with a real Spring
 * Vault template against the {@link VaultApiTestDouble} (a test double that follows Vault's documented HTTP API).
 */
class VaultClusterToolsTest {

    static final String GRAFANA_CALLBACK = "https://grafana-prod.nova.example.com/login/generic_oauth";
    static final ClusterToolIdentity PROD = new ClusterToolIdentity("prod", List.of("platform-admins",
            "platform-viewers"), List.of(new ClusterToolClient("kube-prometheus-stack", "monitoring",
            List.of(GRAFANA_CALLBACK))));

    private VaultApiTestDouble vault;
    private VaultConnection connection;
    private VaultTenantSecrets secrets;

    @BeforeEach
    void start() {
        vault = VaultApiTestDouble.start();
        vault.enableKubernetesAuth();
        VaultProperties properties = VaultProperties.withToken(vault.uri().toString(), vault.rootToken())
                .withOidc(new VaultProperties.Oidc("https://vault.example.com", List.of(), null, null));
        connection = VaultConnection.open(properties);
        secrets = new VaultTenantSecrets(new SpringVaultApi(connection.template(), properties.uri()), properties);
    }

    @AfterEach
    void stop() {
        connection.close();
        vault.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_cluster_ui_gets_a_client_for_the_platforms_groups_with_its_exact_redirect_uri() {
        ProvisioningReport report = secrets.provisionClusterTools(PROD);

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.tenant()).isEqualTo("prod");
        Map<String, Object> client = vault.stored("identity/oidc/client/nova-cluster_prod.kube-prometheus-stack").orElseThrow();
        assertThat(client.get("redirect_uris")).isEqualTo(List.of(GRAFANA_CALLBACK));
        assertThat(client.get("assignments")).isEqualTo(List.of("nova-cluster_prod"));
        Map<String, Object> assignment = vault.stored("identity/oidc/assignment/nova-cluster_prod").orElseThrow();
        assertThat((List<Object>) assignment.get("group_ids")).containsExactlyInAnyOrder(
                groupId("platform-admins"), groupId("platform-viewers"));
        Map<String, Object> secret = vault.stored("nova/data/clusters/prod/oidc/kube-prometheus-stack").orElseThrow();
        assertThat(secret).containsEntry("client_id", client.get("client_id"))
                .containsEntry("client_secret", client.get("client_secret"));
        assertThat(vault.stored("sys/policies/acl/nova-cluster_prod.kube-prometheus-stack").orElseThrow().get("policy"))
                .isEqualTo(NovaPolicies.clusterTool("prod", "kube-prometheus-stack",
                        List.of("clusters/prod/oidc/kube-prometheus-stack")));
        assertThat(vault.stored("auth/kubernetes/role/nova-cluster_prod.kube-prometheus-stack").orElseThrow())
                .containsEntry("bound_service_account_names", List.of("nova-secret-store"))
                .containsEntry("bound_service_account_namespaces", List.of("monitoring"))
                .containsEntry("token_policies", List.of("nova-cluster_prod.kube-prometheus-stack"));
    }

    @Test
    void provisioning_again_writes_nothing_and_a_plan_of_the_same_lists_nothing() {
        secrets.provisionClusterTools(PROD);
        int before = vault.requests().size();

        assertThat(secrets.provisionClusterTools(PROD).actions()).isEmpty();
        assertThat(secrets.planClusterTools(PROD).actions()).isEmpty();
        assertThat(writes(vault.requests().subList(before, vault.requests().size()))).isEmpty();
    }

    @Test
    void a_plan_lists_what_a_first_provisioning_creates_and_writes_nothing() {
        ProvisioningReport plan = secrets.planClusterTools(PROD);

        assertThat(plan.actions()).contains("create OIDC client nova-cluster_prod.kube-prometheus-stack",
                "create OIDC assignment nova-cluster_prod", "create ACL policy nova-cluster_prod.kube-prometheus-stack",
                "create Kubernetes auth role nova-cluster_prod.kube-prometheus-stack");
        assertThat(vault.stored("identity/oidc/client/nova-cluster_prod.kube-prometheus-stack")).isEmpty();
    }

    @Test
    void switching_the_ui_off_removes_its_client_secret_policy_role_and_the_assignment() {
        secrets.provisionClusterTools(PROD);

        ProvisioningReport report = secrets.provisionClusterTools(new ClusterToolIdentity("prod", PROD.groups(),
                List.of()));

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(vault.stored("identity/oidc/client/nova-cluster_prod.kube-prometheus-stack")).isEmpty();
        assertThat(vault.stored("nova/data/clusters/prod/oidc/kube-prometheus-stack")).isEmpty();
        assertThat(vault.stored("sys/policies/acl/nova-cluster_prod.kube-prometheus-stack")).isEmpty();
        assertThat(vault.stored("auth/kubernetes/role/nova-cluster_prod.kube-prometheus-stack")).isEmpty();
        assertThat(vault.stored("identity/oidc/assignment/nova-cluster_prod")).isEmpty();
    }

    @Test
    void another_clusters_ui_and_the_tenants_are_left_alone() {
        secrets.provisionClusterTools(PROD);
        var nova = new TenantIdentity("nova", "ml-nova", List.of("nova-admins"), List.of(new OidcClientRequest(
                "mlflow", List.of("https://mlflow-nova.nova.example.com/callback"), List.of("mlflow"))));
        secrets.provision(nova);

        secrets.provisionClusterTools(new ClusterToolIdentity("staging", PROD.groups(), List.of()));
        secrets.remove("nova");

        assertThat(vault.stored("identity/oidc/client/nova-cluster_prod.kube-prometheus-stack")).isPresent();
        assertThat(vault.stored("auth/kubernetes/role/nova-cluster_prod.kube-prometheus-stack")).isPresent();
        assertThat(vault.stored("sys/policies/acl/nova-cluster_prod.kube-prometheus-stack")).isPresent();
        assertThat(vault.stored("identity/oidc/assignment/nova-cluster_prod")).isPresent();
        assertThat(vault.stored("nova/data/clusters/prod/oidc/kube-prometheus-stack")).isPresent();
    }

    @Test
    void an_invalid_cluster_or_namespace_name_changes_nothing_and_says_why() {
        ProvisioningReport report = secrets.provisionClusterTools(new ClusterToolIdentity("prod", PROD.groups(),
                List.of(new ClusterToolClient("kube-prometheus-stack", "../monitoring", List.of(GRAFANA_CALLBACK)))));

        assertThat(report.error()).contains("namespace '../monitoring'");
        assertThat(writes(vault.requests())).isEmpty();
    }

    @Test
    void fluxs_namespace_reads_the_private_repositorys_credentials_and_loses_that_when_they_go() {
        var withGit = new ClusterToolIdentity("prod", PROD.groups(), List.of(PROD.clients().getFirst(),
                new ClusterToolClient(ClusterToolClient.GITOPS, "flux-system", List.of(), List.of("clusters/prod/git"))));

        ProvisioningReport report = secrets.provisionClusterTools(withGit);

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(vault.stored("sys/policies/acl/nova-cluster_prod.gitops").orElseThrow().get("policy"))
                .isEqualTo(NovaPolicies.clusterTool("prod", "gitops", List.of("clusters/prod/git")));
        assertThat(vault.stored("auth/kubernetes/role/nova-cluster_prod.gitops").orElseThrow())
                .containsEntry("bound_service_account_names", List.of("nova-secret-store"))
                .containsEntry("bound_service_account_namespaces", List.of("flux-system"));
        assertThat(vault.stored("identity/oidc/client/nova-cluster_prod.gitops")).as("no login").isEmpty();

        assertThat(secrets.provisionClusterTools(PROD).ok()).isTrue();
        assertThat(vault.stored("auth/kubernetes/role/nova-cluster_prod.gitops")).isEmpty();
        assertThat(vault.stored("sys/policies/acl/nova-cluster_prod.gitops")).isEmpty();
        assertThat(vault.stored("auth/kubernetes/role/nova-cluster_prod.kube-prometheus-stack")).isPresent();
    }

    @Test
    void a_path_outside_the_clusters_own_is_refused() {
        var elsewhere = new ClusterToolIdentity("prod", PROD.groups(), List.of(new ClusterToolClient(
                ClusterToolClient.GITOPS, "flux-system", List.of(), List.of("tenants/team-a/credentials/x"))));

        ProvisioningReport report = secrets.provisionClusterTools(elsewhere);

        assertThat(report.failures()).containsKey(ClusterToolClient.GITOPS);
        assertThat(vault.stored("sys/policies/acl/nova-cluster_prod.gitops")).isEmpty();
    }

    private String groupId(String name) {
        return (String) vault.stored("identity/group/name/" + name).orElseThrow().get("id");
    }
}
