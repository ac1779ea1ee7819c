package io.nova.platform.vault.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Vault in which nothing exists yet and nothing can be written: planning against it lists everything a first
 * provisioning would create, with the same action texts as a plan against a real, empty Vault.
 */
public final class EmptyVaultApi implements VaultApi {

    @Override
    public Optional<Map<String, Object>> read(String path) {
        return Optional.empty();
    }

    @Override
    public List<String> list(String path) {
        return List.of();
    }

    @Override
    public Optional<Map<String, Object>> write(String path, Map<String, ?> body) {
        throw new UnsupportedOperationException("Vault is not configured");
    }

    @Override
    public void delete(String path) {
        throw new UnsupportedOperationException("Vault is not configured");
    }

    @Override
    public String describe() {
        return "no Vault";
    }
}
