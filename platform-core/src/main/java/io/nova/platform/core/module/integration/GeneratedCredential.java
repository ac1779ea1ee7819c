package io.nova.platform.core.module.integration;

import java.util.List;

/**
 * A Secret a tool's chart expects to exist, which the platform generates once per tenant, keeps in StarVault (KV v2
 * under the tenant's path) and delivers into the tenant's namespace under exactly this name and these keys.
 *
 * @param secret      the Kubernetes Secret's name, as the tool's values refer to it
 * @param keys        its keys
 * @param description what it is for, shown in the console next to the rotate button; never the value
 */
public record GeneratedCredential(String secret, List<CredentialKey> keys, String description) {

    public GeneratedCredential {
        if (secret == null || !secret.matches("[a-z0-9]([-a-z0-9]{0,251}[a-z0-9])?")) {
            throw new IllegalArgumentException("a generated credential needs a Kubernetes Secret name: " + secret);
        }
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("generated credential '%s' has no keys".formatted(secret));
        }
        for (CredentialKey key : keys) {
            if (key.kind() == CredentialKind.DERIVED) {
                java.util.regex.Matcher placeholder = CredentialGenerator.PLACEHOLDER.matcher(key.value());
                while (placeholder.find()) {
                    String used = placeholder.group(1);
                    boolean generated = keys.stream().anyMatch(other -> other.key().equals(used)
                            && other.kind() != CredentialKind.DERIVED);
                    if (!generated) {
                        throw new IllegalArgumentException("generated credential '%s': key '%s' uses '%s', which is "
                                .formatted(secret, key.key(), used) + "not a generated or fixed key of it");
                    }
                }
            }
        }
    }
}
