package io.nova.platform.core.module;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep, order-keeping, unmodifiable copies of Helm values trees; unlike {@code Map.copyOf} they keep YAML nulls. */
final class ImmutableValues {

    private ImmutableValues() {
    }

    static Map<String, Object> copyOf(Map<String, ?> values) {
        if (values == null) {
            return Map.of();
        }
        var copy = new LinkedHashMap<String, Object>();
        values.forEach((key, value) -> copy.put(key, copyOfValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyOfValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<String, Object>();
            map.forEach((key, nested) -> copy.put(String.valueOf(key), copyOfValue(nested)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            var copy = new ArrayList<>(list.size());
            list.forEach(nested -> copy.add(copyOfValue(nested)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
