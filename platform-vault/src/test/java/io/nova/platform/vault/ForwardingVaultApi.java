package io.nova.platform.vault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.nova.platform.vault.api.VaultApi;

/** A {@link VaultApi} that passes every call on to another; a test overrides the one call it changes. */
interface ForwardingVaultApi extends VaultApi {

    VaultApi delegate();

    @Override
    default Optional<Map<String, Object>> read(String path) {
        return delegate().read(path);
    }

    @Override
    default List<String> list(String path) {
        return delegate().list(path);
    }

    @Override
    default Optional<Map<String, Object>> write(String path, Map<String, ?> body) {
        return delegate().write(path, body);
    }

    @Override
    default void delete(String path) {
        delegate().delete(path);
    }

    @Override
    default String describe() {
        return delegate().describe();
    }
}
