package io.nova.platform.core.cluster;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * The outcome of the last reconcile of a cluster, as callers see it. Read-only through the entity: the reconciler
 * writes it with {@link ClusterRepository#recordSync} so the cluster's version (its ETag) does not change.
 *
 * @param revision the Git commit of the last GitOps delivery, if any
 */
@Embeddable
public record ClusterSync(
        @Enumerated(EnumType.STRING) @Column(name = "sync_state", insertable = false, updatable = false) SyncState state,
        @Column(name = "sync_message", insertable = false, updatable = false) String message,
        @Column(name = "sync_revision", insertable = false, updatable = false) String revision,
        @Column(name = "sync_attempted_at", insertable = false, updatable = false) Instant attemptedAt,
        @Column(name = "synced_at", insertable = false, updatable = false) Instant syncedAt) {
}
