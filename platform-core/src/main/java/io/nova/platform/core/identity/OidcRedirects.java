package io.nova.platform.core.identity;

import java.util.List;
import java.util.Map;

/** Where each tool expects the OIDC provider to send the browser back, relative to the tool's UI URL. */
public final class OidcRedirects {

    private static final Map<String, List<String>> PATHS = Map.of(
            "jupyterhub", List.of("/hub/oauth_callback"),
            "mlflow", List.of("/callback"),
            "airflow", List.of("/auth/oauth-authorized/nova"),
            "minio", List.of("/oauth_callback"),
            "code-server", List.of("/oauth2/callback"),
            "kube-prometheus-stack", List.of("/login/generic_oauth"),
            "neuvector", List.of("/openId_auth"));

    private OidcRedirects() {
    }

    /** The exact redirect URIs of a tool whose UI is at {@code uiUrl}; tools not listed use oauth2-proxy's path. */
    public static List<String> of(String module, String uiUrl) {
        return PATHS.getOrDefault(module, List.of("/oauth2/callback")).stream().map(path -> uiUrl + path).toList();
    }
}
