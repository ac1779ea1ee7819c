package io.nova.platform.vault.testing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VaultApiTestDoubleTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String DENIED = "1 error occurred:\n\t* permission denied\n\n";

    private VaultApiTestDouble vault;
    private String root;

    @BeforeEach
    void start() {
        vault = VaultApiTestDouble.start();
        root = vault.rootToken();
    }

    @AfterEach
    void stop() {
        vault.close();
    }

    record Response(int status, Map<String, Object> body) {

        @SuppressWarnings("unchecked")
        Map<String, Object> data() {
            return (Map<String, Object>) body.get("data");
        }

        Object errors() {
            return body.get("errors");
        }
    }

    private Response call(String method, String path, String token, Object body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(vault.uri() + "/v1/" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("X-Vault-Token", token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = response.body().isEmpty() ? Map.of() : JSON.readValue(response.body(), Map.class);
        return new Response(response.statusCode(), parsed);
    }

    private Response get(String path) throws Exception {
        return call("GET", path, root, null);
    }

    private Response post(String path, Object body) throws Exception {
        return call("POST", path, root, body);
    }

    private void mountKv() throws Exception {
        assertThat(post("sys/mounts/nova", Map.of("type", "kv", "options", Map.of("version", "2"))).status())
                .isEqualTo(204);
    }

    @Test
    void a_fresh_server_is_healthy_and_unsealed_and_has_only_the_builtin_mounts() throws Exception {
        Response health = call("GET", "sys/health", null, null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).containsEntry("initialized", true).containsEntry("sealed", false)
                .containsEntry("standby", false).containsKey("version");

        Response mounts = get("sys/mounts");
        assertThat(mounts.status()).isEqualTo(200);
        assertThat(mounts.body()).containsKeys("request_id", "lease_id", "renewable", "lease_duration", "wrap_info",
                "warnings", "auth");
        assertThat(mounts.data()).containsOnlyKeys("sys/", "identity/", "cubbyhole/");
    }

    @Test
    void mounts_are_enabled_read_refused_twice_and_disabled() throws Exception {
        mountKv();
        assertThat(get("sys/mounts").data().get("nova/").toString()).contains("type=kv").contains("version=2");
        assertThat(get("sys/mounts/nova").data()).containsEntry("type", "kv");

        Response again = post("sys/mounts/nova", Map.of("type", "kv"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errors()).isEqualTo(List.of("existing mount at nova/"));

        assertThat(call("DELETE", "sys/mounts/nova", root, null).status()).isEqualTo(204);
        assertThat(get("sys/mounts/nova").status()).isEqualTo(400);
        assertThat(get("nova/data/x").errors()).isEqualTo(
                List.of("no handler for route \"nova/data/x\". route entry not found."));
    }

    @Test
    void kv_version_2_keeps_versions_and_lists_folders_with_both_list_spellings() throws Exception {
        mountKv();
        Response first = post("nova/data/tenants/team-a/oidc/mlflow", Map.of("data", Map.of("client_id", "one")));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.data()).containsEntry("version", 1).containsEntry("destroyed", false);
        post("nova/data/tenants/team-a/oidc/mlflow", Map.of("data", Map.of("client_id", "two")));
        post("nova/data/tenants/team-a/note", Map.of("data", Map.of("a", "b")));

        Response read = get("nova/data/tenants/team-a/oidc/mlflow");
        assertThat(read.data().get("data")).isEqualTo(Map.of("client_id", "two"));
        assertThat(read.data().get("metadata")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("version", 2).containsEntry("deletion_time", "").containsEntry("destroyed", false);
        assertThat(vault.stored("nova/data/tenants/team-a/oidc/mlflow")).contains(Map.of("client_id", "two"));

        Response listVerb = call("LIST", "nova/metadata/tenants/team-a", root, null);
        Response listQuery = get("nova/metadata/tenants/team-a/?list=true");
        assertThat(listVerb.data().get("keys")).isEqualTo(List.of("note", "oidc/"));
        assertThat(listQuery.data().get("keys")).isEqualTo(listVerb.data().get("keys"));

        Response cas = post("nova/data/tenants/team-a/note", Map.of("data", Map.of("a", "c"),
                "options", Map.of("cas", 5)));
        assertThat(cas.status()).isEqualTo(400);
        assertThat(cas.errors()).isEqualTo(List.of("check-and-set parameter did not match the current version"));

        assertThat(get("nova/metadata/tenants/team-a/oidc/mlflow").data()).containsEntry("current_version", 2);
        assertThat(call("DELETE", "nova/metadata/tenants/team-a/oidc/mlflow", root, null).status()).isEqualTo(204);
        Response gone = get("nova/data/tenants/team-a/oidc/mlflow");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body()).isEqualTo(Map.of("errors", List.of()));
        assertThat(vault.stored("nova/data/tenants/team-a/oidc/mlflow")).isEmpty();
    }

    @Test
    void kv_version_2_check_and_set_writes_only_on_the_version_named_and_0_only_while_the_secret_does_not_exist()
            throws Exception {
        mountKv();
        String path = "nova/data/tenants/team-a/credentials/minio";
        String mismatch = "check-and-set parameter did not match the current version";

        Response created = post(path, Map.of("data", Map.of("user", "a"), "options", Map.of("cas", 0)));
        Response again = post(path, Map.of("data", Map.of("user", "b"), "options", Map.of("cas", 0)));
        Response stale = post(path, Map.of("data", Map.of("user", "c"), "options", Map.of("cas", 2)));

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.data()).containsEntry("version", 1);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errors()).isEqualTo(List.of(mismatch));
        assertThat(stale.errors()).isEqualTo(List.of(mismatch));
        assertThat(vault.stored(path)).contains(Map.of("user", "a"));
        Response next = post(path, Map.of("data", Map.of("user", "d"), "options", Map.of("cas", 1)));
        assertThat(next.data()).containsEntry("version", 2);

        // a soft-deleted secret keeps its versions: 0 no longer matches, its current version does
        assertThat(call("DELETE", path, root, null).status()).isEqualTo(204);
        assertThat(post(path, Map.of("data", Map.of("user", "e"), "options", Map.of("cas", 0))).errors())
                .isEqualTo(List.of(mismatch));
        assertThat(post(path, Map.of("data", Map.of("user", "e"), "options", Map.of("cas", 2))).data())
                .containsEntry("version", 3);
        assertThat(vault.stored(path)).contains(Map.of("user", "e"));
    }

    @Test
    void missing_objects_and_empty_lists_are_404_with_an_empty_errors_list() throws Exception {
        mountKv();
        for (String path : List.of("nova/data/nothing", "nova/metadata/nothing", "sys/policies/acl/nothing",
                "identity/oidc/client/nothing", "identity/group/name/nothing")) {
            assertThat(get(path)).as(path).isEqualTo(new Response(404, Map.of("errors", List.of())));
        }
        assertThat(call("LIST", "identity/oidc/client", root, null))
                .isEqualTo(new Response(404, Map.of("errors", List.of())));
        assertThat(call("LIST", "nova/metadata/nothing", root, null).status()).isEqualTo(404);
    }

    @Test
    void acl_policies_round_trip_and_are_listed() throws Exception {
        String hcl = "path \"nova/data/tenants/team-a/*\" {\n  capabilities = [\"read\"]\n}\n";
        assertThat(call("PUT", "sys/policies/acl/nova-tenant-team-a", root, Map.of("policy", hcl)).status())
                .isEqualTo(204);
        assertThat(get("sys/policies/acl/nova-tenant-team-a").data())
                .isEqualTo(Map.of("name", "nova-tenant-team-a", "policy", hcl));
        assertThat(vault.stored("sys/policies/acl/nova-tenant-team-a"))
                .contains(Map.of("name", "nova-tenant-team-a", "policy", hcl));
        assertThat(call("LIST", "sys/policies/acl", root, null).data().get("keys"))
                .isEqualTo(List.of("default", "nova-tenant-team-a", "root"));
        assertThat(get("sys/policies/acl/?list=true").data().get("keys"))
                .isEqualTo(List.of("default", "nova-tenant-team-a", "root"));

        Response invalid = call("PUT", "sys/policies/acl/broken", root, Map.of("policy", "path \"x\" {"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errors().toString()).contains("failed to parse policy");

        assertThat(call("DELETE", "sys/policies/acl/nova-tenant-team-a", root, null).status()).isEqualTo(204);
        assertThat(get("sys/policies/acl/nova-tenant-team-a").status()).isEqualTo(404);
    }

    @Test
    void a_token_lacking_the_capability_gets_403_and_one_whose_policy_allows_the_path_succeeds() throws Exception {
        mountKv();
        call("PUT", "sys/policies/acl/reader", root, Map.of("policy", """
                path "nova/data/tenants/team-a/*" { capabilities = ["read"] }
                path "nova/metadata/tenants/+/" { capabilities = ["list"] }
                path "nova/data/tenants/team-a/secret" { capabilities = ["deny"] }
                path "nova/data/new/*" { capabilities = ["create"] }
                """));
        post("nova/data/tenants/team-a/db", Map.of("data", Map.of("password", "p")));
        post("nova/data/tenants/team-a/secret", Map.of("data", Map.of("password", "p")));
        String reader = vault.createToken("reader");

        assertThat(call("GET", "nova/data/tenants/team-a/db", reader, null).status()).isEqualTo(200);
        assertThat(call("LIST", "nova/metadata/tenants/team-a", reader, null).status()).isEqualTo(200);
        assertThat(call("GET", "nova/metadata/tenants/team-a?list=true", reader, null).status()).isEqualTo(200);
        assertThat(call("GET", "nova/data/tenants/team-b/db", reader, null))
                .isEqualTo(new Response(403, Map.of("errors", List.of(DENIED))));
        assertThat(call("GET", "nova/data/tenants/team-a/secret", reader, null).status()).as("deny wins")
                .isEqualTo(403);
        assertThat(call("POST", "nova/data/tenants/team-a/db", reader, Map.of("data", Map.of())).status())
                .isEqualTo(403);
        assertThat(call("POST", "nova/data/new/x", reader, Map.of("data", Map.of("v", 1))).status())
                .as("create on an absent secret").isEqualTo(200);
        assertThat(call("POST", "nova/data/new/x", reader, Map.of("data", Map.of("v", 2))).status())
                .as("update of an existing secret").isEqualTo(403);
        assertThat(call("GET", "sys/mounts", reader, null).status()).isEqualTo(403);
        assertThat(call("GET", "auth/token/lookup-self", reader, null).data())
                .containsEntry("policies", List.of("default", "reader"));

        for (String token : new String[]{null, "hvs.unknown"}) {
            assertThat(call("GET", "nova/data/tenants/team-a/db", token, null))
                    .isEqualTo(new Response(403, Map.of("errors", List.of("permission denied"))));
        }
    }

    @Test
    void a_sealed_vault_answers_503_everywhere_but_health_which_reports_sealed() throws Exception {
        vault.seal();
        assertThat(get("sys/mounts")).isEqualTo(new Response(503, Map.of("errors", List.of("Vault is sealed"))));
        assertThat(call("POST", "auth/approle/login", null, Map.of("role_id", "x")).status()).isEqualTo(503);
        Response health = call("GET", "sys/health", null, null);
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body()).containsEntry("sealed", true).containsEntry("initialized", true);

        vault.unseal();
        assertThat(get("sys/mounts").status()).isEqualTo(200);
        assertThat(call("GET", "sys/health", null, null).body()).containsEntry("sealed", false);
    }

    @Test
    void kubernetes_auth_roles_need_the_method_and_their_token_policies_become_the_login_token() throws Exception {
        Map<String, Object> role = Map.of("bound_service_account_names", List.of("*"),
                "bound_service_account_namespaces", List.of("nova-team-a"), "token_policies", List.of("tenant"),
                "token_ttl", "1h");
        Response disabled = post("auth/kubernetes/role/nova-team-a", role);
        assertThat(disabled.status()).isEqualTo(404);
        assertThat(disabled.errors().toString()).contains("no handler for route");

        vault.enableKubernetesAuth();
        assertThat(post("auth/kubernetes/role/nova-team-a", role).status()).isEqualTo(204);
        Map<String, Object> read = get("auth/kubernetes/role/nova-team-a").data();
        assertThat(read).containsEntry("token_policies", List.of("tenant")).containsEntry("token_ttl", 3600)
                .containsEntry("bound_service_account_namespaces", List.of("nova-team-a"))
                .doesNotContainKey("policies");
        assertThat(vault.stored("auth/kubernetes/role/nova-team-a")).contains(role);
        post("auth/kubernetes/role/legacy", Map.of("bound_service_account_names", "sa",
                "bound_service_account_namespaces", "ns", "policies", List.of("dev", "prod")));
        assertThat(get("auth/kubernetes/role/legacy").data()).containsEntry("policies", List.of("dev", "prod"))
                .containsEntry("token_policies", List.of("dev", "prod"));
        assertThat(call("LIST", "auth/kubernetes/role", root, null).data().get("keys"))
                .isEqualTo(List.of("legacy", "nova-team-a"));

        Response login = call("POST", "auth/kubernetes/login", null, Map.of("role", "nova-team-a", "jwt", "a.b.c"));
        assertThat(login.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> auth = (Map<String, Object>) login.body().get("auth");
        assertThat(auth).containsEntry("policies", List.of("default", "tenant")).containsEntry("lease_duration", 3600);
        assertThat(call("GET", "auth/token/lookup-self", (String) auth.get("client_token"), null).status())
                .isEqualTo(200);

        Response unknown = call("POST", "auth/kubernetes/login", null, Map.of("role", "x", "jwt", "a.b.c"));
        assertThat(unknown).isEqualTo(new Response(400, Map.of("errors", List.of("invalid role name \"x\""))));

        assertThat(call("DELETE", "auth/kubernetes/role/nova-team-a", root, null).status()).isEqualTo(204);
        assertThat(vault.stored("auth/kubernetes/role/nova-team-a")).isEmpty();
    }

    @Test
    void approle_login_issues_a_token_with_the_roles_policies() throws Exception {
        vault.enableAppRole("role-id", "secret-id", "nova-platform");
        Response login = call("POST", "auth/approle/login", null, Map.of("role_id", "role-id",
                "secret_id", "secret-id"));
        @SuppressWarnings("unchecked")
        String token = (String) ((Map<String, Object>) login.body().get("auth")).get("client_token");
        assertThat(call("GET", "auth/token/lookup-self", token, null).data())
                .containsEntry("policies", List.of("default", "nova-platform")).containsEntry("id", token);
        assertThat(call("POST", "auth/approle/login", null, Map.of("role_id", "role-id", "secret_id", "wrong"))
                .status()).isEqualTo(400);
    }

    @Test
    void groups_are_created_by_name_with_a_generated_id_and_can_be_read_by_id() throws Exception {
        Response created = post("identity/group/name/sso-admins", Map.of("metadata", Map.of("by", "nova")));
        String id = (String) created.data().get("id");
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(created.data()).containsEntry("name", "sso-admins");
        assertThat(post("identity/group/name/sso-admins", Map.of("policies", List.of("p"))).status())
                .isEqualTo(204);

        Map<String, Object> byId = get("identity/group/id/" + id).data();
        assertThat(byId).containsEntry("name", "sso-admins").containsEntry("policies", List.of("p"))
                .containsEntry("metadata", Map.of("by", "nova")).containsEntry("type", "internal");
        assertThat(get("identity/group/name/sso-admins").data()).containsEntry("id", id);
    }

    @Test
    void oidc_clients_get_generated_credentials_that_stay_the_same_across_updates() throws Exception {
        assertThat(post("identity/oidc/key/nova", Map.of("allowed_client_ids", List.of("*"))).status())
                .isEqualTo(204);
        assertThat(get("identity/oidc/key/nova").data()).containsEntry("algorithm", "RS256")
                .containsEntry("rotation_period", 86400).containsEntry("allowed_client_ids", List.of("*"));
        post("identity/oidc/scope/groups", Map.of("template", "{\"groups\": {{identity.entity.groups.names}} }",
                "description", "groups"));
        post("identity/oidc/provider/nova", Map.of("allowed_client_ids", List.of("*"),
                "scopes_supported", List.of("groups")));
        assertThat(get("identity/oidc/provider/nova").data())
                .containsEntry("issuer", vault.uri() + "/v1/identity/oidc/provider/nova")
                .containsEntry("scopes_supported", List.of("groups"));
        String group = (String) post("identity/group/name/team-a-owners", Map.of()).data().get("id");
        post("identity/oidc/assignment/nova-team-a", Map.of("group_ids", List.of(group), "entity_ids", List.of()));
        assertThat(get("identity/oidc/assignment/nova-team-a").data())
                .isEqualTo(Map.of("group_ids", List.of(group), "entity_ids", List.of()));

        Map<String, Object> client = Map.of("key", "nova", "redirect_uris", List.of("https://mlflow/callback"),
                "assignments", List.of("nova-team-a"), "client_type", "confidential", "id_token_ttl", "1h",
                "access_token_ttl", "30m");
        assertThat(post("identity/oidc/client/nova-team-a.mlflow", client).status()).isEqualTo(204);
        Map<String, Object> read = get("identity/oidc/client/nova-team-a.mlflow").data();
        String clientId = (String) read.get("client_id");
        String secret = (String) read.get("client_secret");
        assertThat(clientId).matches("[A-Za-z0-9]{32}");
        assertThat(secret).matches("hvo_secret_[A-Za-z0-9]{64}");
        assertThat(read).containsEntry("id_token_ttl", 3600).containsEntry("access_token_ttl", 1800)
                .containsEntry("key", "nova").containsEntry("client_type", "confidential");
        assertThat(vault.stored("identity/oidc/client/nova-team-a.mlflow").orElseThrow()).containsOnlyKeys("name", "key",
                "redirect_uris", "assignments", "client_type", "id_token_ttl", "access_token_ttl", "client_id",
                "client_secret");

        post("identity/oidc/client/nova-team-a.mlflow", Map.of("redirect_uris", List.of("https://other/callback")));
        Map<String, Object> updated = get("identity/oidc/client/nova-team-a.mlflow").data();
        assertThat(updated).containsEntry("client_id", clientId).containsEntry("client_secret", secret)
                .containsEntry("redirect_uris", List.of("https://other/callback"));
        assertThat(vault.allSecretValues()).containsExactly(secret);
        assertThat(call("LIST", "identity/oidc/client", root, null).data().get("keys"))
                .isEqualTo(List.of("nova-team-a.mlflow"));

        assertThat(post("identity/oidc/client/bad", Map.of("key", "missing")).errors())
                .isEqualTo(List.of("key \"missing\" does not exist"));
        assertThat(post("identity/oidc/client/bad", Map.of("assignments", List.of("missing"))).status())
                .isEqualTo(400);
        assertThat(post("identity/oidc/client/all", Map.of("assignments", List.of("allow_all"))).status())
                .isEqualTo(204);
        assertThat(call("DELETE", "identity/oidc/key/nova", root, null).status()).isEqualTo(400);
        assertThat(call("DELETE", "identity/oidc/client/nova-team-a.mlflow", root, null).status()).isEqualTo(204);
        assertThat(call("DELETE", "identity/oidc/key/nova", root, null).status()).isEqualTo(204);
        assertThat(vault.allSecretValues()).contains(secret);
    }

    @Test
    void tamper_and_remove_change_what_the_api_answers() throws Exception {
        mountKv();
        post("identity/oidc/client/app", Map.of("redirect_uris", List.of("https://a/cb")));
        vault.tamper("identity/oidc/client/app", Map.of("redirect_uris", List.of("https://evil/cb")));
        assertThat(get("identity/oidc/client/app").data()).containsEntry("redirect_uris",
                List.of("https://evil/cb"));

        post("nova/data/app", Map.of("data", Map.of("client_id", "a", "client_secret", "s")));
        vault.tamper("nova/data/app", Map.of("client_secret", "changed"));
        assertThat(get("nova/data/app").data().get("data"))
                .isEqualTo(Map.of("client_id", "a", "client_secret", "changed"));

        vault.remove("identity/oidc/client/app");
        vault.remove("nova/data/app");
        assertThat(get("identity/oidc/client/app").status()).isEqualTo(404);
        assertThat(get("nova/data/app").status()).isEqualTo(404);
        assertThat(vault.stored("identity/oidc/client/app")).isEmpty();
        assertThatThrownBy(() -> vault.tamper("identity/oidc/client/app", Map.of("key", "x")))
                .isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void requests_records_every_call_with_list_calls_as_LIST() throws Exception {
        mountKv();
        post("nova/data/a", Map.of("data", Map.of("k", "v")));
        get("nova/metadata/?list=true");
        call("LIST", "nova/metadata", root, null);
        call("DELETE", "nova/metadata/a", root, null);

        assertThat(vault.requests()).containsExactly("POST /v1/sys/mounts/nova", "POST /v1/nova/data/a",
                "LIST /v1/nova/metadata/", "LIST /v1/nova/metadata", "DELETE /v1/nova/metadata/a");
    }

    @Test
    void a_stopped_server_refuses_connections() {
        vault.stop();
        assertThatThrownBy(() -> call("GET", "sys/health", null, null))
                .isInstanceOfAny(ConnectException.class, IOException.class);
    }
}
