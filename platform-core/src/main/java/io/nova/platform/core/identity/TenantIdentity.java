package io.nova.platform.core.identity;

import java.util.List;

/**
 * Everything Vault must hold for one tenant: its owner groups (for the OIDC assignment), its namespace (for the
 * tools' Kubernetes auth roles), and the OIDC clients of its enabled tools with a web UI. Clients not listed are
 * removed. A suspended tenant keeps its clients and secrets but loses its Kubernetes auth roles, so its pods can no
 * longer log in to Vault; resuming it creates them again.
 */
public record TenantIdentity(String slug, String namespace, List<String> ownerGroups, List<OidcClientRequest> clients,
                             boolean suspended) {

    public TenantIdentity {
        ownerGroups = List.copyOf(ownerGroups);
        clients = List.copyOf(clients);
    }

    /** An active tenant. */
    public TenantIdentity(String slug, String namespace, List<String> ownerGroups, List<OidcClientRequest> clients) {
        this(slug, namespace, ownerGroups, clients, false);
    }

    public TenantIdentity suspend() {
        return new TenantIdentity(slug, namespace, ownerGroups, clients, true);
    }
}
