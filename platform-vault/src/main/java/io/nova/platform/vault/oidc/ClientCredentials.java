package io.nova.platform.vault.oidc;

/** A client's id and secret as Vault generated them. Only ever passed on to KV; {@link #toString()} hides both. */
public record ClientCredentials(String clientId, String clientSecret) {

    @Override
    public String toString() {
        return "ClientCredentials[(hidden)]";
    }
}
