package io.nova.platform.core.module;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Chart values with the paths a catalog entry marks sensitive replaced, for readers who may not change them. */
public final class SensitiveValues {

    public static final String REDACTED = "<redacted>";

    private SensitiveValues() {
    }

    /** A copy of {@code values} in which each of the dotted {@code paths} that is set reads {@value #REDACTED}. */
    public static Map<String, Object> redact(Map<String, Object> values, List<String> paths) {
        Map<String, Object> copy = copy(values);
        for (String path : paths) {
            redact(copy, path.split("\\."), 0);
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static void redact(Map<String, Object> map, String[] keys, int index) {
        if (!map.containsKey(keys[index])) {
            return;
        }
        if (index == keys.length - 1) {
            map.put(keys[index], REDACTED);
        } else if (map.get(keys[index]) instanceof Map<?, ?> child) {
            var copy = copy((Map<String, Object>) child);
            map.put(keys[index], copy);
            redact(copy, keys, index + 1);
        }
    }

    private static Map<String, Object> copy(Map<String, Object> values) {
        return values == null ? new LinkedHashMap<>() : new LinkedHashMap<>(values);
    }
}
