package io.nova.platform.k8s.render;

import static io.nova.platform.k8s.render.ToolChartsRenderTest.NAMESPACE;
import static io.nova.platform.k8s.render.ToolChartsRenderTest.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nova.platform.core.gpu.GpuSharing;
import io.nova.platform.core.module.ModuleScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MLflow and MinIO of a tenant with every tool, rendered through their real charts: MLflow keeps its runs in the
 * chart's PostgreSQL and its artifacts in the tenant's MinIO, both with generated credentials, and logs users in
 * through its OIDC plugin; MinIO creates MLflow's user and logs people in with their groups as policies.
 */
class MlflowAndMinioChartsTest {

    private static final String ISSUER = "https://vault.example.com/v1/identity/oidc/provider/nova";
    private static final RenderSettings SETTINGS = RenderSettings.defaults().withOidc(ISSUER, null);

    private static Path charts;
    private static StubKubeApi api;

    @BeforeAll
    static void startStubApi() {
        charts = ReferenceCharts.dir().orElse(null);
        api = StubKubeApi.start().orElse(null);
    }

    @AfterAll
    static void stopStubApi() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void mlflow_keeps_its_runs_in_the_charts_postgresql_with_the_generated_password() {
        List<HasMetadata> platform = platform(ToolChartsRenderTest.everyTool());
        List<Map<String, Object>> mlflow = renderChart(platform, "mlflow");

        Map<String, Object> server = container(mlflow, "Deployment", "mlflow", "mlflow");
        assertThat(args(server)).contains("--backend-store-uri=postgresql://");
        Map<String, Object> connection = data(find(mlflow, "ConfigMap", "mlflow-env-configmap"));
        assertThat(connection).containsEntry("PGHOST", "mlflow-postgresql").containsEntry("PGDATABASE", "mlflow");
        assertThat(find(mlflow, "Service", "mlflow-postgresql")).isNotNull();
        assertThat(env(server).get("PGPASSWORD")).isEqualTo(secretKeyRef("mlflow-postgresql", "password", true));
        Map<String, Object> postgres = container(mlflow, "StatefulSet", "mlflow-postgresql", "postgresql");
        assertThat(env(postgres)).containsEntry("POSTGRES_USER", "mlflow")
                .containsEntry("POSTGRES_PASSWORD_FILE", "/opt/bitnami/postgresql/secrets/password")
                .containsEntry("POSTGRES_POSTGRES_PASSWORD_FILE", "/opt/bitnami/postgresql/secrets/postgres-password");
        assertThat(String.valueOf(TenantChartsRenderTest.nested(find(mlflow, "StatefulSet", "mlflow-postgresql"),
                "spec", "template", "spec", "volumes"))).contains("secretName=mlflow-postgresql");
        assertThat(externalSecretKeys(platform, "mlflow-postgresql"))
                .containsExactly("username", "password", "postgres-password");
        assertThat(container(mlflow, "Deployment", "mlflow", "mlflow-db-migration")).isNotNull();
    }

    @Test
    void mlflow_serves_the_artifacts_it_stores_in_the_tenants_minio() {
        List<HasMetadata> platform = platform(ToolChartsRenderTest.everyTool());
        List<Map<String, Object>> mlflow = renderChart(platform, "mlflow");
        List<Map<String, Object>> minio = renderChart(platform, "minio");

        Map<String, Object> server = container(mlflow, "Deployment", "mlflow", "mlflow");
        assertThat(args(server)).contains("--artifacts-destination=s3://mlflow/", "--serve-artifacts");
        Map<String, Object> env = env(server);
        assertThat(env).containsEntry("MLFLOW_S3_ENDPOINT_URL", "http://minio." + NAMESPACE + ".svc.cluster.local:9000")
                .containsEntry("AWS_ACCESS_KEY_ID", secretKeyRef("mlflow-s3-credentials", "AWS_ACCESS_KEY_ID", false))
                .containsEntry("AWS_SECRET_ACCESS_KEY",
                        secretKeyRef("mlflow-s3-credentials", "AWS_SECRET_ACCESS_KEY", false));
        assertThat(String.valueOf(TenantChartsRenderTest.nested(find(minio, "Service", "minio"), "spec", "ports")))
                .contains("port=9000");
    }

    @Test
    void minio_creates_mlflows_user_from_the_generated_secret_with_a_policy_for_mlflows_bucket_only() {
        List<Map<String, Object>> minio = renderChart(platform(ToolChartsRenderTest.everyTool()), "minio");

        Map<String, Object> scripts = data(find(minio, "ConfigMap", "minio"));
        assertThat(String.valueOf(scripts.get("add-user")))
                .contains("echo mlflow > $MINIO_ACCESSKEY_SECRETKEY_TMP")
                .contains("cat /config/secrets/mlflow-s3-credentials/AWS_SECRET_ACCESS_KEY >>")
                .contains("createUser mlflow-artifacts")
                .doesNotContain("console123");
        String policy = policyDocument(scripts, "mlflow-artifacts");
        assertThat(policy).contains("\"arn:aws:s3:::mlflow\"", "\"arn:aws:s3:::mlflow/*\"")
                .doesNotContain("arn:aws:s3:::*", "admin:");
        Map<String, Object> job = find(minio, "Job", "minio-post-job");
        assertThat(String.valueOf(TenantChartsRenderTest.nested(job, "spec", "template", "spec", "volumes")))
                .contains("name=mlflow-s3-credentials")
                .contains("key=AWS_SECRET_ACCESS_KEY, path=secrets/mlflow-s3-credentials/AWS_SECRET_ACCESS_KEY");
        assertThat(String.valueOf(scripts.get("initialize"))).contains("createBucket mlflow");
    }

    @Test
    void mlflow_logs_users_in_through_its_oidc_plugin_with_the_tenants_groups() {
        List<Map<String, Object>> mlflow = renderChart(platform(ToolChartsRenderTest.everyTool()), "mlflow");

        Map<String, Object> server = container(mlflow, "Deployment", "mlflow", "mlflow");
        assertThat(args(server)).contains("--app-name=oidc-auth");
        Map<String, Object> env = env(server);
        assertThat(env).containsEntry("OIDC_DISCOVERY_URL", ISSUER + "/.well-known/openid-configuration")
                .containsEntry("OIDC_REDIRECT_URI", "https://mlflow-team-a.example.com/callback")
                .containsEntry("OIDC_SCOPE", "openid,groups")
                .containsEntry("OIDC_GROUPS_ATTRIBUTE", "groups")
                .containsEntry("OIDC_GROUP_NAME", "team-a-owners,team-a-users")
                .containsEntry("OIDC_ADMIN_GROUP_NAME", "team-a-owners")
                .containsEntry("OIDC_USERNAME_FIELD", "sub")
                .containsEntry("OIDC_CLIENT_SECRET", secretKeyRef("nova-oidc-mlflow", "client-secret", false))
                .containsEntry("CONFIG_K8S_SECRETS_ENABLED", "true");
        // the client id reaches the plugin as a file named after its setting, from the platform's OIDC Secret
        String path = String.valueOf(env.get("CONFIG_K8S_SECRETS_PATH"));
        assertThat(String.valueOf(server.get("volumeMounts"))).contains("mountPath=" + path + ", name=oidc-client");
        assertThat(String.valueOf(TenantChartsRenderTest.nested(find(mlflow, "Deployment", "mlflow"), "spec",
                "template", "spec", "volumes")))
                .contains("secretName=nova-oidc-mlflow").contains("key=client-id, path=OIDC_CLIENT_ID");
        // the plugin's users and permissions live next to MLflow's tables, with a migration history of their own
        assertThat(String.valueOf(env.get("OIDC_USERS_DB_URI")))
                .isEqualTo("postgresql://$(OIDC_DB_USER):$(OIDC_DB_PASSWORD)@mlflow-postgresql:5432/mlflow");
        assertThat(env).containsEntry("OIDC_DB_USER", secretKeyRef("mlflow-postgresql", "username", false))
                .containsEntry("OIDC_DB_PASSWORD", secretKeyRef("mlflow-postgresql", "password", false))
                .containsEntry("OIDC_ALEMBIC_VERSION_TABLE", "alembic_version_oidc_auth");
    }

    @Test
    void minio_logs_people_in_with_their_groups_as_policies() {
        List<Map<String, Object>> minio = renderChart(platform(ToolChartsRenderTest.everyTool()), "minio");

        Map<String, Object> env = env(container(minio, "Deployment", "minio", "minio"));
        assertThat(env).containsEntry("MINIO_IDENTITY_OPENID_CONFIG_URL", ISSUER + "/.well-known/openid-configuration")
                .containsEntry("MINIO_IDENTITY_OPENID_CLIENT_ID", secretKeyRef("nova-oidc-minio", "client-id", false))
                .containsEntry("MINIO_IDENTITY_OPENID_CLIENT_SECRET",
                        secretKeyRef("nova-oidc-minio", "client-secret", false))
                .containsEntry("MINIO_IDENTITY_OPENID_CLAIM_NAME", "groups")
                .containsEntry("MINIO_IDENTITY_OPENID_SCOPES", "openid,groups")
                .containsEntry("MINIO_IDENTITY_OPENID_REDIRECT_URI", "https://minio-team-a.example.com/oauth_callback");
        Map<String, Object> scripts = data(find(minio, "ConfigMap", "minio"));
        assertThat(policyDocument(scripts, "team-a-owners")).contains("\"s3:*\"");
        assertThat(policyDocument(scripts, "team-a-users")).contains("\"s3:PutObject\"").doesNotContain("\"s3:*\",")
                .contains("\"Effect\": \"Deny\"");
    }

    @Test
    void a_tenants_minio_policies_are_kept_but_cannot_replace_the_platforms_or_grant_admin_actions() {
        var tenantPolicies = List.of(
                Map.of("name", "team-a-users", "statements", List.of(Map.of("actions", List.of("s3:*"),
                        "resources", List.of("arn:aws:s3:::*")))),
                Map.of("name", "datasets-read", "statements", List.of(
                        Map.of("actions", List.of("admin:*")),
                        Map.of("actions", List.of("s3:GetObject"), "resources", List.of("arn:aws:s3:::datasets/*")))));
        var state = everyToolWith("minio", Map.of("policies", tenantPolicies,
                "buckets", List.of(Map.of("name", "datasets"))));

        Map<String, Object> values = ToolChartsRenderTest.releaseValues(platform(state), "minio");

        @SuppressWarnings("unchecked")
        var policies = (List<Map<String, Object>>) values.get("policies");
        assertThat(policies).extracting(p -> p.get("name"))
                .containsExactly("datasets-read", "mlflow-artifacts", "team-a-owners", "team-a-users");
        assertThat(String.valueOf(policies.get(0))).doesNotContain("admin:").contains("s3:GetObject");
        assertThat(String.valueOf(policies.get(3))).contains("s3:PutObject", "Deny");
        assertThat(String.valueOf(values.get("buckets"))).contains("name=datasets", "name=mlflow");
    }

    @Test
    void a_tenants_minio_environment_cannot_change_its_root_user_or_how_people_log_in() {
        var environment = new LinkedHashMap<String, Object>();
        environment.put("MINIO_IDENTITY_OPENID_CLAIM_NAME", "email");
        environment.put("MINIO_IDENTITY_OPENID_ROLE_POLICY", "consoleAdmin");
        environment.put("minio_identity_ldap_server_addr", "ldap.example.com:636");
        environment.put("MINIO_ROOT_PASSWORD", "known-to-the-tenant");
        environment.put("MINIO_BROWSER_SESSION_DURATION", "2h");
        List<Map<String, Object>> minio = renderChart(platform(everyToolWith("minio",
                Map.of("environment", environment))), "minio");

        Map<String, Object> env = env(container(minio, "Deployment", "minio", "minio"));
        assertThat(env).containsEntry("MINIO_IDENTITY_OPENID_CLAIM_NAME", "groups")
                .containsEntry("MINIO_BROWSER_SESSION_DURATION", "2h")
                .doesNotContainKeys("MINIO_IDENTITY_OPENID_ROLE_POLICY", "minio_identity_ldap_server_addr");
        assertThat(env.get("MINIO_ROOT_PASSWORD")).as("from the generated Secret, not the tenant's value")
                .isEqualTo(secretKeyRef("minio-root-credentials", "rootPassword", false));
    }

    @Test
    void a_tenants_mlflow_variables_cannot_change_its_login_or_where_its_artifacts_go() {
        var variables = new LinkedHashMap<String, Object>();
        variables.put("OIDC_ADMIN_GROUP_NAME", "everyone");
        variables.put("oidc_group_name", "everyone");
        variables.put("AWS_SECRET_ACCESS_KEY", "known-to-the-tenant");
        variables.put("MLFLOW_S3_ENDPOINT_URL", "https://elsewhere.example.com");
        variables.put("GUNICORN_CMD_ARGS", "--timeout 120");
        List<Map<String, Object>> mlflow = renderChart(platform(everyToolWith("mlflow",
                Map.of("extraEnvVars", variables))), "mlflow");

        Map<String, Object> env = env(container(mlflow, "Deployment", "mlflow", "mlflow"));
        assertThat(env).containsEntry("OIDC_ADMIN_GROUP_NAME", "team-a-owners")
                .containsEntry("OIDC_GROUP_NAME", "team-a-owners,team-a-users")
                .containsEntry("MLFLOW_S3_ENDPOINT_URL", "http://minio." + NAMESPACE + ".svc.cluster.local:9000")
                .containsEntry("GUNICORN_CMD_ARGS", "--timeout 120")
                .doesNotContainKey("oidc_group_name");
        assertThat(env.get("AWS_SECRET_ACCESS_KEY")).isInstanceOf(Map.class);
    }

    private static DesiredStates everyToolWith(String key, Map<String, Object> values) {
        var state = DesiredStates.gitops().pool("a100", "A100-80GB", 2, 8, GpuSharing.exclusive())
                .tenant(TENANT, "team-a-owners").members(TENANT, "team-a-users");
        DesiredStates.MODULES.byScope(ModuleScope.TENANT).forEach(module -> state.module(TENANT, module.key(), true,
                module.key().equals(key) ? values : Map.of()));
        return state;
    }

    private static List<HasMetadata> platform(DesiredStates state) {
        return new ClusterRenderer(SETTINGS).render(state.build());
    }

    private static List<Map<String, Object>> renderChart(List<HasMetadata> platform, String key) {
        assumeTrue(charts != null && charts.resolve(key).toFile().isDirectory(), "no reference chart for " + key);
        assumeTrue(api != null, "no stub Kubernetes API for Helm's lookup calls (see StubKubeApi)");
        return ReferenceCharts.render(charts.resolve(key), key, NAMESPACE,
                ToolChartsRenderTest.releaseValues(platform, key));
    }

    private static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.get("kind")) && name.equals(TenantChartsRenderTest.name(o)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> object) {
        return (Map<String, Object>) object.getOrDefault("data", Map.of());
    }

    /** A container or init container of a workload. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(List<Map<String, Object>> objects, String kind, String name,
                                                 String container) {
        var spec = (Map<String, Object>) TenantChartsRenderTest.nested(find(objects, kind, name), "spec", "template",
                "spec");
        return java.util.stream.Stream.of("initContainers", "containers")
                .flatMap(field -> ((List<Map<String, Object>>) spec.getOrDefault(field, List.of())).stream())
                .filter(c -> container.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + container + " in " + kind + " " + name));
    }

    @SuppressWarnings("unchecked")
    private static List<String> args(Map<String, Object> container) {
        return (List<String>) container.getOrDefault("args", List.of());
    }

    /** The container's env by name: the value, or the valueFrom; a later entry of the same name wins. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(Map<String, Object> container) {
        var env = new LinkedHashMap<String, Object>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
            env.put((String) entry.get("name"), entry.containsKey("valueFrom") ? entry.get("valueFrom")
                    : String.valueOf(entry.get("value")));
        }
        return env;
    }

    private static Map<String, Object> secretKeyRef(String secret, String key, boolean optional) {
        var ref = new LinkedHashMap<String, Object>();
        ref.put("name", secret);
        ref.put("key", key);
        if (optional) {
            ref.put("optional", true);
        }
        return Map.of("secretKeyRef", ref);
    }

    /** The JSON document the chart's set-up job creates the named policy from. */
    private static String policyDocument(Map<String, Object> scripts, String name) {
        String script = String.valueOf(scripts.get("add-policy"));
        var created = java.util.regex.Pattern.compile("createPolicy " + java.util.regex.Pattern.quote(name)
                + " (policy_\\d+)").matcher(script);
        assertThat(created.find()).as("the set-up job creates policy %s", name).isTrue();
        return String.valueOf(scripts.get(created.group(1) + ".json"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> externalSecretKeys(List<HasMetadata> platform, String secret) {
        Map<String, Object> external = ToolChartsRenderTest.asMaps(platform).stream()
                .filter(o -> "ExternalSecret".equals(o.get("kind")) && secret.equals(TenantChartsRenderTest.name(o)))
                .findFirst().orElseThrow(() -> new AssertionError("no ExternalSecret " + secret));
        return ((List<Map<String, Object>>) TenantChartsRenderTest.nested(external, "spec", "data")).stream()
                .map(entry -> (String) entry.get("secretKey")).toList();
    }
}
