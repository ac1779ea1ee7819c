package io.nova.platform.vault.kv;

import java.util.Map;

import io.nova.platform.core.cluster.ClusterCredentials;
import io.nova.platform.vault.api.VaultApi;
import io.nova.platform.vault.api.VaultApiException;

/**
 * Kubeconfigs of DIRECT clusters from a KV version 2 secrets engine: {@code <mount>/<path>#<key>} reads the field
 * {@code <key>} (default {@code kubeconfig}) of the secret {@code <path>} in the engine mounted at {@code <mount>}.
 * The shipped policy lets the platform read {@code nova/...}; grant it read on other paths you reference.
 */
public final class VaultClusterCredentials implements ClusterCredentials {

    static final String DEFAULT_KEY = "kubeconfig";

    private final VaultApi api;

    public VaultClusterCredentials(VaultApi api) {
        this.api = api;
    }

    @Override
    public String kubeconfig(String credentialsRef) {
        int hash = credentialsRef.indexOf('#');
        String location = hash < 0 ? credentialsRef : credentialsRef.substring(0, hash);
        String key = hash < 0 ? DEFAULT_KEY : credentialsRef.substring(hash + 1);
        int slash = location.indexOf('/');
        if (slash <= 0 || slash == location.length() - 1) {
            throw new IllegalStateException("credentialsRef '%s' must be <mount>/<path>[#key]".formatted(credentialsRef));
        }
        String path = location.substring(0, slash) + "/data/" + location.substring(slash + 1);
        Map<String, Object> secret;
        try {
            secret = api.read(path).orElseThrow(() -> new IllegalStateException(
                    "credentialsRef '%s': Vault has no secret at %s".formatted(credentialsRef, path)));
        } catch (VaultApiException e) {
            throw new IllegalStateException("credentialsRef '%s' cannot be read: %s".formatted(credentialsRef,
                    e.getMessage()), e);
        }
        Object data = secret.get("data");
        if (data instanceof Map<?, ?> fields && fields.get(key) instanceof String kubeconfig
                && !kubeconfig.isBlank()) {
            return kubeconfig;
        }
        throw new IllegalStateException("credentialsRef '%s': the secret at %s has no field '%s' with a kubeconfig"
                .formatted(credentialsRef, path, key));
    }
}
