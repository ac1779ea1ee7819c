package io.nova.platform.k8s.render.tool;

import java.util.LinkedHashMap;
import java.util.Map;

import io.nova.platform.k8s.render.Values;

/**
 * MLflow (community-charts chart): artifacts in the tenant's MinIO with the generated {@code mlflow-s3-credentials};
 * login through its OIDC plugin (mlflow-oidc-auth) against the platform's provider; its ServiceAccount named
 * {@code mlflow}.
 */
final class MlflowValues implements ToolValues {

    @Override
    public String module() {
        return "mlflow";
    }

    @Override
    public Map<String, Object> values(ToolContext context) {
        Map<String, Object> values = Values.at("serviceAccount", Map.of("create", true, "name", "mlflow"));
        if (context.enabled("minio")) {
            values = Values.merge(values, Values.at("extraEnvVars.MLFLOW_S3_ENDPOINT_URL",
                    context.serviceUrl("minio", 9000)));
        }
        if (context.signsOn()) {
            var env = new LinkedHashMap<String, Object>();
            env.put("OIDC_DISCOVERY_URL", context.signOn().discovery());
            env.put("OIDC_REDIRECT_URI", context.redirectUri());
            env.put("OIDC_SCOPE", "openid,groups");
            env.put("OIDC_GROUPS_ATTRIBUTE", "groups");
            values = Values.merge(values, Map.of("extraEnvVars", env));
        }
        return values;
    }
}
