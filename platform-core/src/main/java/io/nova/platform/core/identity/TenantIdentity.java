package io.nova.platform.core.identity;

import java.util.List;

/**
 * Everything Vault must hold for one tenant: its owner groups (for the OIDC assignment), its namespace (for the
 * Kubernetes auth role), and the OIDC clients of its enabled tools with a web UI. Clients not listed are removed.
 */
public record TenantIdentity(String slug, String namespace, List<String> ownerGroups, List<OidcClientRequest> clients) {

    public TenantIdentity {
        ownerGroups = List.copyOf(ownerGroups);
        clients = List.copyOf(clients);
    }
}
