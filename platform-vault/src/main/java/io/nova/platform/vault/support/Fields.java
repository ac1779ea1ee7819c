package io.nova.platform.vault.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares what Vault returns with what the platform wants, tolerating the ways Vault echoes values back: lists as
 * comma-separated strings, durations as seconds or Go duration strings, texts with other line endings.
 */
public final class Fields {

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d)");

    private Fields() {
    }

    /** The value as a set of strings: a JSON array, a comma-separated string, or nothing. */
    public static Set<String> strings(Object value) {
        if (value == null) {
            return Set.of();
        }
        if (value instanceof Collection<?> collection) {
            Set<String> result = new HashSet<>();
            collection.forEach(item -> result.add(String.valueOf(item)));
            return result;
        }
        String text = String.valueOf(value).trim();
        if (text.isEmpty()) {
            return Set.of();
        }
        Set<String> result = new HashSet<>();
        Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(result::add);
        return result;
    }

    public static boolean sameSet(Object actual, Collection<String> desired) {
        return strings(actual).equals(new HashSet<>(desired));
    }

    public static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    /** Equal texts once line endings and surrounding blanks are ignored. */
    public static boolean sameText(Object actual, String desired) {
        return normalize(text(actual)).equals(normalize(desired));
    }

    /** Equal texts once all whitespace is ignored (for JSON templates that Vault may reformat). */
    public static boolean sameIgnoringWhitespace(Object actual, String desired) {
        return text(actual).replaceAll("\\s+", "").equals(desired.replaceAll("\\s+", ""));
    }

    public static boolean sameDuration(Object actual, Duration desired) {
        Duration parsed = duration(actual);
        return parsed != null && parsed.equals(desired);
    }

    /** Seconds as a number or numeric string, or a Go duration ({@code 1h}, {@code 15m0s}); null if unparseable. */
    public static Duration duration(Object value) {
        if (value instanceof Number number) {
            return Duration.ofSeconds(number.longValue());
        }
        String text = text(value).trim();
        if (text.isEmpty()) {
            return null;
        }
        if (text.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        Matcher matcher = DURATION_PART.matcher(text);
        long nanos = 0;
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                return null;
            }
            end = matcher.end();
            double amount = Double.parseDouble(matcher.group(1));
            long unit = switch (matcher.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> 86_400_000_000_000L;
            };
            nanos += (long) (amount * unit);
        }
        return end == text.length() ? Duration.ofNanos(nanos) : null;
    }

    /** A duration in Vault's duration format, as short as it gets: {@code 1h}, {@code 15m}, {@code 90s}. */
    public static String vaultDuration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds > 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    public static List<String> sorted(Collection<String> values) {
        return values.stream().sorted().toList();
    }

    public static String string(Map<String, Object> fields, String key) {
        Object value = fields.get(key);
        return value == null ? null : String.valueOf(value);
    }

    private static String normalize(String text) {
        return text.replace("\r\n", "\n").strip();
    }
}
