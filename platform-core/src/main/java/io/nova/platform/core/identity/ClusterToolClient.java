package io.nova.platform.core.identity;

import java.util.List;

/**
 * One web UI of a cluster component (Grafana of the monitoring stack, ...) that users log in to through the platform's
 * provider: its OIDC client's exact redirect URIs, and the namespace its release runs in, whose secret store
 * delivers the client's credentials to it.
 */
public record ClusterToolClient(String module, String namespace, List<String> redirectUris) {

    public ClusterToolClient {
        redirectUris = List.copyOf(redirectUris);
    }
}
