package io.nova.platform.vault.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An ACL policy of the {@link VaultApiTestDouble}: the HCL (or JSON) policy language of Vault/OpenBao, reduced to
 * what decides a request — {@code path "<pattern>" { capabilities = [...] }} blocks (and the legacy
 * {@code policy = "read|write|deny|sudo"} shorthand). Other keys of a path block (allowed_parameters, wrapping TTLs,
 * ...) are parsed and ignored. Matching follows Vault's ACL rules: an exact path wins; otherwise among {@code *}
 * (prefix) and {@code +} (one segment) patterns the highest priority one applies; rules of several policies for the
 * same pattern are merged and {@code deny} overrides everything.
 */
final class AclPolicy {

    static final Set<String> CAPABILITIES = Set.of("create", "read", "update", "delete", "list", "sudo", "deny",
            "patch", "subscribe", "recover");

    record Rule(String pattern, Set<String> capabilities) {
    }

    private final List<Rule> rules;

    private AclPolicy(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    List<Rule> rules() {
        return rules;
    }

    /** Parses a policy document; the exception message is what Vault puts after {@code failed to parse policy: }. */
    static AclPolicy parse(String text) {
        List<Entry> entries = new Parser(text).document();
        List<Rule> rules = new ArrayList<>();
        for (Entry entry : entries) {
            if (!entry.key.equals("path")) {
                continue;
            }
            if (entry.labels.size() == 1 && entry.value instanceof Obj body) {
                rules.add(rule(entry.labels.getFirst(), body.entries()));
            } else if (entry.labels.isEmpty() && entry.value instanceof Obj body) {
                // JSON form: "path": { "<pattern>": { "capabilities": [...] } }
                for (Entry inner : body.entries()) {
                    if (!(inner.value instanceof Obj innerBody)) {
                        throw new IllegalArgumentException("path " + quote(inner.key) + ": invalid path block");
                    }
                    rules.add(rule(inner.key, innerBody.entries()));
                }
            } else {
                throw new IllegalArgumentException("invalid path block");
            }
        }
        return new AclPolicy(rules);
    }

    private static Rule rule(String pattern, List<Entry> body) {
        Set<String> capabilities = new LinkedHashSet<>();
        for (Entry entry : body) {
            switch (entry.key) {
                case "capabilities" -> {
                    if (!(entry.value instanceof List<?> list) || list.stream().anyMatch(v -> !(v instanceof String))) {
                        throw new IllegalArgumentException("path " + quote(pattern)
                                + ": capabilities must be a list of strings");
                    }
                    for (Object raw : list) {
                        String capability = ((String) raw).toLowerCase();
                        if (!CAPABILITIES.contains(capability)) {
                            throw new IllegalArgumentException("path " + quote(pattern) + ": invalid capability "
                                    + quote((String) raw));
                        }
                        capabilities.add(capability);
                    }
                }
                case "policy" -> {
                    if (!(entry.value instanceof String legacy)) {
                        throw new IllegalArgumentException("path " + quote(pattern) + ": invalid policy");
                    }
                    switch (legacy) {
                        case "deny" -> capabilities.add("deny");
                        case "read" -> capabilities.addAll(List.of("read", "list"));
                        case "write" -> capabilities.addAll(List.of("create", "read", "update", "delete", "list"));
                        case "sudo" -> capabilities.addAll(List.of("create", "read", "update", "delete", "list",
                                "sudo"));
                        default -> throw new IllegalArgumentException("path " + quote(pattern) + ": invalid policy "
                                + quote(legacy));
                    }
                }
                default -> {
                    // allowed_parameters, denied_parameters, min_wrapping_ttl, ...: not modelled
                }
            }
        }
        if (capabilities.contains("deny")) {
            capabilities = Set.of("deny");
        }
        String path = pattern.startsWith("/") ? pattern.substring(1) : pattern;
        if (path.contains("+*")) {
            throw new IllegalArgumentException("path " + quote(path) + ": invalid use of wildcards ('+*' is forbidden)");
        }
        return new Rule(path, Set.copyOf(capabilities));
    }

    /**
     * The capabilities a set of policies grants on {@code path} (a request path relative to the token's namespace,
     * with the trailing slash Vault adds to LIST requests). Empty means denied.
     */
    static Set<String> capabilities(Collection<AclPolicy> policies, String path, boolean list) {
        Map<String, Set<String>> merged = new LinkedHashMap<>();
        for (AclPolicy policy : policies) {
            for (Rule rule : policy.rules) {
                merged.merge(rule.pattern(), rule.capabilities(), AclPolicy::mergeCapabilities);
            }
        }
        Set<String> exact = exactRule(merged, path);
        if (exact == null && list && path.endsWith("/")) {
            exact = exactRule(merged, path.substring(0, path.length() - 1));
        }
        if (exact != null) {
            return effective(exact);
        }
        String best = null;
        for (String pattern : merged.keySet()) {
            if (isGlob(pattern) && matches(pattern, path) && (best == null || PRIORITY.compare(pattern, best) > 0)) {
                best = pattern;
            }
        }
        return best == null ? Set.of() : effective(merged.get(best));
    }

    private static Set<String> exactRule(Map<String, Set<String>> merged, String path) {
        Set<String> capabilities = merged.get(path);
        return capabilities == null || isGlob(path) ? null : capabilities;
    }

    private static Set<String> effective(Set<String> capabilities) {
        return capabilities.contains("deny") ? Set.of() : capabilities;
    }

    private static Set<String> mergeCapabilities(Set<String> a, Set<String> b) {
        if (a.contains("deny") || b.contains("deny")) {
            return Set.of("deny");
        }
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        return Set.copyOf(union);
    }

    /** A prefix glob, or a pattern with segment wildcards as Vault detects them ({@code +}, {@code /+}, {@code +/}). */
    private static boolean isGlob(String pattern) {
        return pattern.endsWith("*") || hasSegmentWildcards(pattern);
    }

    private static boolean hasSegmentWildcards(String pattern) {
        return pattern.equals("+") || pattern.contains("/+") || pattern.startsWith("+/");
    }

    static boolean matches(String pattern, String path) {
        boolean prefix = pattern.endsWith("*");
        String body = prefix ? pattern.substring(0, pattern.length() - 1) : pattern;
        if (!hasSegmentWildcards(pattern)) {
            return prefix ? path.startsWith(body) : path.equals(body);
        }
        String[] patternSegments = body.split("/", -1);
        String[] pathSegments = path.split("/", -1);
        int last = patternSegments.length - 1;
        if (pathSegments.length < patternSegments.length || (!prefix && pathSegments.length != patternSegments.length)) {
            return false;
        }
        for (int i = 0; i < last; i++) {
            if (!patternSegments[i].equals("+") && !patternSegments[i].equals(pathSegments[i])) {
                return false;
            }
        }
        String lastPattern = patternSegments[last];
        if (lastPattern.equals("+")) {
            return true;
        }
        if (!prefix) {
            return lastPattern.equals(pathSegments[last]);
        }
        String remainder = String.join("/", List.of(pathSegments).subList(last, pathSegments.length));
        return remainder.startsWith(lastPattern);
    }

    /** Vault's documented priority of non-exact patterns: the greater one wins. */
    private static final Comparator<String> PRIORITY = (p1, p2) -> {
        int firstWildcard1 = firstWildcard(p1);
        int firstWildcard2 = firstWildcard(p2);
        if (firstWildcard1 != firstWildcard2) {
            return Integer.compare(firstWildcard1, firstWildcard2);
        }
        boolean glob1 = p1.endsWith("*");
        boolean glob2 = p2.endsWith("*");
        if (glob1 != glob2) {
            return glob1 ? -1 : 1;
        }
        long plus1 = Arrays.stream(p1.split("/", -1)).filter(s -> s.equals("+")).count();
        long plus2 = Arrays.stream(p2.split("/", -1)).filter(s -> s.equals("+")).count();
        if (plus1 != plus2) {
            return plus1 > plus2 ? -1 : 1;
        }
        if (p1.length() != p2.length()) {
            return Integer.compare(p1.length(), p2.length());
        }
        return p1.compareTo(p2);
    };

    private static int firstWildcard(String pattern) {
        int plus = pattern.indexOf('+');
        int star = pattern.indexOf('*');
        if (plus < 0) {
            return star < 0 ? Integer.MAX_VALUE : star;
        }
        return star < 0 ? plus : Math.min(plus, star);
    }

    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    /** One {@code key [labels] = value} or {@code key "label" { body }} of an HCL body. */
    private record Entry(String key, List<String> labels, Object value, int line) {
    }

    /** An HCL block or JSON object: its entries in order. */
    private record Obj(List<Entry> entries) {
    }

    /** A small HCL/JSON reader: objects become {@link Obj}, lists become Lists of values. */
    private static final class Parser {

        private final String text;
        private int pos;
        private int line = 1;

        Parser(String text) {
            this.text = text;
        }

        List<Entry> document() {
            List<Entry> entries;
            skipSpace();
            if (peek() == '{') {
                // JSON document: one object
                pos++;
                entries = body('}');
                expect('}');
            } else {
                entries = body((char) 0);
            }
            skipSpace();
            if (pos < text.length()) {
                throw error("unexpected " + describe());
            }
            return entries;
        }

        private List<Entry> body(char end) {
            List<Entry> entries = new ArrayList<>();
            while (true) {
                skipSpace();
                if (pos >= text.length() || peek() == end) {
                    if (end != 0 && pos >= text.length()) {
                        throw error("unexpected end of input, expected '" + end + "'");
                    }
                    return entries;
                }
                int keyLine = line;
                String key = keyToken();
                skipSpace();
                List<String> labels = new ArrayList<>();
                while (peek() == '"') {
                    labels.add(string());
                    skipSpace();
                }
                Object value;
                if (peek() == '=' || peek() == ':') {
                    pos++;
                    value = value();
                } else if (peek() == '{') {
                    pos++;
                    value = new Obj(body('}'));
                    expect('}');
                } else {
                    throw error("expected '=' or '{' after " + quote(key));
                }
                entries.add(new Entry(key, List.copyOf(labels), value, keyLine));
                skipSpace();
                if (peek() == ',') {
                    pos++;
                }
            }
        }

        private Object value() {
            skipSpace();
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == '[') {
                pos++;
                List<Object> values = new ArrayList<>();
                while (true) {
                    skipSpace();
                    if (peek() == ']') {
                        pos++;
                        return values;
                    }
                    values.add(value());
                    skipSpace();
                    if (peek() == ',') {
                        pos++;
                    } else if (peek() != ']') {
                        throw error("expected ',' or ']' in list");
                    }
                }
            }
            if (c == '{') {
                pos++;
                Obj object = new Obj(body('}'));
                expect('}');
                return object;
            }
            String word = bareWord();
            if (word.isEmpty()) {
                throw error("unexpected " + describe());
            }
            return switch (word) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> null;
                default -> word;
            };
        }

        private String keyToken() {
            if (peek() == '"') {
                return string();
            }
            String word = bareWord();
            if (word.isEmpty()) {
                throw error("unexpected " + describe());
            }
            return word;
        }

        private String bareWord() {
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.') {
                    pos++;
                } else {
                    break;
                }
            }
            return text.substring(start, pos);
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\n') {
                    throw error("newline in string");
                }
                if (c == '\\' && pos < text.length()) {
                    char escaped = text.charAt(pos++);
                    switch (escaped) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'u' -> {
                            if (pos + 4 > text.length()) {
                                throw error("bad unicode escape");
                            }
                            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                            pos += 4;
                        }
                        default -> out.append(escaped);
                    }
                } else {
                    out.append(c);
                }
            }
        }

        private void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\n') {
                    line++;
                    pos++;
                } else if (Character.isWhitespace(c)) {
                    pos++;
                } else if (c == '#' || (c == '/' && pos + 1 < text.length() && text.charAt(pos + 1) == '/')) {
                    while (pos < text.length() && text.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (c == '/' && pos + 1 < text.length() && text.charAt(pos + 1) == '*') {
                    int close = text.indexOf("*/", pos + 2);
                    if (close < 0) {
                        throw error("unterminated comment");
                    }
                    line += (int) text.substring(pos, close).chars().filter(ch -> ch == '\n').count();
                    pos = close + 2;
                } else {
                    return;
                }
            }
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : 0;
        }

        private void expect(char c) {
            skipSpace();
            if (peek() != c) {
                throw error("expected '" + c + "' but found " + describe());
            }
            pos++;
        }

        private String describe() {
            return pos >= text.length() ? "end of input" : "'" + text.charAt(pos) + "'";
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("At " + line + ":" + (column()) + ": " + message);
        }

        private int column() {
            int lineStart = text.lastIndexOf('\n', Math.max(0, pos - 1)) + 1;
            return pos - lineStart + 1;
        }
    }
}
