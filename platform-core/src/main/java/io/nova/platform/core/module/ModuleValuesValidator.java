package io.nova.platform.core.module;

import io.nova.platform.core.common.FieldViolation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks Helm values a user gives for a module before the platform installs them: only keys the chart knows,
 * bounded in size and depth, and no secrets written in as literals. Fields are named like
 * {@code values.singleuser.image}.
 */
public final class ModuleValuesValidator {

    public static final int MAX_SERIALIZED_BYTES = 64 * 1024;
    public static final int MAX_DEPTH = 20;
    /** Longer than any Kubernetes name, label or annotation key. */
    public static final int MAX_KEY_LENGTH = 317;

    private static final String ROOT = "values";
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    /** {@code scheme://user:password@host}: a password in a connection string. */
    private static final Pattern CREDENTIALS_IN_URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public List<FieldViolation> validate(ModuleDefinition module, Map<String, Object> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        var violations = new ArrayList<FieldViolation>();
        // Bounds first: the checks after them walk the whole tree, and the key suggestion is quadratic in key length.
        tooLarge(values, violations);
        if (!violations.isEmpty() || tooDeep(ROOT, values, 1, violations) || tooLongKey(ROOT, values, 1, violations)) {
            return List.copyOf(violations);
        }
        unknownTopLevelKeys(module, values, violations);
        literalSecrets(ROOT, values, 1, violations);
        return List.copyOf(violations);
    }

    private static void unknownTopLevelKeys(ModuleDefinition module, Map<String, Object> values,
                                            List<FieldViolation> violations) {
        for (var key : values.keySet()) {
            if (module.valueKeys().contains(key)) {
                continue;
            }
            var message = "'%s' is not a value of module '%s' (chart %s)".formatted(key, module.key(),
                    module.chart() == null ? module.key() : module.chart().chart());
            var suggestion = ClosestKey.to(key, module.valueKeys())
                    .map(closest -> "; did you mean '" + closest + "'?")
                    .orElse("");
            violations.add(new FieldViolation(path(ROOT, key), message + suggestion));
        }
    }

    private static void tooLarge(Map<String, Object> values, List<FieldViolation> violations) {
        int size;
        try {
            size = JSON.writeValueAsBytes(values).length;
        } catch (JacksonException e) {
            violations.add(new FieldViolation(ROOT, "values cannot be serialized: " + e.getOriginalMessage()));
            return;
        }
        if (size > MAX_SERIALIZED_BYTES) {
            violations.add(new FieldViolation(ROOT, "values take %d bytes serialized; at most %d (64 KiB) are allowed"
                    .formatted(size, MAX_SERIALIZED_BYTES)));
        }
    }

    /** Reports the first container that nests deeper than {@link #MAX_DEPTH}; the values map itself is level 1. */
    private static boolean tooDeep(String path, Object value, int depth, List<FieldViolation> violations) {
        if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
            return false;
        }
        if (depth > MAX_DEPTH) {
            violations.add(new FieldViolation(path,
                    "values nest %d levels deep here; at most %d are allowed".formatted(depth, MAX_DEPTH)));
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (var entry : map.entrySet()) {
                if (tooDeep(path(path, String.valueOf(entry.getKey())), entry.getValue(), depth + 1, violations)) {
                    return true;
                }
            }
        } else {
            var list = (List<?>) value;
            for (int i = 0; i < list.size(); i++) {
                if (tooDeep(path + "[" + i + "]", list.get(i), depth + 1, violations)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean tooLongKey(String path, Object value, int depth, List<FieldViolation> violations) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (value instanceof Map<?, ?> map) {
            for (var entry : map.entrySet()) {
                var key = String.valueOf(entry.getKey());
                if (key.length() > MAX_KEY_LENGTH) {
                    violations.add(new FieldViolation(path, "a key here is %d characters long; at most %d are allowed"
                            .formatted(key.length(), MAX_KEY_LENGTH)));
                    return true;
                }
                if (tooLongKey(path(path, key), entry.getValue(), depth + 1, violations)) {
                    return true;
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (tooLongKey(path + "[" + i + "]", list.get(i), depth + 1, violations)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void literalSecrets(String path, Object value, int depth, List<FieldViolation> violations) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            literalSecretsIn(path, map, depth, violations);
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                literalSecrets(path + "[" + i + "]", list.get(i), depth + 1, violations);
            }
        }
    }

    private static void literalSecretsIn(String path, Map<?, ?> map, int depth, List<FieldViolation> violations) {
        if (map.get("name") instanceof String name && SecretKeyNames.namesSecret(name)
                && isLiteral("value", map.get("value"))) {
            violations.add(new FieldViolation(path(path, "value"), ("environment variable '%s' holds a secret; "
                    + "secrets belong in StarVault and the platform delivers them, so take it from a Secret "
                    + "(valueFrom.secretKeyRef) instead").formatted(name)));
        }
        for (var entry : map.entrySet()) {
            var key = String.valueOf(entry.getKey());
            if (SecretKeyNames.isReference(key)) {
                continue;
            }
            var keyPath = path(path, key);
            if (entry.getValue() instanceof String text && CREDENTIALS_IN_URL.matcher(text).find()) {
                violations.add(new FieldViolation(keyPath, ("'%s' is a URL with a password in it; secrets belong in "
                        + "StarVault and the platform delivers them, so give the URL without credentials and take "
                        + "them from a Secret").formatted(key)));
            } else if (SecretKeyNames.namesSecret(key) && isLiteral(key, entry.getValue())) {
                violations.add(new FieldViolation(keyPath, ("'%s' holds a secret; secrets belong in StarVault and "
                        + "the platform delivers them, so refer to an existing Secret (e.g. existingSecret) "
                        + "instead of writing the value here").formatted(key)));
            } else {
                literalSecrets(keyPath, entry.getValue(), depth + 1, violations);
            }
        }
    }

    /**
     * A value given in place: a non-blank string or a number (a PIN-like password); not a boolean, which is a switch
     * ({@code automountServiceAccountToken: true}). Under {@code stringData} (a Secret manifest's content, as in
     * {@code extraSecrets}), a map of such values too.
     */
    private static boolean isLiteral(String key, Object value) {
        if (value instanceof Map<?, ?> map) {
            return KeyWords.of(key).equals(List.of("string", "data"))
                    && map.values().stream().anyMatch(v -> isLiteral("", v));
        }
        return value instanceof String text && !text.isBlank() || value instanceof Number;
    }

    private static String path(String parent, String key) {
        return PLAIN_KEY.matcher(key).matches()
                ? parent + "." + key
                : parent + "[\"" + key.replace("\"", "\\\"") + "\"]";
    }
}
