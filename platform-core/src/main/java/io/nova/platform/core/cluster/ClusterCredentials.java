package io.nova.platform.core.cluster;

/**
 * Reads the kubeconfig a cluster's {@code credentialsRef} points at (a Vault path such as
 * {@code nova/clusters/prod#kubeconfig}). What it returns is a secret: callers build a client from it and keep it
 * nowhere else — not in the database, logs, custom resources, Git or API responses.
 */
public interface ClusterCredentials {

    /**
     * @throws IllegalStateException when the reference cannot be read; the message names the reference and why,
     *                               never any part of the credential
     */
    String kubeconfig(String credentialsRef);

    /**
     * Any other secret a cluster's settings refer to in Vault the same way ({@code path#key}), such as the access token
     * the platform pushes to the cluster's GitOps repository with; same rules as {@link #kubeconfig}.
     */
    default String secret(String reference) {
        return kubeconfig(reference);
    }
}
