package io.nova.platform.core.module.integration;

/**
 * One key of a generated credential Secret.
 *
 * @param key   the key in the Kubernetes Secret (and the property in Vault)
 * @param kind  how its value is made
 * @param value the value of a {@link CredentialKind#FIXED} key, the template of a {@link CredentialKind#DERIVED} one;
 *              null otherwise
 */
public record CredentialKey(String key, CredentialKind kind, String value) {

    public CredentialKey {
        if (key == null || !key.matches("[-._a-zA-Z0-9]+")) {
            throw new IllegalArgumentException("a credential key must be a valid Secret key: " + key);
        }
        kind = kind == null ? CredentialKind.PASSWORD : kind;
        boolean valued = kind == CredentialKind.FIXED || kind == CredentialKind.DERIVED;
        if (valued != (value != null)) {
            throw new IllegalArgumentException("credential key '%s': a value is given exactly for FIXED and DERIVED keys"
                    .formatted(key));
        }
    }
}
