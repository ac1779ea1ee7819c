package io.nova.platform.k8s.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.nova.platform.core.module.ModuleSnapshot;

/**
 * The values that connect a tenant's tools to each other and to single sign-on, layered between the catalog
 * defaults and the admin's own values (which win). Secrets are only ever referenced: by the name of the Kubernetes
 * Secret that the chosen Vault delivery materializes, never by value.
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
                values = Values.merge(values, Map.of("env", List.of(Map.of("name", "MLFLOW_TRACKING_URI",
                        "value", trackingUri))));
            }
        }
        if (key.equals("mlflow") && enabled.contains("minio")) {
            values = Values.merge(values, Values.at("extraEnvVars.MLFLOW_S3_ENDPOINT_URL",
                    "http://minio.%s.svc.cluster.local:9000".formatted(namespace)));
        }
        if (settings.oidcIssuer() != null && module.module().webUi() && key.equals("jupyterhub")) {
            values = Values.merge(values, jupyterHubOidc(module));
        }
        return values;
    }

    /** JupyterHub's GenericOAuthenticator against the platform's issuer; the secret comes from the OIDC Secret. */
    private Map<String, Object> jupyterHubOidc(ModuleSnapshot module) {
        String issuer = settings.oidcIssuer();
        var authenticator = new LinkedHashMap<String, Object>();
        authenticator.put("client_id", clientId(module));
        authenticator.put("oauth_callback_url", module.uiUrl() + "/hub/oauth_callback");
        authenticator.put("authorize_url", issuer + "/authorize");
        authenticator.put("token_url", issuer + "/token");
        authenticator.put("userdata_url", issuer + "/userinfo");
        authenticator.put("scope", List.of("openid", "groups"));
        authenticator.put("username_claim", "sub");
        return Map.of("hub", Map.of(
                "config", Map.of("JupyterHub", Map.of("authenticator_class", "generic-oauth"),
                        "GenericOAuthenticator", authenticator),
                "extraEnv", Map.of("OAUTH_CLIENT_SECRET", Map.of("valueFrom", Map.of("secretKeyRef",
                        Map.of("name", oidcSecretName(module), "key", "client-secret"))))));
    }

    static String clientId(ModuleSnapshot module) {
        return module.tenant() + "-" + module.module().key();
    }

    /** The Kubernetes Secret the install's Vault delivery fills with the OIDC client secret. */
    static String oidcSecretName(ModuleSnapshot module) {
        return "nova-oidc-" + module.module().key();
    }
}
