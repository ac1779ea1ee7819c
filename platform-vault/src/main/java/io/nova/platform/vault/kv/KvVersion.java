package io.nova.platform.vault.kv;

import java.util.Map;

/**
 * The latest version of a KV v2 secret.
 *
 * @param values  its values; empty when the secret never existed or its latest version is deleted
 * @param version its number, which a check-and-set write names; 0 when the secret never existed
 */
public record KvVersion(Map<String, String> values, int version) {

    public KvVersion {
        values = Map.copyOf(values);
    }

    public boolean live() {
        return !values.isEmpty();
    }
}
