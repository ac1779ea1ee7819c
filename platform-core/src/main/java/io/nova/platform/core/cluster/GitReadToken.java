package io.nova.platform.core.cluster;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The SHA-256 of the token a cluster's Flux reads the platform's local repository with; never the token. */
@Entity
@Table(name = "cluster_git_read_token")
class GitReadToken {

    @Id
    @Column(name = "cluster_name")
    private String cluster;

    @Column(name = "token_sha256", nullable = false)
    private String tokenSha256;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "issued_by", nullable = false)
    private String issuedBy;

    protected GitReadToken() {
    }

    GitReadToken(String cluster) {
        this.cluster = cluster;
    }

    void issue(String tokenSha256, Instant at, String by) {
        this.tokenSha256 = tokenSha256;
        this.issuedAt = at;
        this.issuedBy = by;
    }

    String tokenSha256() {
        return tokenSha256;
    }

    Instant issuedAt() {
        return issuedAt;
    }
}
