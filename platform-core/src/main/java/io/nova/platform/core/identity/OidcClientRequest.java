package io.nova.platform.core.identity;

import java.util.List;

/**
 * One tool UI of a tenant that needs an OIDC client, with its exact redirect URIs and the service accounts of the
 * tool's pods that read the client's credentials from Vault (the catalog's {@code tenancy.serviceAccounts}). Only
 * these service accounts may log in to the tool's Kubernetes auth role; with none the tool gets no role.
 */
public record OidcClientRequest(String module, List<String> redirectUris, List<String> serviceAccounts) {

    public OidcClientRequest {
        redirectUris = List.copyOf(redirectUris);
        serviceAccounts = serviceAccounts == null ? List.of() : List.copyOf(serviceAccounts);
    }
}
