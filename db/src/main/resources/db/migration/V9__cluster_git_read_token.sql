-- The token a cluster's Flux reads the platform's local GitOps repository with (Git smart HTTP, read-only).
-- Only its SHA-256 is kept: the token itself is shown once, when it is issued.
CREATE TABLE cluster_git_read_token (
    cluster_name VARCHAR(63)  PRIMARY KEY REFERENCES cluster (name) ON DELETE CASCADE,
    token_sha256 CHAR(64)     NOT NULL,
    issued_at    TIMESTAMPTZ  NOT NULL,
    issued_by    VARCHAR(255) NOT NULL
);
