package io.nova.platform.core.cluster;

/** Where the last reconcile of a cluster stands. */
public enum SyncState {
    /** Changed since the last successful reconcile, or never reconciled. */
    PENDING,
    SYNCING,
    SYNCED,
    FAILED
}
