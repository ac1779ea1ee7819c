package io.nova.platform.k8s.render.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nova.platform.k8s.render.Values;

/**
 * Apache Airflow (the Apache chart):
 * <ul>
 *   <li>every secret from the platform's generated credentials, none from the chart (its own are random at each
 *   render, so every Flux upgrade would change them): the Fernet key, the API server's secret key, the JWT secret,
 *   the webserver's secret key (Airflow 2 only), and the metadata database: the chart's PostgreSQL reads its
 *   passwords from {@value #DATABASE_SECRET}, Airflow its connection URI from the same Secret; no PgBouncer;</li>
 *   <li>login through the platform's provider with the FAB auth manager ({@link AirflowWebserverConfig}, mounted
 *   into the API server as {@code webserver_config.py}); the client from {@code nova-oidc-airflow} in the API
 *   server's environment only; no default admin user ({@code admin}/{@code admin}) then;</li>
 *   <li>no multi-namespace mode (a ClusterRole for pods everywhere) and no chart NetworkPolicies; fixed
 *   ServiceAccount names, so that Vault's roles bind exactly the catalog's accounts.</li>
 * </ul>
 */
final class AirflowValues implements ToolValues {

    static final String DATABASE_SECRET = "airflow-metadata-db";

    @Override
    public String module() {
        return "airflow";
    }

    @Override
    public Map<String, Object> values(ToolContext context) {
        Map<String, Object> values = Values.merge(
                Map.of("multiNamespaceMode", false),
                Map.of("fernetKeySecretName", "airflow-fernet-key"),
                Map.of("apiSecretKeySecretName", "airflow-api-secret-key"),
                Map.of("jwtSecretName", "airflow-jwt-secret"),
                Map.of("webserverSecretKeySecretName", "airflow-webserver-secret-key"),
                database(),
                Values.at("networkPolicies.enabled", false),
                Values.at("rbac.create", true),
                Values.at("apiServer.serviceAccount", Map.of("create", true, "name", "airflow-api-server")),
                Values.at("webserver.serviceAccount", Map.of("create", true, "name", "airflow-webserver")),
                Values.at("scheduler.serviceAccount", Map.of("create", true, "name", "airflow-scheduler")),
                Values.at("workers.serviceAccount", Map.of("create", true, "name", "airflow-worker")),
                Values.at("triggerer.serviceAccount", Map.of("create", true, "name", "airflow-triggerer")),
                Values.at("dagProcessor.serviceAccount", Map.of("create", true, "name", "airflow-dag-processor")));
        if (context.signsOn() && context.tenant() != null) {
            values = Values.merge(values, signOn(context));
        }
        return values;
    }

    @Override
    public Map<String, Object> tenantValues(ToolContext context) {
        Map<String, Object> values = context.install().values();
        if (context.signsOn() && context.tenant() != null && values.get("env") instanceof List<?> env) {
            var filtered = new LinkedHashMap<>(values);
            filtered.put("env", withoutLoginOverrides(env));
            return filtered;
        }
        return values;
    }

    /**
     * Environment variables that would override the login the platform configures (Airflow reads
     * {@code AIRFLOW__<SECTION>__<KEY>} before airflow.cfg): a tenant's {@code env} must not switch the auth manager
     * (to the simple one, with everybody admin), FAB's or the API's authentication, or the URL the login returns to.
     */
    private static final List<String> LOGIN_SETTINGS = List.of("AIRFLOW__CORE__AUTH_MANAGER",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER", "AIRFLOW__FAB__", "AIRFLOW__API_AUTH__", "AIRFLOW__API__BASE_URL",
            "AIRFLOW__WEBSERVER__CONFIG_FILE");

    static List<Object> withoutLoginOverrides(List<?> env) {
        return env.stream().filter(entry -> !(entry instanceof Map<?, ?> variable
                && LOGIN_SETTINGS.stream().anyMatch(String.valueOf(variable.get("name")).toUpperCase(
                        java.util.Locale.ROOT)::startsWith))).map(entry -> (Object) entry).toList();
    }

    /**
     * The chart's PostgreSQL (bitnami 13.2.24) with user and database {@code airflow}, its passwords under the keys
     * that chart reads from an existing Secret; Airflow's connection ({@code connection}) is a derived key of the
     * same Secret, so that both change together.
     */
    private static Map<String, Object> database() {
        var auth = new LinkedHashMap<String, Object>();
        auth.put("enablePostgresUser", true);
        auth.put("username", "airflow");
        auth.put("database", "airflow");
        auth.put("existingSecret", DATABASE_SECRET);
        auth.put("secretKeys", Map.of("adminPasswordKey", "postgres-password", "userPasswordKey", "password"));
        return Values.merge(
                Values.at("postgresql.enabled", true),
                Values.at("postgresql.auth", auth),
                Values.at("pgbouncer.enabled", false),
                Values.at("data.metadataSecretName", DATABASE_SECRET));
    }

    private static Map<String, Object> signOn(ToolContext context) {
        var config = new AirflowWebserverConfig(context.signOn(), context.tenant().ownerGroups(),
                context.tenant().memberGroups());
        var core = new LinkedHashMap<String, Object>();
        core.put("auth_manager", "airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager");
        return Values.merge(
                Values.at("config.core", core),
                // links and redirects Airflow makes itself point at the route, not at the pod
                Values.at("config.api.base_url", context.install().uiUrl()),
                Values.at("apiServer.apiServerConfig", config.python()),
                Values.at("apiServer.env", List.of(
                        env(AirflowWebserverConfig.CLIENT_ID_ENV, context.oidcSecret(), ToolContext.CLIENT_ID_KEY),
                        env(AirflowWebserverConfig.CLIENT_SECRET_ENV, context.oidcSecret(),
                                ToolContext.CLIENT_SECRET_KEY))),
                Values.at("createUserJob.enabled", false));
    }

    private static Map<String, Object> env(String name, String secret, String key) {
        var env = new LinkedHashMap<String, Object>(ToolContext.secretKeyRef(secret, key));
        env.put("name", name);
        return env;
    }
}
