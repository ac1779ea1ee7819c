package io.nova.platform.core.identity;

/** An OIDC client's id and secret; {@link #toString()} leaves the secret out, so that a log line cannot leak it. */
public record OidcClientCredentials(String clientId, String clientSecret) {

    @Override
    public String toString() {
        return "OidcClientCredentials[clientId=" + clientId + ", clientSecret=(hidden)]";
    }
}
