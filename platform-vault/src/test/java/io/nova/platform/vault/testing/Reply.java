package io.nova.platform.vault.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What an endpoint answers before the double renders it: the {@code data} and {@code auth} of Vault's response
 * envelope, or a raw JSON body for the few endpoints without an envelope ({@code sys/health}), or nothing (204).
 */
record Reply(int status, Map<String, Object> data, Map<String, Object> auth, List<String> warnings,
             Map<String, Object> raw) {

    static Reply noContent() {
        return new Reply(204, null, null, null, null);
    }

    static Reply data(Map<String, Object> data) {
        return new Reply(200, data, null, null, null);
    }

    static Reply data(int status, Map<String, Object> data) {
        return new Reply(status, data, null, null, null);
    }

    static Reply auth(Map<String, Object> auth) {
        return new Reply(200, null, auth, null, null);
    }

    static Reply raw(int status, Map<String, Object> body) {
        return new Reply(status, null, null, null, body);
    }

    /** A LIST answer; Vault answers 404 with no errors when there are no keys. */
    static Reply keys(Collection<String> keys) {
        if (keys.isEmpty()) {
            throw VaultError.notFound();
        }
        return data(Values.map("keys", new ArrayList<>(keys)));
    }

    static Reply keys(Collection<String> keys, Map<String, Object> keyInfo) {
        if (keys.isEmpty()) {
            throw VaultError.notFound();
        }
        return data(Values.map("key_info", keyInfo, "keys", new ArrayList<>(keys)));
    }
}
