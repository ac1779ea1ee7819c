package io.nova.platform.k8s.render.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nova.platform.k8s.render.Values;

/**
 * MLflow (community-charts chart):
 * <ul>
 *   <li>tracking data in the chart's PostgreSQL (the Bitnami subchart, Service {@value #DATABASE_SERVICE}) as the user
 *   {@value #DATABASE_USER}; its passwords from the generated {@value #DATABASE_SECRET}, which is also the name the
 *   chart reads the password from when the subchart is on; the chart waits for the database and migrates its schema
 *   before the server starts;</li>
 *   <li>artifacts in the tenant's MinIO (bucket {@value #BUCKET}) with the generated {@value #S3_SECRET}, proxied by
 *   the server ({@code --serve-artifacts}): clients need only {@code MLFLOW_TRACKING_URI}, never S3 keys;</li>
 *   <li>login through the chart's OIDC plugin (mlflow-oidc-auth) against the platform's provider: the tenant's groups
 *   may log in, owner groups are MLflow admins; users are named by the provider's {@code sub} (its only identity
 *   claim); the plugin keeps users and permissions in MLflow's database, next to MLflow's tables (none share a name),
 *   with its own migration history table {@value #AUTH_VERSION_TABLE};</li>
 *   <li>its ServiceAccount named {@code mlflow}; the subchart's NetworkPolicy off (the platform renders the
 *   tenant's).</li>
 * </ul>
 */
final class MlflowValues implements ToolValues {

    static final String BUCKET = "mlflow";
    static final String S3_SECRET = "mlflow-s3-credentials";
    static final String S3_ACCESS_KEY = "AWS_ACCESS_KEY_ID";
    static final String S3_SECRET_KEY = "AWS_SECRET_ACCESS_KEY";
    /** The chart names the subchart's Service and, without an existing Secret, its Secret {@code <release>-postgresql}. */
    static final String DATABASE_SERVICE = "mlflow-postgresql";
    static final String DATABASE_SECRET = "mlflow-postgresql";
    static final String DATABASE_USER = "mlflow";
    static final String DATABASE = "mlflow";
    /**
     * The plugin's Alembic version table, apart from MLflow's {@code alembic_version}. A database of its own would
     * have to be made by the subchart's init scripts, which run as the non-superuser {@value #DATABASE_USER}.
     */
    static final String AUTH_VERSION_TABLE = "alembic_version_oidc_auth";
    /** Where the plugin's Kubernetes-secrets configuration provider reads its secret settings, one file per key. */
    static final String PLUGIN_SECRETS_PATH = "/var/run/secrets/mlflow-oidc-auth";
    /** Members may create experiments and models and edit what they may see; creators manage their own. */
    static final String MEMBER_PERMISSION = "EDIT";

    /**
     * Variables a tenant's {@code extraEnvVars} must not set: the chart renders them after its own, so they would win
     * over how people log in (the OIDC plugin's {@code OIDC_*} settings and where it reads its client) and where the
     * artifacts go (the S3 endpoint and keys of the tenant's MinIO).
     */
    private static final List<String> PLATFORM_VARIABLES = List.of("OIDC_", "CONFIG_K8S_SECRETS_", "AWS_",
            "MLFLOW_S3_");

    @Override
    public String module() {
        return "mlflow";
    }

    @Override
    public Map<String, Object> tenantValues(ToolContext context) {
        return ToolValues.withoutVariables(context.install().values(), "extraEnvVars", PLATFORM_VARIABLES);
    }

    @Override
    public Map<String, Object> values(ToolContext context) {
        Map<String, Object> values = Values.merge(
                Values.at("serviceAccount", Map.of("create", true, "name", "mlflow")),
                backendStore());
        if (context.enabled("minio")) {
            values = Values.merge(values, artifacts(context));
        }
        if (context.signsOn() && context.tenant() != null) {
            values = Values.merge(values, signOn(context));
        }
        return values;
    }

    private static Map<String, Object> backendStore() {
        var auth = new LinkedHashMap<String, Object>();
        auth.put("username", DATABASE_USER);
        auth.put("database", DATABASE);
        auth.put("existingSecret", DATABASE_SECRET);
        return Values.merge(
                Values.at("backendStore", Map.of("databaseConnectionCheck", true, "databaseMigration", true)),
                Values.at("postgresql.enabled", true),
                Values.at("postgresql.auth", auth),
                Values.at("postgresql.primary.networkPolicy.enabled", false));
    }

    private static Map<String, Object> artifacts(ToolContext context) {
        return Values.merge(
                Values.at("artifactRoot", Map.of("proxiedArtifactStorage", true)),
                Values.at("artifactRoot.s3", Map.of("enabled", true, "bucket", BUCKET,
                        "existingSecret", Map.of("name", S3_SECRET, "keyOfAccessKeyId", S3_ACCESS_KEY,
                                "keyOfSecretAccessKey", S3_SECRET_KEY))),
                Values.at("extraEnvVars.MLFLOW_S3_ENDPOINT_URL", context.serviceUrl("minio", 9000)));
    }

    private static Map<String, Object> signOn(ToolContext context) {
        var oidc = new LinkedHashMap<String, Object>();
        oidc.put("enabled", true);
        oidc.put("discoveryUrl", context.signOn().discovery());
        oidc.put("existingSecret", Map.of("name", context.oidcSecret(),
                "clientSecretKey", ToolContext.CLIENT_SECRET_KEY));
        oidc.put("redirectUri", context.redirectUri());
        oidc.put("scope", "openid,groups");
        oidc.put("providerDisplayName", "Log in with Nova");
        oidc.put("groupsAttribute", "groups");
        oidc.put("groupName", context.tenant().allGroups());
        oidc.put("adminGroupName", context.tenant().ownerGroups());
        oidc.put("defaultPermission", MEMBER_PERMISSION);
        oidc.put("sessionCookieSecure", true);
        oidc.put("database", Map.of("postgres", Map.of("enabled", true, "host", DATABASE_SERVICE, "port", 5432,
                "database", DATABASE, "existingSecret", Map.of("name", DATABASE_SECRET,
                        "usernameKey", "username", "passwordKey", "password"))));
        // The chart passes the client id only as a plain value, but the platform has it only in the Secret: the
        // plugin's Kubernetes-secrets provider reads it from a file named after the setting, and it wins over the
        // chart's empty OIDC_CLIENT_ID.
        var env = new LinkedHashMap<String, Object>();
        env.put("CONFIG_K8S_SECRETS_ENABLED", "true");
        env.put("CONFIG_K8S_SECRETS_PATH", PLUGIN_SECRETS_PATH);
        env.put("OIDC_USERNAME_FIELD", "sub");
        env.put("OIDC_ALEMBIC_VERSION_TABLE", AUTH_VERSION_TABLE);
        return Values.merge(
                Map.of("oidcAuth", oidc),
                Values.at("extraEnvVars", env),
                Map.of("extraVolumes", List.of(Map.of("name", "oidc-client", "secret", Map.of(
                        "secretName", context.oidcSecret(),
                        "items", List.of(Map.of("key", ToolContext.CLIENT_ID_KEY, "path", "OIDC_CLIENT_ID")))))),
                Map.of("extraVolumeMounts", List.of(Map.of("name", "oidc-client", "mountPath", PLUGIN_SECRETS_PATH,
                        "readOnly", true))));
    }
}
