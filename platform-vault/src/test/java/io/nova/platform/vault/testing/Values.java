package io.nova.platform.vault.testing;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

/** Conversions of request fields the way Vault's field types accept them, plus ids, times and copies. */
final class Values {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d)");
    /** Vault's {@code framework.GenericNameRegex}. */
    static final Pattern NAME = Pattern.compile("\\w(([\\w.-]+)?\\w)?");

    private Values() {
    }

    static String random(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return out.toString();
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    /** RFC 3339 with nanoseconds, as Go prints times. */
    static String time(Instant instant) {
        return instant.toString();
    }

    static String now() {
        return time(Instant.now());
    }

    static boolean isName(String name) {
        return NAME.matcher(name).matches();
    }

    static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    static boolean bool(Object value, String field) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (String.valueOf(value).toLowerCase()) {
            case "true", "1", "t" -> true;
            case "false", "0", "f", "" -> false;
            default -> throw VaultError.badRequest("error converting input " + value + " for field \"" + field
                    + "\": cannot parse '' as bool: strconv.ParseBool: parsing \"" + value + "\": invalid syntax");
        };
    }

    static long integer(Object value, String field) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw VaultError.badRequest("error converting input " + value + " for field \"" + field + "\"");
        }
    }

    /** Vault's {@code TypeDurationSecond}: a number of seconds or a Go duration string ({@code 1h30m}, {@code 24h}). */
    static long seconds(Object value, String field) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        String text = String.valueOf(value).trim();
        if (text.isEmpty()) {
            return 0;
        }
        if (text.matches("-?\\d+")) {
            return Long.parseLong(text);
        }
        Matcher matcher = DURATION_PART.matcher(text);
        double total = 0;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            double amount = Double.parseDouble(matcher.group(1));
            total += amount * switch (matcher.group(2)) {
                case "ns" -> 1e-9;
                case "us", "µs" -> 1e-6;
                case "ms" -> 1e-3;
                case "s" -> 1;
                case "m" -> 60;
                case "h" -> 3600;
                default -> 86400;
            };
            end = matcher.end();
        }
        if (end != text.length() || end == 0) {
            throw VaultError.badRequest("error converting input " + text + " for field \"" + field
                    + "\": time: invalid duration \"" + text + "\"");
        }
        return (long) total;
    }

    /** Vault's {@code TypeCommaStringSlice}: a JSON list or a comma-separated string; blanks dropped. */
    static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        Collection<?> items = value instanceof Collection<?> c ? c : List.of(String.valueOf(value).split(","));
        for (Object item : items) {
            String text = String.valueOf(item).trim();
            if (!text.isEmpty()) {
                out.add(text);
            }
        }
        return out;
    }

    /** Vault's {@code policyutil.SanitizePolicies}: trimmed, lower case, without duplicates, sorted. */
    static List<String> policies(Object value) {
        TreeSet<String> sorted = new TreeSet<>();
        for (String policy : strings(value)) {
            sorted.add(policy.toLowerCase());
        }
        return new ArrayList<>(sorted);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value, String field) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw VaultError.badRequest("error converting input " + value + " for field \"" + field
                + "\": expected a map");
    }

    /** A deep, mutable copy of JSON-like values (maps, lists, scalars). */
    @SuppressWarnings("unchecked")
    static <T> T copy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return (T) out;
        }
        if (value instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(copy(v)));
            return (T) out;
        }
        return value;
    }

    /** Builds an ordered map from alternating keys and values; null values are kept. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
