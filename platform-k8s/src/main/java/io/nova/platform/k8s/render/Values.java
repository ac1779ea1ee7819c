package io.nova.platform.k8s.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helm values as nested maps: deep merge (the later layer wins) and path-wise writes. */
public final class Values {

    private Values() {
    }

    @SafeVarargs
    public static Map<String, Object> merge(Map<String, Object>... layers) {
        var result = new LinkedHashMap<String, Object>();
        for (Map<String, Object> layer : layers) {
            mergeInto(result, layer);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> target, Map<String, Object> layer) {
        layer.forEach((key, value) -> {
            Object existing = target.get(key);
            if (existing instanceof Map<?, ?> existingMap && value instanceof Map<?, ?> valueMap) {
                var merged = new LinkedHashMap<>((Map<String, Object>) existingMap);
                mergeInto(merged, (Map<String, Object>) valueMap);
                target.put(key, merged);
            } else {
                target.put(key, copy(value));
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<String, Object>();
            mergeInto(copy, (Map<String, Object>) map);
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Values::copy).toList();
        }
        return value;
    }

    /** {@code at("a.b.c", v)} is {@code {a: {b: {c: v}}}}. */
    public static Map<String, Object> at(String path, Object value) {
        String[] parts = path.split("\\.");
        Object current = value;
        for (int i = parts.length - 1; i >= 0; i--) {
            var level = new LinkedHashMap<String, Object>();
            level.put(parts[i], current);
            current = level;
        }
        @SuppressWarnings("unchecked")
        var result = (Map<String, Object>) current;
        return result;
    }
}
