package io.nova.platform.app.api.cluster;

/**
 * A cluster's new Git read token, as the one answer that shows it.
 *
 * @param cluster       the cluster
 * @param url           where its Flux fetches the repository ({@code <nova.gitops.serve-url>/git/<cluster>})
 * @param username      the user name to send with it
 * @param token         the token (Flux's password)
 * @param secretCommand the Flux CLI command that makes the Secret the cluster's {@code GitRepository} names
 */
record GitReadTokenView(String cluster, String url, String username, String token, String secretCommand) {

    @Override
    public String toString() {
        return "GitReadTokenView[cluster=%s, url=%s, username=%s, token=(hidden)]".formatted(cluster, url, username);
    }
}
