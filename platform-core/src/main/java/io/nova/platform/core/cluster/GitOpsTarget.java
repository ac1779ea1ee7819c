package io.nova.platform.core.cluster;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Where a GITOPS cluster's objects are committed: repository URL, branch and folder inside it. */
@Embeddable
public record GitOpsTarget(
        @Column(name = "gitops_url") String url,
        @Column(name = "gitops_branch") String branch,
        @Column(name = "gitops_path") String path) {
}
