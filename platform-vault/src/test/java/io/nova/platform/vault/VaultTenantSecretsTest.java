package io.nova.platform.vault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.identity.OidcClientRequest;
import io.nova.platform.core.identity.ProvisioningReport;
import io.nova.platform.core.identity.TenantIdentity;
import io.nova.platform.vault.api.SpringVaultApi;
import io.nova.platform.vault.api.VaultApi;
import io.nova.platform.vault.api.VaultApiException;
import io.nova.platform.vault.config.VaultConnection;
import io.nova.platform.vault.config.VaultProperties;
import io.nova.platform.vault.policy.NovaPolicies;
import io.nova.platform.vault.testing.VaultApiTestDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Vault-backed port, running with a real Spring Vault template against the Vault API test double. */
class VaultTenantSecretsTest {

    static final String CONSOLE = "https://nova.example.com/login/oauth2/code/nova";
    static final String MLFLOW = "https://mlflow-team-a.nova.example.com/oauth2/callback";
    static final String JUPYTER = "https://jupyterhub-team-a.nova.example.com/hub/oauth_callback";
    static final TenantIdentity TEAM_A = new TenantIdentity("team-a", "ml-team-a", List.of("team-a-admins", "ml-leads"),
            List.of(new OidcClientRequest("mlflow", List.of(MLFLOW), List.of("mlflow")),
                    new OidcClientRequest("jupyterhub", List.of(JUPYTER), List.of("hub"))));

    private final TestClock clock = new TestClock();
    private VaultApiTestDouble vault;
    private VaultConnection connection;
    private VaultTenantSecrets secrets;

    @BeforeEach
    void start() {
        vault = VaultApiTestDouble.start();
        vault.enableKubernetesAuth();
        secrets = secretsWithToken(vault.rootToken(), "https://vault.example.com");
    }

    @AfterEach
    void stop() {
        connection.close();
        vault.close();
    }

    @Test
    void the_console_client_is_created_on_demand_and_its_credentials_read_back() {
        var first = secrets.consoleClient().orElseThrow();

        Map<String, Object> stored = stored("identity/oidc/client/nova-console");
        assertThat(first.clientId()).isEqualTo(stored.get("client_id"));
        assertThat(first.clientSecret()).isEqualTo(stored.get("client_secret"));
        assertThat(stored.get("redirect_uris")).asString().contains(CONSOLE);
        assertThat(first.toString()).doesNotContain(first.clientSecret());

        long writes = vault.requests().stream().filter(r -> !r.startsWith("GET ") && !r.startsWith("LIST ")).count();
        assertThat(secrets.consoleClient()).contains(first);
        assertThat(vault.requests().stream().filter(r -> !r.startsWith("GET ") && !r.startsWith("LIST ")).count())
                .as("asking again writes nothing").isEqualTo(writes);
    }

    @Test
    void without_console_redirect_uris_the_platform_keeps_no_console_client() {
        connection.close();
        var properties = VaultProperties.withToken(vault.uri().toString(), vault.rootToken())
                .withOidc(new VaultProperties.Oidc("https://vault.example.com", List.of(), null, null));
        connection = VaultConnection.open(properties);
        var withoutConsole = new VaultTenantSecrets(new SpringVaultApi(connection.template(), properties.uri()),
                properties, clock);
        assertThat(withoutConsole.consoleClient()).isEmpty();
        assertThat(vault.stored("identity/oidc/client/nova-console")).isEmpty();
    }

    @Test
    void the_first_provisioning_creates_everything_the_tenant_and_the_platform_need() {
        ProvisioningReport report = secrets.provision(TEAM_A);

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.actions()).containsExactly(
                "create KV v2 mount nova",
                "create OIDC key nova",
                "create OIDC scope groups",
                "create OIDC provider nova",
                "create ACL policy nova-admin",
                "create OIDC client nova-console",
                "create identity group team-a-admins",
                "create identity group ml-leads",
                "create OIDC assignment nova-team-a",
                "create OIDC client nova-team-a.mlflow",
                "write KV secret nova/tenants/team-a/oidc/mlflow",
                "create ACL policy nova-tenant-team-a.mlflow",
                "create Kubernetes auth role nova-team-a.mlflow",
                "create OIDC client nova-team-a.jupyterhub",
                "write KV secret nova/tenants/team-a/oidc/jupyterhub",
                "create ACL policy nova-tenant-team-a.jupyterhub",
                "create Kubernetes auth role nova-team-a.jupyterhub",
                "create ACL policy nova-tenant-team-a._secret-store",
                "create Kubernetes auth role nova-team-a._secret-store");

        assertThat(stored("sys/mounts/nova")).containsEntry("type", "kv");
        assertThat(stored("sys/mounts/nova").get("options")).isEqualTo(Map.of("version", "2"));
        assertThat(stored("identity/oidc/key/nova").get("allowed_client_ids")).isEqualTo(List.of("*"));
        assertThat(stored("identity/oidc/scope/groups"))
                .containsEntry("template", "{\"groups\": {{identity.entity.groups.names}}}");
        assertThat(stored("identity/oidc/provider/nova"))
                .containsEntry("issuer", "https://vault.example.com")
                .containsEntry("allowed_client_ids", List.of("*"))
                .containsEntry("scopes_supported", List.of("groups"));
        assertThat(stored("sys/policies/acl/nova-admin")).containsEntry("policy", NovaPolicies.admin());
        assertThat(stored("identity/oidc/client/nova-console"))
                .containsEntry("redirect_uris", List.of(CONSOLE))
                .containsEntry("assignments", List.of("allow_all"))
                .containsEntry("key", "nova");

        String adminsId = (String) stored("identity/group/name/team-a-admins").get("id");
        String leadsId = (String) stored("identity/group/name/ml-leads").get("id");
        assertThat(stored("identity/oidc/assignment/nova-team-a"))
                .containsEntry("group_ids", List.of(adminsId, leadsId))
                .containsEntry("entity_ids", List.of());
        assertThat(stored("sys/policies/acl/nova-tenant-team-a.mlflow"))
                .containsEntry("policy", NovaPolicies.tool("team-a", "mlflow"));
        assertThat(NovaPolicies.tool("team-a", "mlflow")).isEqualTo("""
                # Managed by Nova Platform: tool mlflow of tenant team-a may read its own OIDC client credentials only.
                path "nova/data/tenants/team-a/oidc/mlflow" {
                  capabilities = ["read"]
                }
                """);
        assertThat(stored("auth/kubernetes/role/nova-team-a.mlflow"))
                .containsEntry("bound_service_account_names", List.of("mlflow"))
                .containsEntry("bound_service_account_namespaces", List.of("ml-team-a"))
                .containsEntry("token_policies", List.of("nova-tenant-team-a.mlflow"))
                .containsEntry("token_ttl", "1h");
        assertThat(stored("auth/kubernetes/role/nova-team-a.jupyterhub"))
                .containsEntry("bound_service_account_names", List.of("hub"))
                .containsEntry("token_policies", List.of("nova-tenant-team-a.jupyterhub"));

        Map<String, Object> mlflow = stored("identity/oidc/client/nova-team-a.mlflow");
        assertThat(mlflow)
                .containsEntry("key", "nova")
                .containsEntry("client_type", "confidential")
                .containsEntry("redirect_uris", List.of(MLFLOW))
                .containsEntry("assignments", List.of("nova-team-a"))
                .containsEntry("id_token_ttl", 900L)
                .containsEntry("access_token_ttl", 1800L);
        assertThat(stored("nova/data/tenants/team-a/oidc/mlflow")).isEqualTo(Map.of(
                "client_id", mlflow.get("client_id"), "client_secret", mlflow.get("client_secret")));
        Map<String, Object> jupyter = stored("identity/oidc/client/nova-team-a.jupyterhub");
        assertThat(jupyter).containsEntry("redirect_uris", List.of(JUPYTER));
        assertThat(stored("nova/data/tenants/team-a/oidc/jupyterhub")).isEqualTo(Map.of(
                "client_id", jupyter.get("client_id"), "client_secret", jupyter.get("client_secret")));
    }

    @Test
    void a_second_provisioning_writes_nothing() {
        secrets.provision(TEAM_A);
        int before = vault.requests().size();

        ProvisioningReport second = secrets.provision(TEAM_A);

        assertThat(second.ok()).isTrue();
        assertThat(second.actions()).isEmpty();
        assertThat(writes(vault.requests().subList(before, vault.requests().size()))).isEmpty();
        assertThat(stored("nova/metadata/tenants/team-a/oidc/mlflow")).containsEntry("current_version", 1);
    }

    @Test
    void a_client_changed_by_hand_is_repaired_without_a_new_secret() {
        secrets.provision(TEAM_A);
        Map<String, Object> kvBefore = stored("nova/data/tenants/team-a/oidc/mlflow");
        vault.tamper("identity/oidc/client/nova-team-a.mlflow", Map.of(
                "redirect_uris", List.of("https://attacker.example.com/callback"), "assignments", List.of("allow_all")));

        ProvisioningReport report = secrets.provision(TEAM_A);

        assertThat(report.actions()).containsExactly("update OIDC client nova-team-a.mlflow");
        assertThat(stored("identity/oidc/client/nova-team-a.mlflow"))
                .containsEntry("redirect_uris", List.of(MLFLOW))
                .containsEntry("assignments", List.of("nova-team-a"));
        assertThat(stored("nova/data/tenants/team-a/oidc/mlflow")).isEqualTo(kvBefore);
        assertThat(stored("nova/metadata/tenants/team-a/oidc/mlflow")).containsEntry("current_version", 1);
    }

    @Test
    void a_client_deleted_by_hand_is_created_again_and_its_new_credentials_go_to_kv() {
        secrets.provision(TEAM_A);
        Map<String, Object> kvBefore = stored("nova/data/tenants/team-a/oidc/mlflow");
        vault.remove("identity/oidc/client/nova-team-a.mlflow");

        ProvisioningReport report = secrets.provision(TEAM_A);

        assertThat(report.actions()).containsExactly("create OIDC client nova-team-a.mlflow",
                "write KV secret nova/tenants/team-a/oidc/mlflow");
        Map<String, Object> client = stored("identity/oidc/client/nova-team-a.mlflow");
        Map<String, Object> kvAfter = stored("nova/data/tenants/team-a/oidc/mlflow");
        assertThat(kvAfter).isNotEqualTo(kvBefore).isEqualTo(Map.of(
                "client_id", client.get("client_id"), "client_secret", client.get("client_secret")));
    }

    @Test
    void other_objects_changed_by_hand_are_repaired_too() {
        secrets.provision(TEAM_A);
        vault.tamper("identity/oidc/assignment/nova-team-a", Map.of("group_ids", List.of("someone-else")));
        vault.tamper("auth/kubernetes/role/nova-team-a.mlflow", Map.of("bound_service_account_namespaces",
                List.of("kube-system")));
        vault.tamper("auth/kubernetes/role/nova-team-a.jupyterhub", Map.of("bound_service_account_names",
                List.of("*")));
        vault.tamper("sys/policies/acl/nova-tenant-team-a.mlflow",
                Map.of("policy", "path \"*\" { capabilities = [\"sudo\"] }"));
        vault.tamper("nova/data/tenants/team-a/oidc/mlflow", Map.of("client_secret", "guessed"));

        ProvisioningReport report = secrets.provision(TEAM_A);

        assertThat(report.actions()).containsExactly("update OIDC assignment nova-team-a",
                "write KV secret nova/tenants/team-a/oidc/mlflow", "update ACL policy nova-tenant-team-a.mlflow",
                "update Kubernetes auth role nova-team-a.mlflow", "update Kubernetes auth role nova-team-a.jupyterhub");
        assertThat(stored("auth/kubernetes/role/nova-team-a.mlflow").get("bound_service_account_namespaces"))
                .isEqualTo(List.of("ml-team-a"));
        assertThat(stored("auth/kubernetes/role/nova-team-a.jupyterhub").get("bound_service_account_names"))
                .isEqualTo(List.of("hub"));
        assertThat(stored("nova/data/tenants/team-a/oidc/mlflow").get("client_secret"))
                .isEqualTo(stored("identity/oidc/client/nova-team-a.mlflow").get("client_secret"));
        assertThat(secrets.provision(TEAM_A).actions()).isEmpty();
    }

    @Test
    void platform_objects_are_verified_once_per_process_and_again_after_the_recheck_interval() {
        secrets.provision(TEAM_A);
        vault.tamper("identity/oidc/provider/nova", Map.of("allowed_client_ids", List.of()));
        vault.remove("identity/oidc/client/nova-console");

        assertThat(secrets.provision(TEAM_A).actions()).isEmpty();

        clock.advance(Duration.ofMinutes(VaultTenantSecrets.PLATFORM_RECHECK_MINUTES + 1));
        ProvisioningReport report = secrets.provision(TEAM_A);

        assertThat(report.actions()).containsExactly("update OIDC provider nova", "create OIDC client nova-console");
        assertThat(stored("identity/oidc/provider/nova").get("allowed_client_ids")).isEqualTo(List.of("*"));
    }

    @Test
    void a_fresh_process_repairs_the_platform_objects_at_its_first_provisioning() {
        secrets.provision(TEAM_A);
        vault.tamper("identity/oidc/scope/groups", Map.of("template", "{}"));
        vault.tamper("sys/policies/acl/nova-admin", Map.of("policy", "path \"*\" { capabilities = [\"read\"] }"));
        connection.close();
        secrets = secretsWithToken(vault.rootToken(), "https://vault.example.com");

        assertThat(secrets.provision(TEAM_A).actions())
                .containsExactly("update OIDC scope groups", "update ACL policy nova-admin");
    }

    @Test
    void a_module_that_is_no_longer_requested_loses_its_client_its_secret_its_role_and_its_policy() {
        secrets.provision(TEAM_A);
        TenantIdentity withoutMlflow = new TenantIdentity("team-a", "ml-team-a", TEAM_A.ownerGroups(),
                List.of(TEAM_A.clients().get(1)));

        ProvisioningReport report = secrets.provision(withoutMlflow);

        assertThat(report.actions()).containsExactly("delete OIDC client nova-team-a.mlflow",
                "delete KV secret nova/tenants/team-a/oidc/mlflow", "delete Kubernetes auth role nova-team-a.mlflow",
                "delete ACL policy nova-tenant-team-a.mlflow");
        assertThat(vault.stored("identity/oidc/client/nova-team-a.mlflow")).isEmpty();
        assertThat(vault.stored("nova/metadata/tenants/team-a/oidc/mlflow")).isEmpty();
        assertThat(vault.stored("auth/kubernetes/role/nova-team-a.mlflow")).isEmpty();
        assertThat(vault.stored("sys/policies/acl/nova-tenant-team-a.mlflow")).isEmpty();
        assertThat(vault.stored("auth/kubernetes/role/nova-team-a.jupyterhub")).isPresent();
        assertThat(vault.stored("identity/oidc/client/nova-team-a.jupyterhub")).isPresent();
        assertThat(vault.stored("nova/data/tenants/team-a/oidc/jupyterhub")).isPresent();
    }

    @Test
    void removing_a_tenant_removes_everything_of_that_tenant_and_nothing_of_another() {
        // "team" and "team-a": every client of team-a also starts with "team-".
        TenantIdentity team = new TenantIdentity("team", "ml-team", List.of("team-admins"),
                List.of(new OidcClientRequest("jupyterhub", List.of("https://jupyterhub-team.nova.example.com/cb"),
                        List.of("hub"))));
        secrets.provision(TEAM_A);
        secrets.provision(team);

        ProvisioningReport report = secrets.remove("team");

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.actions()).containsExactly(
                "delete OIDC client nova-team.jupyterhub",
                "delete OIDC assignment nova-team",
                "delete Kubernetes auth role nova-team.jupyterhub",
                "delete ACL policy nova-tenant-team.jupyterhub",
                "delete Kubernetes auth role nova-team._secret-store",
                "delete ACL policy nova-tenant-team._secret-store",
                "delete KV secret nova/tenants/team/oidc/jupyterhub");
        for (String gone : List.of("identity/oidc/client/nova-team.jupyterhub", "identity/oidc/assignment/nova-team",
                "sys/policies/acl/nova-tenant-team.jupyterhub", "auth/kubernetes/role/nova-team.jupyterhub",
                "auth/kubernetes/role/nova-team._secret-store", "sys/policies/acl/nova-tenant-team._secret-store",
                "nova/metadata/tenants/team/oidc/jupyterhub")) {
            assertThat(vault.stored(gone)).as(gone).isEmpty();
        }
        for (String kept : List.of("identity/oidc/client/nova-team-a.mlflow", "identity/oidc/client/nova-team-a.jupyterhub",
                "identity/oidc/assignment/nova-team-a", "sys/policies/acl/nova-tenant-team-a.mlflow",
                "auth/kubernetes/role/nova-team-a.mlflow", "auth/kubernetes/role/nova-team-a.jupyterhub",
                "auth/kubernetes/role/nova-team-a._secret-store", "sys/policies/acl/nova-tenant-team-a._secret-store",
                "nova/data/tenants/team-a/oidc/mlflow",
                "nova/data/tenants/team-a/oidc/jupyterhub", "identity/oidc/client/nova-console")) {
            assertThat(vault.stored(kept)).as(kept).isPresent();
        }
        assertThat(secrets.remove("team").actions()).isEmpty();
    }

    @Test
    void removing_a_tenant_deletes_every_secret_below_its_kv_path() {
        secrets.provision(TEAM_A);
        SpringVaultApi root = new SpringVaultApi(connection.template(), vault.uri().toString());
        root.write("nova/data/tenants/team-a/notes/minio", Map.of("data", Map.of("access_key", "x")));

        ProvisioningReport report = secrets.remove("team-a");

        assertThat(report.actions()).contains("delete KV secret nova/tenants/team-a/notes/minio",
                "delete KV secret nova/tenants/team-a/oidc/mlflow");
        assertThat(vault.stored("nova/metadata/tenants/team-a/notes/minio")).isEmpty();
        assertThat(root.list("nova/metadata/tenants/team-a")).isEmpty();
    }

    @Test
    void rotating_a_client_secret_replaces_the_client_and_the_secret_in_kv() {
        secrets.provision(TEAM_A);
        Map<String, Object> before = stored("nova/data/tenants/team-a/oidc/mlflow");

        secrets.rotateClientSecret("team-a", "mlflow");

        Map<String, Object> client = stored("identity/oidc/client/nova-team-a.mlflow");
        Map<String, Object> after = stored("nova/data/tenants/team-a/oidc/mlflow");
        assertThat(after.get("client_secret")).isNotEqualTo(before.get("client_secret"));
        // No rotation endpoint exists: the client is re-created, so its id changes as well.
        assertThat(after.get("client_id")).isNotEqualTo(before.get("client_id"));
        assertThat(after).isEqualTo(Map.of("client_id", client.get("client_id"),
                "client_secret", client.get("client_secret")));
        assertThat(client).containsEntry("redirect_uris", List.of(MLFLOW)).containsEntry("key", "nova");
        assertThat(secrets.provision(TEAM_A).actions()).isEmpty();
    }

    @Test
    void only_a_client_of_the_tenant_can_be_rotated() {
        TenantIdentity team = new TenantIdentity("team", "ml-team", List.of(), List.of());
        secrets.provision(TEAM_A);
        secrets.provision(team);

        assertThatThrownBy(() -> secrets.rotateClientSecret("team-a", "airflow"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("nova-team-a.airflow");
        // nova-team-a.mlflow exists, but it is not "team"'s client "a-mlflow"
        assertThatThrownBy(() -> secrets.rotateClientSecret("team", "a-mlflow"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_plan_writes_nothing_and_on_an_empty_vault_lists_what_the_unconfigured_plan_lists() {
        ProvisioningReport plan = secrets.plan(TEAM_A);

        assertThat(writes(vault.requests())).isEmpty();
        assertThat(plan.error()).isNull();
        UnconfiguredTenantSecrets unconfigured = new UnconfiguredTenantSecrets(properties("unused",
                "https://vault.example.com"));
        assertThat(plan.actions()).isEqualTo(unconfigured.plan(TEAM_A).actions());
        assertThat(plan.actions()).isEqualTo(secrets.provision(TEAM_A).actions());
    }

    @Test
    void a_plan_after_a_change_by_hand_shows_the_repair_without_making_it() {
        secrets.provision(TEAM_A);
        vault.tamper("identity/oidc/client/nova-team-a.mlflow", Map.of("redirect_uris", List.of()));
        vault.remove("identity/oidc/client/nova-team-a.jupyterhub");
        int before = vault.requests().size();

        ProvisioningReport plan = secrets.plan(TEAM_A);

        assertThat(plan.actions()).containsExactly("update OIDC client nova-team-a.mlflow",
                "create OIDC client nova-team-a.jupyterhub", "write KV secret nova/tenants/team-a/oidc/jupyterhub");
        assertThat(writes(vault.requests().subList(before, vault.requests().size()))).isEmpty();
        assertThat(vault.stored("identity/oidc/client/nova-team-a.jupyterhub")).isEmpty();
    }

    @Test
    void a_failing_module_is_reported_and_the_other_modules_are_still_provisioned() {
        VaultApi failing = new FailingWrites(new SpringVaultApi(connection.template(), vault.uri().toString()),
                "identity/oidc/client/nova-team-a.mlflow");
        var partlyBroken = new VaultTenantSecrets(failing, properties(vault.rootToken(), null), clock);

        ProvisioningReport report = partlyBroken.provision(TEAM_A);

        assertThat(report.error()).isNull();
        assertThat(report.failures()).containsOnlyKeys("mlflow");
        assertThat(report.failures().get("mlflow")).contains("identity/oidc/client/nova-team-a.mlflow");
        assertThat(vault.stored("identity/oidc/client/nova-team-a.jupyterhub")).isPresent();
        assertThat(vault.stored("nova/data/tenants/team-a/oidc/jupyterhub")).isPresent();
        assertThat(vault.stored("identity/oidc/client/nova-team-a.mlflow")).isEmpty();
    }

    @Test
    void a_sealed_vault_gives_a_clear_error_and_no_exception() {
        secrets.provision(TEAM_A);
        vault.seal();

        ProvisioningReport report = secrets.provision(TEAM_A);

        String sealed = "Vault at " + vault.uri() + " is sealed";
        assertThat(report.error()).startsWith(sealed);
        assertThat(report.ok()).isFalse();
        assertThat(secrets.plan(TEAM_A).error()).startsWith(sealed);
        assertThat(secrets.remove("team-a").error()).startsWith(sealed);
        assertThatThrownBy(() -> secrets.rotateClientSecret("team-a", "mlflow"))
                .isInstanceOfSatisfying(VaultApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(VaultApiException.Kind.SEALED))
                .hasMessageStartingWith(sealed);

        vault.unseal();
        assertThat(secrets.provision(TEAM_A).ok()).isTrue();
    }

    @Test
    void a_vault_that_is_down_gives_a_clear_error_and_no_exception() {
        vault.stop();

        ProvisioningReport report = secrets.provision(TEAM_A);

        assertThat(report.error()).startsWith("Vault at " + vault.uri() + " is unreachable: ")
                .containsIgnoringCase("connection");
        assertThat(report.actions()).isEmpty();
        assertThat(secrets.remove("team-a").error()).startsWith("Vault at " + vault.uri() + " is unreachable: ");
    }

    @Test
    void a_token_whose_policy_is_too_small_gives_a_clear_error_and_no_exception() {
        new SpringVaultApi(connection.template(), vault.uri().toString()).write("sys/policies/acl/too-small",
                Map.of("policy", "path \"identity/oidc/*\" {\n  capabilities = [\"read\"]\n}\n"));
        connection.close();
        secrets = secretsWithToken(vault.createToken("too-small"), null);
        int before = vault.requests().size();

        ProvisioningReport report = secrets.provision(TEAM_A);

        assertThat(report.error()).isEqualTo("Vault refused the platform's token (403) for sys/mounts/nova: the "
                + "token's policy lacks the 'read' capability on sys/mounts/nova (grant it with "
                + "nova-platform-vault-policy.hcl), or the token is invalid or expired");
        assertThat(writes(vault.requests().subList(before, vault.requests().size()))).isEmpty();
    }

    @Test
    void the_shipped_minimal_policy_keeps_other_applications_oidc_clients_and_groups_out_of_reach() throws Exception {
        String policy = new String(getClass().getResourceAsStream("/nova-platform-vault-policy.hcl").readAllBytes());
        SpringVaultApi root = new SpringVaultApi(connection.template(), vault.uri().toString());
        root.write("sys/policies/acl/nova_platform", Map.of("policy", policy));
        assertThat(secretsWithToken(vault.rootToken(), null).provision(TEAM_A).ok()).isTrue();
        root.write("identity/oidc/client/payroll-app", Map.of("key", "nova", "assignments", List.of("nova-team-a")));
        root.write("identity/oidc/key/payroll", Map.of("allowed_client_ids", List.of("*")));
        connection.close();
        secretsWithToken(vault.createToken("nova_platform"), null);
        var platform = new SpringVaultApi(connection.template(), vault.uri().toString());

        for (String path : List.of("identity/oidc/client/payroll-app", "identity/oidc/key/payroll",
                "identity/oidc/provider/default")) {
            assertThatThrownBy(() -> platform.read(path)).as(path).isInstanceOfSatisfying(VaultApiException.class,
                    e -> assertThat(e.kind()).isEqualTo(VaultApiException.Kind.FORBIDDEN));
        }
        assertThatThrownBy(() -> platform.write("identity/group/name/team-a-admins",
                Map.of("policies", List.of("root")))).as("an existing group is never changed")
                .isInstanceOfSatisfying(VaultApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(VaultApiException.Kind.FORBIDDEN));
        assertThat(platform.read("identity/oidc/client/nova-team-a.mlflow")).as("its own clients it reads")
                .isPresent();
        assertThat(platform.list("identity/oidc/client")).as("and it lists the names to find a tenant's")
                .contains("nova-team-a.mlflow", "payroll-app");
    }

    @Test
    void the_shipped_minimal_policy_is_enough_for_everything_the_platform_does() throws Exception {
        String policy = new String(getClass().getResourceAsStream("/nova-platform-vault-policy.hcl").readAllBytes());
        SpringVaultApi root = new SpringVaultApi(connection.template(), vault.uri().toString());
        root.write("sys/policies/acl/nova_platform", Map.of("policy", policy));
        connection.close();
        secrets = secretsWithToken(vault.createToken("nova_platform"), null);
        TenantIdentity team = new TenantIdentity("team", "ml-team", List.of("team-admins"),
                List.of(new OidcClientRequest("jupyterhub", List.of("https://jupyterhub-team.nova.example.com/cb"),
                        List.of("hub"))));

        assertThat(secrets.plan(TEAM_A).error()).isNull();
        assertThat(secrets.provision(TEAM_A).ok()).isTrue();
        assertThat(secrets.provision(team).ok()).isTrue();
        int before = vault.requests().size();
        assertThat(secrets.provision(TEAM_A).actions()).isEmpty();
        assertThat(writes(vault.requests().subList(before, vault.requests().size()))).isEmpty();
        secrets.rotateClientSecret("team-a", "mlflow");
        assertThat(secrets.provision(VaultToolCredentialsTest.TEAM_A).ok()).isTrue();
        secrets.rotateCredential("team-a", VaultToolCredentialsTest.MLFLOW_S3);
        assertThat(secrets.provision(new TenantIdentity("team-a", "ml-team-a", TEAM_A.ownerGroups(),
                List.of(TEAM_A.clients().get(1)))).ok()).isTrue();
        assertThat(secrets.provision(TEAM_A.suspend()).ok()).isTrue();
        assertThat(secrets.remove("team").ok()).isTrue();
        vault.tamper("identity/oidc/provider/nova", Map.of("scopes_supported", List.of()));
        clock.advance(Duration.ofHours(1));
        assertThat(secrets.provision(TEAM_A).ok()).isTrue();

        // ... and it is no more than that: the platform's token cannot touch its own policy or other secrets.
        var platform = new SpringVaultApi(connection.template(), vault.uri().toString());
        assertThatThrownBy(() -> platform.read("sys/policies/acl/nova_platform"))
                .isInstanceOfSatisfying(VaultApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(VaultApiException.Kind.FORBIDDEN));
        assertThatThrownBy(() -> platform.write("sys/mounts/secret", Map.of("type", "kv")))
                .isInstanceOf(VaultApiException.class);
    }

    @Test
    void the_default_issuer_is_left_to_vault_and_does_not_cause_writes() {
        connection.close();
        secrets = secretsWithToken(vault.rootToken(), null);
        secrets.provision(TEAM_A);
        connection.close();
        secrets = secretsWithToken(vault.rootToken(), null);
        int before = vault.requests().size();

        assertThat(secrets.provision(TEAM_A).actions()).isEmpty();
        assertThat(writes(vault.requests().subList(before, vault.requests().size()))).isEmpty();
        assertThat(stored("identity/oidc/provider/nova")).containsEntry("issuer", "");
    }

    @Test
    void an_issuer_given_as_the_providers_url_is_sent_to_vault_as_scheme_host_and_port() {
        connection.close();
        secrets = secretsWithToken(vault.rootToken(), "https://vault.example.com/v1/identity/oidc/provider/nova");

        assertThat(secrets.provision(TEAM_A).ok()).isTrue();
        assertThat(stored("identity/oidc/provider/nova")).containsEntry("issuer", "https://vault.example.com");
        clock.advance(Duration.ofHours(1));
        int before = vault.requests().size();
        assertThat(secrets.provision(TEAM_A).actions()).isEmpty();
        assertThat(writes(vault.requests().subList(before, vault.requests().size()))).isEmpty();
    }

    @Test
    void invalid_names_are_refused_before_anything_is_sent() {
        TenantIdentity bad = new TenantIdentity("Team A", "ns", List.of(), List.of());

        assertThat(secrets.provision(bad).error()).contains("'Team A' is not a valid name");
        assertThat(secrets.provision(new TenantIdentity("team-a", "ns", List.of(),
                List.of(new OidcClientRequest("../x", List.of(), List.of("x"))))).error())
                .contains("module key '../x'");
        assertThat(vault.requests()).isEmpty();
    }

    @Test
    void an_owner_group_name_vault_cannot_hold_is_a_failure_of_that_group_only() {
        TenantIdentity slashed = new TenantIdentity("team-a", "ml-team-a", List.of("/team-a/admins", "ml-leads"),
                TEAM_A.clients());

        ProvisioningReport report = secrets.provision(slashed);

        assertThat(report.error()).isNull();
        assertThat(report.failures()).containsOnlyKeys("identity group /team-a/admins");
        String leadsId = (String) stored("identity/group/name/ml-leads").get("id");
        assertThat(stored("identity/oidc/assignment/nova-team-a")).containsEntry("group_ids", List.of(leadsId));
        assertThat(vault.stored("identity/oidc/client/nova-team-a.mlflow")).isPresent();
    }

    // ---- helpers

    private VaultTenantSecrets secretsWithToken(String token, String issuer) {
        VaultProperties properties = properties(token, issuer);
        connection = VaultConnection.open(properties);
        return new VaultTenantSecrets(new SpringVaultApi(connection.template(), properties.uri()), properties, clock);
    }

    private VaultProperties properties(String token, String issuer) {
        return VaultProperties.withToken(vault.uri().toString(), token)
                .withOidc(new VaultProperties.Oidc(issuer, List.of(CONSOLE), null, null));
    }

    private Map<String, Object> stored(String path) {
        return vault.stored(path).orElseThrow(() -> new AssertionError("nothing stored at " + path));
    }

    /** Requests that change something: everything but reads and lists. */
    static List<String> writes(List<String> requests) {
        return requests.stream().filter(r -> !r.startsWith("GET ") && !r.startsWith("LIST ")).toList();
    }

    /** A Vault that rejects writes to one path, as it would an invalid object. */
    private record FailingWrites(VaultApi delegate, String failingPath) implements ForwardingVaultApi {

        @Override
        public Optional<Map<String, Object>> write(String path, Map<String, ?> body) {
            if (path.equals(failingPath)) {
                throw new VaultApiException(VaultApiException.Kind.REJECTED, 400, path,
                        "Vault answered 400 to create/update " + path + ": invalid redirect URI", null);
            }
            return delegate.write(path, body);
        }
    }

    static final class TestClock extends Clock {

        private Instant now = Instant.parse("2026-11-29T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
