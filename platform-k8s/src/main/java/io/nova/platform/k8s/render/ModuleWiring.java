package io.nova.platform.k8s.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.nova.platform.core.module.ModuleSnapshot;

/**
 * The values that connect a tenant's tools to each other and to single sign-on. They are the platform's and are
 * merged after the install's own values, so they win; where a chart takes a list (code-server's {@code env}), the
 * install's entries are kept and the platform's are added or replace those of the same name. No secret appears here:
 * credentials come through {@link SecretDeliveryRenderer}.
 */
final class ModuleWiring {

    private final RenderSettings settings;

    ModuleWiring(RenderSettings settings) {
        this.settings = settings;
    }

    Map<String, Object> valuesFor(ModuleSnapshot module, String namespace, List<ModuleSnapshot> tenantModules) {
        Set<String> enabled = tenantModules.stream().filter(ModuleSnapshot::enabled)
                .map(m -> m.module().key()).collect(Collectors.toSet());
        Map<String, Object> values = new LinkedHashMap<>();
        String key = module.module().key();
        if (enabled.contains("mlflow")) {
            String trackingUri = "http://mlflow.%s.svc.cluster.local:80".formatted(namespace);
            if (key.equals("jupyterhub")) {
                values = Values.merge(values, Values.at("singleuser.extraEnv.MLFLOW_TRACKING_URI", trackingUri));
            } else if (key.equals("code-server")) {
                values = Values.merge(values, Map.of("env", withEnv(module.values().get("env"),
                        "MLFLOW_TRACKING_URI", trackingUri)));
            }
        }
        if (key.equals("mlflow") && enabled.contains("minio")) {
            values = Values.merge(values, Values.at("extraEnvVars.MLFLOW_S3_ENDPOINT_URL",
                    "http://minio.%s.svc.cluster.local:9000".formatted(namespace)));
        }
        if (settings.oidcIssuer() != null && module.tenant() != null && module.uiUrl() != null) {
            if (key.equals("jupyterhub")) {
                values = Values.merge(values, jupyterHubOidc(module));
            } else if (key.equals("mlflow")) {
                values = Values.merge(values, mlflowOidc(module));
            }
        }
        return values;
    }

    /** The install's {@code [{name, value}]} list with the variable added, or replacing one of the same name. */
    private static List<Object> withEnv(Object installEnv, String name, String value) {
        var env = new java.util.ArrayList<Object>();
        if (installEnv instanceof List<?> list) {
            list.stream().filter(entry -> !(entry instanceof Map<?, ?> map && name.equals(map.get("name"))))
                    .forEach(env::add);
        }
        env.add(Map.of("name", name, "value", value));
        return env;
    }

    /**
     * JupyterHub's GenericOAuthenticator against the platform's issuer. The client id and secret are Vault's; the
     * authenticator reads them from OAUTH_CLIENT_ID / OAUTH_CLIENT_SECRET, which the secret delivery provides.
     */
    private Map<String, Object> jupyterHubOidc(ModuleSnapshot module) {
        String issuer = settings.oidcIssuer();
        var authenticator = new LinkedHashMap<String, Object>();
        authenticator.put("oauth_callback_url", module.module().integration().signOn().redirectUris(module.uiUrl()).getFirst());
        authenticator.put("authorize_url", issuer + "/authorize");
        authenticator.put("token_url", issuer + "/token");
        authenticator.put("userdata_url", issuer + "/userinfo");
        authenticator.put("scope", List.of("openid", "groups"));
        authenticator.put("username_claim", "sub");
        authenticator.put("claim_groups_key", "groups");
        return Values.at("hub.config", Map.of("JupyterHub", Map.of("authenticator_class", "generic-oauth"),
                "GenericOAuthenticator", authenticator));
    }

    /** MLflow's OIDC plugin (mlflow-oidc-auth) reads its settings from the environment. */
    private Map<String, Object> mlflowOidc(ModuleSnapshot module) {
        var env = new LinkedHashMap<String, Object>();
        env.put("OIDC_DISCOVERY_URL", settings.oidcIssuer() + "/.well-known/openid-configuration");
        env.put("OIDC_REDIRECT_URI", module.module().integration().signOn().redirectUris(module.uiUrl()).getFirst());
        env.put("OIDC_SCOPE", "openid,groups");
        env.put("OIDC_GROUPS_ATTRIBUTE", "groups");
        return Map.of("extraEnvVars", env);
    }

}
