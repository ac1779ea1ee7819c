package io.nova.platform.core.identity;

import java.util.List;

/**
 * Everything Vault must hold for the web UIs of one cluster's own components: an OIDC client per UI, assigned to the
 * platform's admin and viewer groups (nobody else may log in to them), and per UI read access to its client for the
 * secret store of the UI's namespace. Clients not listed are removed.
 *
 * @param groups the platform's admin and viewer groups
 */
public record ClusterToolIdentity(String cluster, List<String> groups, List<ClusterToolClient> clients) {

    public ClusterToolIdentity {
        groups = List.copyOf(groups);
        clients = List.copyOf(clients);
    }
}
