package io.nova.platform.core.identity;

import java.util.List;

/**
 * A credential the platform generated for a tenant's tool, as people may see it: where it lives and what it holds,
 * never its values.
 *
 * @param secret      the Kubernetes Secret the tool reads, in the tenant's namespace
 * @param keys        the Secret's keys
 * @param description what it is for
 * @param vaultPath   where StarVault keeps it (KV v2 mount {@value VaultNames#KV_MOUNT})
 */
public record ToolCredentialView(String secret, List<String> keys, String description, String vaultPath) {

    public ToolCredentialView {
        keys = List.copyOf(keys);
    }
}
