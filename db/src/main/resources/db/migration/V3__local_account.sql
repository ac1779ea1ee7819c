-- The development administrator used when no OIDC issuer is configured. Only a password hash is kept.
CREATE TABLE local_account (
    username      VARCHAR(64)  PRIMARY KEY,
    password_hash VARCHAR(255) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL
);
