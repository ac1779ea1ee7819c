-- Per-cluster Git credentials, as references to Vault (never the credentials): what the cluster's Flux reads the
-- repository with (a KV path under clusters/<cluster>/, delivered into flux-system by the secret store), and the
-- access token the platform pushes with (path#key).
ALTER TABLE cluster
    ADD COLUMN gitops_credentials_ref      VARCHAR(512),
    ADD COLUMN gitops_push_credentials_ref VARCHAR(512);
