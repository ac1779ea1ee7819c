package io.nova.platform.core.cluster;

/**
 * A token that lets one cluster's Flux read the platform's local GitOps repository, as issued: the only time the
 * token is seen. {@link #toString()} hides it.
 *
 * @param cluster  the cluster it is for
 * @param username the user name Flux sends with it (any name is accepted; the token decides)
 * @param token    the token, Flux's password
 */
public record IssuedGitToken(String cluster, String username, String token) {

    @Override
    public String toString() {
        return "IssuedGitToken[cluster=%s, username=%s, token=(hidden)]".formatted(cluster, username);
    }
}
