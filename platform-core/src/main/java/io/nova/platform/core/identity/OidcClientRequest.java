package io.nova.platform.core.identity;

import java.util.List;

/** One tool UI of a tenant that needs an OIDC client, with its exact redirect URIs. */
public record OidcClientRequest(String module, List<String> redirectUris) {

    public OidcClientRequest {
        redirectUris = List.copyOf(redirectUris);
    }
}
