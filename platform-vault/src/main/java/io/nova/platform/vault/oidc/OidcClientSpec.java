package io.nova.platform.vault.oidc;

import java.util.List;

/** An OIDC client as the platform wants it: its name, exact redirect URIs and the assignments allowed to use it. */
public record OidcClientSpec(String name, List<String> redirectUris, List<String> assignments) {

    public OidcClientSpec {
        redirectUris = List.copyOf(redirectUris);
        assignments = List.copyOf(assignments);
    }
}
