package io.nova.platform.core.apikey;

/**
 * A new or rotated key, shown this once: callers send it as {@code Authorization: Bearer <key>} to the tenant's
 * model gateway. Only its SHA-256 is kept (in StarVault).
 */
public record IssuedApiKey(ModelApiKeyView apiKey, String key) {

    @Override
    public String toString() {
        return "IssuedApiKey[apiKey=%s, key=<hidden>]".formatted(apiKey);
    }
}
