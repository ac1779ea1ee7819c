package io.nova.platform.core.module.integration;

/** What a generated credential value looks like; each tool's chart or program expects a certain form. */
public enum CredentialKind {
    /** A user or access-key name: 20 upper-case letters and digits (fits S3 access keys). */
    ACCESS_KEY,
    /** 40 letters and digits (fits S3 secret keys, database and admin passwords). */
    PASSWORD,
    /** 32 random bytes, URL-safe base64 with padding: a Fernet key (Airflow, cryptography). */
    FERNET_KEY,
    /** 32 random bytes as 64 hex digits: session, cookie and JWT signing keys. */
    HEX_KEY,
    /** 32 letters and digits: oauth2-proxy's cookie secret, which must be 16, 24 or 32 bytes long. */
    COOKIE_SECRET,
    /** A fixed, non-secret value given in the catalog (a user name such as {@code admin}). */
    FIXED,
    /**
     * Made from the credential's other keys by the catalog's template, {@code {{key}}} standing for a key's value: a
     * connection URI with the generated password in it. Made again whenever those keys change.
     */
    DERIVED
}
