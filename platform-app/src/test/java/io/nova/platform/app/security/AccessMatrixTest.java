package io.nova.platform.app.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import io.nova.platform.app.support.Api;
import io.nova.platform.app.support.OidcApiTest;
import nova.testing.identity.TestIdentityProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication and the role rules over REST, with real tokens from a real OIDC provider (Spring Authorization
 * Server, {@link TestIdentityProvider}), real HTTP and PostgreSQL. The matrix walks every endpoint of the OpenAPI
 * document with every role, so an endpoint without a rule here fails the build.
 */
class AccessMatrixTest extends OidcApiTest {

    private static final String SUFFIX = java.util.UUID.randomUUID().toString().substring(0, 6);
    static final String TEAM_A = "acl-a-" + SUFFIX;
    static final String TEAM_B = "acl-b-" + SUFFIX;
    static final String POOL = "acl-pool-" + SUFFIX;
    static final String MODEL_POOL = "acl-models-" + SUFFIX;
    static final String CLUSTER = "acl-" + SUFFIX;
    private static boolean fixtureReady;

    enum Role {
        NOBODY("nobody-bot"), UNRELATED_GROUP("employee-bot"), OTHER_TENANT("team-b-bot"), VIEWER("viewer-bot"),
        TENANT_ADMIN("team-a-bot"),
        ADMIN("admin-bot");

        final String client;

        Role(String client) {
            this.client = client;
        }
    }

    private Api as(Role role) {
        return api.bearer(IDP.token(role.client));
    }

    @BeforeEach
    void fixture() {
        if (fixtureReady) {
            return;
        }
        Api admin = as(Role.ADMIN);
        assertThat(admin.post("/clusters", json("{'name': '%s', 'deliveryMode': 'DIRECT'}".formatted(CLUSTER)))
                .status()).isEqualTo(201);
        assertThat(admin.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': 'local', 'gpuModel': 'L4', 'nodeCount': 1, 'gpusPerNode': 8,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(POOL))).status()).isEqualTo(201);
        assertThat(admin.post("/tenants", json("{'slug': '%s', 'displayName': 'A', 'ownerGroups': ['team-a-admins']}"
                .formatted(TEAM_A))).status()).isEqualTo(201);
        assertThat(admin.post("/tenants", json("{'slug': '%s', 'displayName': 'B', 'ownerGroups': ['team-b-admins']}"
                .formatted(TEAM_B))).status()).isEqualTo(201);
        assertThat(admin.put("/tenants/%s/gpu-quotas/%s".formatted(TEAM_A, POOL), json("{'guaranteed': 1}")).status())
                .isEqualTo(201);
        assertThat(admin.put("/tenants/%s/modules/jupyterhub".formatted(TEAM_A), json("{'enabled': true}")).status())
                .isEqualTo(201);
        assertThat(admin.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': 'local', 'gpuModel': 'L4', 'nodeCount': 16, 'gpusPerNode': 1,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(MODEL_POOL))).status()).isEqualTo(201);
        assertThat(admin.put("/tenants/%s/gpu-quotas/%s".formatted(TEAM_A, MODEL_POOL),
                json("{'guaranteed': 0, 'limit': 16}")).status()).isEqualTo(201);
        // KServe is a cluster component that tenants use
        admin.put("/cluster-modules/local/kserve-controller", json("{'enabled': true, 'enableDependencies': true}"));
        assertThat(admin.put("/tenants/%s/modules/kserve".formatted(TEAM_A), json("{'enabled': true}")).status())
                .isEqualTo(201);
        assertThat(admin.post("/tenants/%s/model-deployments".formatted(TEAM_A), modelBody("acl-model")).status())
                .isEqualTo(201);
        fixtureReady = true;
    }

    @Test
    void requests_without_a_valid_token_are_401_whatever_is_wrong_with_it() {
        var groups = List.of("platform-admins");
        Map<String, Api> callers = new LinkedHashMap<>();
        callers.put("no token", api.anonymous());
        callers.put("expired", api.bearer(IDP.expiredToken(groups)));
        callers.put("signed by another key", api.bearer(IDP.tokenSignedByAnotherKey(groups)));
        callers.put("another issuer", api.bearer(IDP.tokenWithIssuer("http://127.0.0.1:1/elsewhere", groups)));
        callers.put("another audience", api.bearer(IDP.tokenWithAudience("someone-else", groups)));
        callers.put("the local admin's password", api);
        callers.forEach((what, caller) -> {
            var response = caller.get("/tenants");
            assertThat(response.status()).as(what).isEqualTo(401);
            assertThat(response.header("Content-Type")).as(what).startsWith("application/problem+json");
            assertThat(response.header("WWW-Authenticate")).as(what).startsWith("Bearer");
        });
        assertThat(api.anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void the_audit_actor_is_the_token_subject() {
        String slug = unique("actor");
        as(Role.ADMIN).post("/tenants", json("{'slug': '%s', 'displayName': 'Actor'}".formatted(slug)));
        var events = as(Role.ADMIN).get("/audit?target=tenants/" + slug).body().path("items");
        assertThat(events.get(0).path("actor").asString()).isEqualTo("admin-bot");
    }

    @Test
    void an_audit_entry_after_a_keycloak_like_token_shows_the_persons_name_and_is_found_by_it() {
        String subject = java.util.UUID.randomUUID().toString();
        java.time.Instant now = java.time.Instant.now();
        String token = IDP.sign(new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(IDP.issuer()).subject(subject)
                .audience(List.of(nova.testing.identity.TestIdentityProvider.AUDIENCE))
                .claim("groups", List.of("platform-admins")).claim("preferred_username", "alice.k")
                .claim("email", "alice@example.com").issueTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plusSeconds(300))).build());
        String slug = unique("named");

        assertThat(api.bearer(token).post("/tenants", json("{'slug': '%s', 'displayName': 'Named'}".formatted(slug)))
                .status()).isEqualTo(201);

        var byName = as(Role.ADMIN).get("/audit?actor=alice.k&target=tenants/" + slug).body().path("items");
        assertThat(byName.size()).isEqualTo(1);
        assertThat(byName.get(0).path("actorName").asString()).isEqualTo("alice.k");
        assertThat(byName.get(0).path("actor").asString()).isEqualTo(subject);
        assertThat(as(Role.ADMIN).get("/audit?actor=%s&target=tenants/%s".formatted(subject, slug)).body()
                .path("items").size()).as("found by the subject too").isEqualTo(1);
        var machine = as(Role.ADMIN).get("/audit?target=tenants/" + TEAM_A).body().path("items");
        assertThat(machine.get(machine.size() - 1).path("actorName").asString()).isEqualTo("admin-bot (service)");
    }

    @Test
    void with_an_issuer_metrics_and_the_api_explorer_are_not_public_but_the_api_document_is() {
        assertThat(api.anonymous().get("/actuator/prometheus").status()).isNotEqualTo(200);
        assertThat(api.anonymous().get("/swagger-ui/index.html").status()).isNotEqualTo(200);
        assertThat(api.anonymous().get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(api.anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void a_tenant_admin_lists_only_its_own_tenants() {
        var listed = new ArrayList<String>();
        as(Role.TENANT_ADMIN).get("/tenants?size=200").body().path("items")
                .forEach(t -> listed.add(t.path("slug").asString()));
        assertThat(listed).contains(TEAM_A).doesNotContain(TEAM_B);
    }

    @Test
    void tenant_owners_see_clusters_and_cluster_components_without_the_platforms_configuration() {
        var component = "/cluster-modules/%s/kueue".formatted(CLUSTER);
        var put = as(Role.ADMIN).put(component, json("{'enabled': true, 'values': {'nameOverride': 'nova-kueue'}}"));
        assertThat(put.status()).as(put.toString()).isIn(200, 201);

        var asAdmin = as(Role.ADMIN).get("/clusters/local").body();
        var asOwner = as(Role.TENANT_ADMIN).get("/clusters/local").body();
        assertThat(asAdmin.path("gitops").path("url").asString()).isNotBlank();
        assertThat(asOwner.path("name").asString()).isEqualTo("local");
        assertThat(asOwner.path("gitops").isNull() || asOwner.path("gitops").isMissingNode()).as(asOwner.toString())
                .isTrue();
        assertThat(as(Role.TENANT_ADMIN).get("/clusters").body().toString()).doesNotContain("file:");
        assertThat(as(Role.VIEWER).get("/clusters/local").body().path("gitops").path("url").asString()).isNotBlank();

        assertThat(as(Role.ADMIN).get(component).body().path("values").toString()).contains("nova-kueue");
        assertThat(as(Role.TENANT_ADMIN).get(component).body().path("values").toString()).isEqualTo("{}");
    }

    @Test
    void outsiders_cannot_tell_a_missing_tenant_from_one_they_may_not_read() {
        String missing = unique("no-such-team");
        for (String path : List.of("", "/modules", "/modules/jupyterhub", "/gpu-quotas", "/events",
                "/model-deployments")) {
            var existing = as(Role.OTHER_TENANT).get("/tenants/" + TEAM_A + path);
            var absent = as(Role.OTHER_TENANT).get("/tenants/" + missing + path);
            assertThat(absent.status()).as(path).isEqualTo(existing.status()).isEqualTo(403);
            assertThat(absent.text("detail")).as(path).isEqualTo(existing.text("detail").replace(TEAM_A, missing));
            assertThat(as(Role.ADMIN).get("/tenants/" + missing + path).status()).as(path).isEqualTo(404);
        }
        var write = as(Role.OTHER_TENANT).put("/tenants/" + missing + "/modules/jupyterhub", json("{'enabled': true}"));
        assertThat(write.status()).isEqualTo(403);
    }

    @Test
    void viewers_and_members_see_the_values_a_catalog_entry_marks_sensitive_redacted() {
        String module = "/tenants/%s/modules/jupyterhub".formatted(TEAM_A);
        var put = as(Role.ADMIN).put(module, json("{'enabled': true, 'values': {'hub': {'extraConfig': "
                + "{'nova': 'c.Spawner.start_timeout = 600'}}, 'cull': {'timeout': 3600}}}"));
        assertThat(put.status()).as(put.toString()).isIn(200, 201);

        var asViewer = as(Role.VIEWER).get(module).body().path("values");
        assertThat(asViewer.path("hub").path("extraConfig").asString()).isEqualTo("<redacted>");
        assertThat(asViewer.path("cull").path("timeout").asInt()).as("the rest stays readable").isEqualTo(3600);
        assertThat(as(Role.VIEWER).get("/tenants/%s/modules".formatted(TEAM_A)).raw().body())
                .doesNotContain("c.Spawner.start_timeout");
        assertThat(as(Role.TENANT_ADMIN).get(module).body().path("values").path("hub").path("extraConfig")
                .path("nova").asString()).as("its owners see what they set").contains("c.Spawner.start_timeout");
    }

    /** One endpoint, how to call it, and the status each role gets. */
    record Rule(String method, String template, java.util.function.Supplier<String> prepare,
                java.util.function.BiFunction<Api, String, Api.Response> call, Map<Role, Integer> expected) {

        /** A rule whose call needs nothing prepared. */
        Rule(String method, String template, Function<Api, Api.Response> call, Map<Role, Integer> expected) {
            this(method, template, () -> null, (api, prepared) -> call.apply(api), expected);
        }
    }

    private static Map<Role, Integer> statuses(int nobody, int otherTenant, int viewer, int tenantAdmin, int admin) {
        var map = new LinkedHashMap<Role, Integer>();
        map.put(Role.NOBODY, nobody);
        // a group the identity provider gives everybody, which is no tenant's: no more than no group at all
        map.put(Role.UNRELATED_GROUP, nobody);
        map.put(Role.OTHER_TENANT, otherTenant);
        map.put(Role.VIEWER, viewer);
        map.put(Role.TENANT_ADMIN, tenantAdmin);
        map.put(Role.ADMIN, admin);
        return map;
    }

    private static Map<Role, Integer> everyone(int status) {
        return statuses(status, status, status, status, status);
    }

    private static Map<Role, Integer> adminOnly(int status) {
        return statuses(403, 403, 403, 403, status);
    }

    private static Map<Role, Integer> anyRole(int status) {
        return statuses(403, status, status, status, status);
    }

    private static Map<Role, Integer> tenantRead(int status) {
        return statuses(403, 403, status, status, status);
    }

    private static Map<Role, Integer> tenantWrite(int status) {
        return statuses(403, 403, 403, status, status);
    }

    private static String modelBody(String name) {
        return json("{'name': '%s', 'model': 'Qwen/Qwen2.5-0.5B-Instruct', 'precision': 'FP16', 'pool': '%s'}"
                .formatted(name, MODEL_POOL));
    }

    private List<Rule> rules() {
        String tenant = "/tenants/" + TEAM_A;
        String pool = "/gpu-pools/" + POOL;
        String poolBody = json("{'name': '%s', 'cluster': 'local', 'gpuModel': 'L4', 'nodeCount': 1, "
                .formatted(POOL) + "'gpusPerNode': 8, 'sharing': {'mode': 'EXCLUSIVE'}}");
        String tenantBody = json("{'displayName': 'A', 'ownerGroups': ['team-a-admins']}");
        String module = tenant + "/modules/jupyterhub";
        String models = tenant + "/model-deployments";
        String keys = tenant + "/model-api-keys";
        return List.of(
                new Rule("GET", "/api/v1/me", a -> a.get("/me"), everyone(200)),
                new Rule("GET", "/api/v1/gpu-models", a -> a.get("/gpu-models"), everyone(200)),
                new Rule("GET", "/api/v1/gpu-models/{id}", a -> a.get("/gpu-models/L4"), everyone(200)),
                new Rule("GET", "/api/v1/modules", a -> a.get("/modules"), everyone(200)),
                new Rule("GET", "/api/v1/modules/{key}", a -> a.get("/modules/mlflow"), everyone(200)),
                new Rule("GET", "/api/v1/clusters", a -> a.get("/clusters"), anyRole(200)),
                new Rule("POST", "/api/v1/clusters", a -> a.post("/clusters",
                        json("{'name': '%s', 'deliveryMode': 'DIRECT'}".formatted(unique("acl")))), adminOnly(201)),
                new Rule("GET", "/api/v1/clusters/{name}", a -> a.get("/clusters/" + CLUSTER), anyRole(200)),
                new Rule("PUT", "/api/v1/clusters/{name}", a -> a.put("/clusters/" + CLUSTER,
                        json("{'deliveryMode': 'DIRECT'}")), adminOnly(200)),
                new Rule("DELETE", "/api/v1/clusters/{name}", this::freshCluster,
                        (a, name) -> a.delete("/clusters/" + name), adminOnly(204)),
                new Rule("GET", "/api/v1/clusters/{name}/plan", a -> a.get("/clusters/local/plan"), adminOnly(200)),
                new Rule("POST", "/api/v1/clusters/{name}/reconcile", a -> a.post("/clusters/local/reconcile", ""),
                        adminOnly(200)),
                new Rule("POST", "/api/v1/clusters/{name}/git-read-token",
                        a -> a.post("/clusters/local/git-read-token", ""), adminOnly(201)),
                new Rule("GET", "/api/v1/clusters/{name}/gpu-queues", a -> a.get("/clusters/local/gpu-queues"),
                        statuses(403, 403, 200, 403, 200)),
                new Rule("GET", "/api/v1/tenants/{slug}/gpu-queue", a -> a.get(tenant + "/gpu-queue"),
                        tenantRead(200)),
                new Rule("POST", "/api/v1/model-facts", a -> a.post("/model-facts", json("{'config': "
                        + "{'hidden_size': 4096, 'num_hidden_layers': 32, 'num_attention_heads': 32, "
                        + "'max_position_embeddings': 8192, 'vocab_size': 32000}}")), anyRole(200)),
                new Rule("GET", "/api/v1/gpu-pools", a -> a.get("/gpu-pools"), anyRole(200)),
                new Rule("POST", "/api/v1/gpu-pools", a -> a.post("/gpu-pools", json("""
                        {'name': '%s', 'cluster': 'local', 'gpuModel': 'T4', 'nodeCount': 1, 'gpusPerNode': 1,
                         'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(unique("acl")))), adminOnly(201)),
                new Rule("GET", "/api/v1/gpu-pools/{name}", a -> a.get(pool), anyRole(200)),
                new Rule("POST", "/api/v1/gpu-pools/preview", a -> a.post("/gpu-pools/preview", poolBody),
                        anyRole(200)),
                new Rule("PUT", "/api/v1/gpu-pools/{name}", a -> a.put(pool, poolBody), adminOnly(200)),
                new Rule("DELETE", "/api/v1/gpu-pools/{name}", this::freshPool,
                        (a, name) -> a.delete("/gpu-pools/" + name), adminOnly(204)),
                new Rule("GET", "/api/v1/tenants", a -> a.get("/tenants"), everyone(200)),
                new Rule("POST", "/api/v1/tenants", a -> a.post("/tenants",
                        json("{'slug': '%s', 'displayName': 'X'}".formatted(unique("acl")))), adminOnly(201)),
                new Rule("GET", "/api/v1/tenants/{slug}", a -> a.get(tenant), tenantRead(200)),
                new Rule("GET", "/api/v1/tenants/{slug}/events", a -> a.get(tenant + "/events"), tenantRead(200)),
                new Rule("PUT", "/api/v1/tenants/{slug}", a -> a.put(tenant, tenantBody), adminOnly(200)),
                new Rule("DELETE", "/api/v1/tenants/{slug}", this::freshTenant,
                        (a, slug) -> a.delete("/tenants/" + slug), adminOnly(204)),
                new Rule("GET", "/api/v1/tenants/{slug}/gpu-quotas", a -> a.get(tenant + "/gpu-quotas"),
                        tenantRead(200)),
                new Rule("GET", "/api/v1/tenants/{slug}/gpu-quotas/{pool}",
                        a -> a.get(tenant + "/gpu-quotas/" + POOL), tenantRead(200)),
                new Rule("PUT", "/api/v1/tenants/{slug}/gpu-quotas/{pool}",
                        a -> a.put(tenant + "/gpu-quotas/" + POOL, json("{'guaranteed': 1}")), adminOnly(200)),
                new Rule("DELETE", "/api/v1/tenants/{slug}/gpu-quotas/{pool}", this::freshQuotaPool,
                        (a, quotaPool) -> a.delete("/tenants/%s/gpu-quotas/%s".formatted(TEAM_A, quotaPool)),
                        adminOnly(204)),
                new Rule("GET", "/api/v1/tenants/{slug}/modules", a -> a.get(tenant + "/modules"), tenantRead(200)),
                new Rule("GET", "/api/v1/tenants/{slug}/modules/{key}", a -> a.get(module), tenantRead(200)),
                new Rule("PUT", "/api/v1/tenants/{slug}/modules/{key}",
                        a -> a.put(module, json("{'enabled': true}")), tenantWrite(200)),
                new Rule("DELETE", "/api/v1/tenants/{slug}/modules/{key}", this::freshModule,
                        (a, key) -> a.delete(tenant + "/modules/" + key), tenantWrite(204)),
                new Rule("POST", "/api/v1/tenants/{slug}/modules/{key}/rotate-client-secret",
                        a -> a.post(module + "/rotate-client-secret", ""), tenantWrite(409)),
                new Rule("GET", "/api/v1/tenants/{slug}/modules/{key}/credentials",
                        a -> a.get(module + "/credentials"), tenantRead(200)),
                // JupyterHub generates no credential of that name: writers learn so, the others may not ask
                new Rule("POST", "/api/v1/tenants/{slug}/modules/{key}/credentials/{secret}/rotate",
                        a -> a.post(module + "/credentials/minio-root-credentials/rotate", ""), tenantWrite(404)),
                new Rule("GET", "/api/v1/tenants/{slug}/model-deployments", a -> a.get(models), tenantRead(200)),
                new Rule("POST", "/api/v1/tenants/{slug}/model-deployments",
                        a -> a.post(models, modelBody(unique("acl"))), tenantWrite(201)),
                new Rule("POST", "/api/v1/tenants/{slug}/model-deployments/plan",
                        a -> a.post(models + "/plan", modelBody("acl-plan")), tenantRead(200)),
                // the matrix's pool gives whole GPUs: readers get the planner's 422, outsiders nothing
                new Rule("POST", "/api/v1/tenants/{slug}/model-deployments/co-location-plan",
                        a -> a.post(models + "/co-location-plan", json("{'pool': '%s', 'deployments': [{'name': "
                                .formatted(MODEL_POOL) + "'a', 'model': 'Qwen/Qwen2.5-0.5B-Instruct'}]}")),
                        tenantRead(422)),
                new Rule("GET", "/api/v1/tenants/{slug}/model-deployments/{name}", a -> a.get(models + "/acl-model"),
                        tenantRead(200)),
                new Rule("PUT", "/api/v1/tenants/{slug}/model-deployments/{name}",
                        a -> a.put(models + "/acl-model", modelBody("acl-model")), tenantWrite(200)),
                new Rule("DELETE", "/api/v1/tenants/{slug}/model-deployments/{name}", this::freshModel,
                        (a, name) -> a.delete(models + "/" + name), tenantWrite(204)),
                new Rule("GET", "/api/v1/tenants/{slug}/model-api-keys", a -> a.get(keys), tenantRead(200)),
                // no Vault in this context: writers learn that keys need it, the others may not ask
                new Rule("POST", "/api/v1/tenants/{slug}/model-api-keys",
                        a -> a.post(keys, json("{'name': 'acl-key'}")), tenantWrite(409)),
                new Rule("POST", "/api/v1/tenants/{slug}/model-api-keys/{name}/rotate",
                        a -> a.post(keys + "/acl-key/rotate", ""), tenantWrite(404)),
                new Rule("DELETE", "/api/v1/tenants/{slug}/model-api-keys/{name}",
                        a -> a.delete(keys + "/acl-key"), tenantWrite(404)),
                new Rule("GET", "/api/v1/cluster-modules", a -> a.get("/cluster-modules"), anyRole(200)),
                new Rule("GET", "/api/v1/cluster-modules/{cluster}/{key}",
                        a -> a.get("/cluster-modules/local/nope"), anyRole(404)),
                new Rule("PUT", "/api/v1/cluster-modules/{cluster}/{key}",
                        a -> a.put("/cluster-modules/%s/node-feature-discovery".formatted(CLUSTER),
                                json("{'enabled': false}")), adminOnly(201)),
                new Rule("DELETE", "/api/v1/cluster-modules/{cluster}/{key}",
                        a -> a.delete("/cluster-modules/%s/neuvector".formatted(CLUSTER)), adminOnly(404)),
                new Rule("GET", "/api/v1/audit", a -> a.get("/audit"), statuses(403, 403, 200, 403, 200)));
    }

    @Test
    void every_endpoint_answers_each_role_as_the_rules_say_and_a_refusal_changes_nothing() {
        List<Rule> rules = rules();
        var failures = new ArrayList<String>();
        for (Rule rule : rules) {
            for (var expectation : rule.expected().entrySet()) {
                Role role = expectation.getKey();
                int wanted = expectation.getValue();
                String prepared = rule.prepare().get();
                String before = wanted == 403 ? databaseSnapshot() : null;
                var response = rule.call().apply(as(role), prepared);
                boolean ok = response.status() == wanted
                        || wanted == 201 && response.status() == 200 && rule.method().equals("PUT");
                if (!ok) {
                    failures.add("%s %s as %s: expected %d, got %s".formatted(rule.method(), rule.template(), role,
                            wanted, response));
                }
                if (wanted == 403 && !before.equals(databaseSnapshot())) {
                    failures.add("%s %s as %s was refused but changed the database".formatted(rule.method(),
                            rule.template(), role));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void every_endpoint_of_the_api_document_has_a_rule() {
        var documented = new TreeSet<String>();
        api.anonymous().get("/v3/api-docs").body().path("paths").properties().forEach(path -> {
            if (path.getKey().startsWith("/api/")) {
                path.getValue().properties().forEach(operation ->
                        documented.add(operation.getKey().toUpperCase() + " " + path.getKey()));
            }
        });
        var covered = new TreeSet<String>();
        rules().forEach(rule -> covered.add(rule.method() + " " + rule.template()));
        assertThat(covered).containsAll(documented);
        assertThat(documented).isNotEmpty();
    }

    // --- fresh resources for the rows that delete something ---------------------------------------------------

    private Api admin() {
        return as(Role.ADMIN);
    }

    private String freshCluster() {
        String name = unique("acl-del");
        admin().post("/clusters", json("{'name': '%s', 'deliveryMode': 'DIRECT'}".formatted(name)));
        return name;
    }

    private String freshPool() {
        String name = unique("acl-del");
        admin().post("/gpu-pools", json("""
                {'name': '%s', 'cluster': 'local', 'gpuModel': 'T4', 'nodeCount': 1, 'gpusPerNode': 1,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(name)));
        return name;
    }

    private String freshTenant() {
        String slug = unique("acl-del");
        admin().post("/tenants", json("{'slug': '%s', 'displayName': 'Delete me'}".formatted(slug)));
        return slug;
    }

    private String freshQuotaPool() {
        String pool = freshPool();
        admin().put("/tenants/%s/gpu-quotas/%s".formatted(TEAM_A, pool), json("{'guaranteed': 1}"));
        return pool;
    }

    private String freshModel() {
        String name = unique("acl-del");
        assertThat(admin().post("/tenants/%s/model-deployments".formatted(TEAM_A), modelBody(name)).status())
                .isEqualTo(201);
        return name;
    }

    private String freshModule() {
        admin().put("/tenants/%s/modules/kuberay".formatted(TEAM_A), json("{'enabled': false}"));
        return "kuberay";
    }

    @Test
    void me_tells_each_caller_its_roles_and_tenants() {
        var tenantAdmin = as(Role.TENANT_ADMIN).get("/me").body();
        assertThat(tenantAdmin.path("subject").asString()).isEqualTo("team-a-bot");
        assertThat(tenantAdmin.path("roles").toString()).contains("tenant-admin").doesNotContain("platform-admin");
        assertThat(tenantAdmin.path("adminOfTenants").toString()).contains(TEAM_A).doesNotContain(TEAM_B);
        assertThat(as(Role.ADMIN).get("/me").body().path("roles").toString()).contains("platform-admin");
        assertThat(as(Role.VIEWER).get("/me").body().path("roles").toString()).contains("viewer");
        assertThat(as(Role.NOBODY).get("/me").body().path("roles").size()).isZero();
    }
}
