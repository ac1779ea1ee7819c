package io.nova.platform.core.cluster;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * Where a GITOPS cluster's objects are committed: repository URL, branch and folder inside it, and, for a private
 * repository, where in Vault its credentials are.
 *
 * @param credentialsRef     the KV path (inside the platform's mount, under {@code clusters/<cluster>/}) of what the
 *                           cluster's Flux reads the repository with, in Flux's keys ({@code username} and
 *                           {@code password}, or {@code identity} and {@code known_hosts}); the cluster's secret store
 *                           delivers it as the GitRepository's Secret. Null: a public repository, or one the platform
 *                           serves itself
 * @param pushCredentialsRef the Vault reference ({@code path#key}) of the access token the platform pushes to this
 *                           repository with over HTTPS; null: the install-wide token file, if any
 */
@Embeddable
public record GitOpsTarget(
        @Column(name = "gitops_url") String url,
        @Column(name = "gitops_branch") String branch,
        @Column(name = "gitops_path") String path,
        @Column(name = "gitops_credentials_ref") String credentialsRef,
        @Column(name = "gitops_push_credentials_ref") String pushCredentialsRef) {

    /** A repository without credentials of its own. */
    public GitOpsTarget(String url, String branch, String path) {
        this(url, branch, path, null, null);
    }
}
