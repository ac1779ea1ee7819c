package io.nova.platform.core.module;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.nova.platform.core.common.Sha256;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chart values as the audit log keeps them: each leaf's path with a hash of its value, never the value. An auditor
 * sees which paths changed (and whether two events set the same value), but a password someone typed into a value
 * (a {@code fernetKey}, a URL with credentials, an {@code env} entry) does not end up in the audit table.
 */
public final class ValueFingerprints {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ValueFingerprints() {
    }

    /** {@code hub.config.timeout → sha256:1f2e…} for every leaf (list items by index). */
    public static Map<String, String> of(Map<String, Object> values) {
        var fingerprints = new TreeMap<String, String>();
        if (values != null) {
            walk("", values, fingerprints);
        }
        return fingerprints;
    }

    private static void walk(String path, Object value, Map<String, String> fingerprints) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((key, child) -> walk(path.isEmpty() ? String.valueOf(key) : path + "." + key, child,
                    fingerprints));
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                walk(path + "[" + i + "]", list.get(i), fingerprints);
            }
        } else {
            fingerprints.put(path, "sha256:" + Sha256.hex(JSON.writeValueAsString(value)).substring(0, 16));
        }
    }
}
