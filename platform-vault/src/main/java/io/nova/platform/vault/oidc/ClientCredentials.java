package io.nova.platform.vault.oidc;

import java.util.Map;

import io.nova.platform.core.identity.VaultNames;

/** A client's id and secret as Vault generated them. Only ever passed on to KV; {@link #toString()} hides both. */
public record ClientCredentials(String clientId, String clientSecret) {

    /** The KV secret that holds them, as the secret stores read it. */
    public Map<String, String> kvValues() {
        return Map.of(VaultNames.CLIENT_ID_KEY, clientId,
                VaultNames.CLIENT_SECRET_KEY, clientSecret);
    }

    @Override
    public String toString() {
        return "ClientCredentials[(hidden)]";
    }
}
