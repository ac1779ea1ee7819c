package io.nova.platform.core.identity;

import java.util.List;

import io.nova.platform.core.module.integration.GeneratedCredential;

/**
 * Everything Vault must hold for one tenant: its owner groups (for the OIDC assignment), its namespace (for the
 * tools' Kubernetes auth roles and the namespace's secret store), the OIDC clients of its enabled tools with a web UI,
 * and the credentials its enabled tools' charts expect. Clients not listed are removed; credentials not listed stay
 * (switching a tool off and on again keeps its data readable). A suspended tenant keeps its clients and secrets but
 * loses its Kubernetes auth roles, so its pods can no longer log in to Vault; resuming it creates them again.
 */
public record TenantIdentity(String slug, String namespace, List<String> ownerGroups, List<OidcClientRequest> clients,
                             boolean suspended, List<GeneratedCredential> credentials) {

    public TenantIdentity {
        ownerGroups = List.copyOf(ownerGroups);
        clients = List.copyOf(clients);
        credentials = credentials == null ? List.of() : List.copyOf(credentials);
    }

    /** A tenant whose tools need no generated credentials. */
    public TenantIdentity(String slug, String namespace, List<String> ownerGroups, List<OidcClientRequest> clients,
                          boolean suspended) {
        this(slug, namespace, ownerGroups, clients, suspended, null);
    }

    /** An active tenant. */
    public TenantIdentity(String slug, String namespace, List<String> ownerGroups, List<OidcClientRequest> clients) {
        this(slug, namespace, ownerGroups, clients, false, null);
    }

    public TenantIdentity suspend() {
        return new TenantIdentity(slug, namespace, ownerGroups, clients, true, credentials);
    }
}
