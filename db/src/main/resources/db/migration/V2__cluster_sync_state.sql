-- What the last reconcile of each cluster did. Written by the reconciler with plain updates that leave
-- "version" alone, so status reports never invalidate an admin's ETag.
ALTER TABLE cluster
    ADD COLUMN sync_state        VARCHAR(16) NOT NULL DEFAULT 'PENDING'
        CHECK (sync_state IN ('PENDING', 'SYNCING', 'SYNCED', 'FAILED')),
    ADD COLUMN sync_message      VARCHAR(2000),
    ADD COLUMN sync_revision     VARCHAR(128),
    ADD COLUMN sync_attempted_at TIMESTAMPTZ,
    ADD COLUMN synced_at         TIMESTAMPTZ;
