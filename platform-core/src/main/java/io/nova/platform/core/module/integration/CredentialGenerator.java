package io.nova.platform.core.module.integration;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes the values of a generated credential from a strong random source; the values go to Vault, never back. */
public final class CredentialGenerator {

    private static final String UPPER_AND_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String LETTERS_AND_DIGITS = UPPER_AND_DIGITS + "abcdefghijklmnopqrstuvwxyz";
    /** Stands for a value not generated yet; no stored value equals it (a NUL character is never generated). */
    public static final String NOT_GENERATED = "\u0000not generated";

    private final SecureRandom random;

    public CredentialGenerator() {
        this(new SecureRandom());
    }

    CredentialGenerator(SecureRandom random) {
        this.random = random;
    }

    /** {@code {{key}}} in a {@link CredentialKind#DERIVED} key's template. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([-._a-zA-Z0-9]+)\\s*}}");

    /** One value per key of {@code credential}. */
    public Map<String, String> generate(GeneratedCredential credential) {
        return complete(credential, Map.of());
    }

    /**
     * The values of {@code credential} keeping those of {@code existing}: keys the catalog added since are generated,
     * derived keys are made again from the values kept.
     */
    public Map<String, String> complete(GeneratedCredential credential, Map<String, String> existing) {
        return complete(credential, existing, this::value);
    }

    /**
     * What {@link #complete} would return, with {@link #NOT_GENERATED} in place of every value it would generate: a
     * plan learns which keys would change without making secrets (or spending the random source) for nothing.
     */
    public Map<String, String> planned(GeneratedCredential credential, Map<String, String> existing) {
        return complete(credential, existing, key -> key.kind() == CredentialKind.FIXED ? key.value() : NOT_GENERATED);
    }

    private Map<String, String> complete(GeneratedCredential credential, Map<String, String> existing,
                                         Function<CredentialKey, String> fresh) {
        var values = new LinkedHashMap<String, String>();
        for (CredentialKey key : credential.keys()) {
            if (key.kind() != CredentialKind.DERIVED) {
                String kept = existing.get(key.key());
                values.put(key.key(), kept != null && key.kind() != CredentialKind.FIXED ? kept : fresh.apply(key));
            }
        }
        for (CredentialKey key : credential.keys()) {
            if (key.kind() == CredentialKind.DERIVED) {
                values.put(key.key(), PLACEHOLDER.matcher(key.value())
                        .replaceAll(match -> Matcher.quoteReplacement(values.get(match.group(1)))));
            }
        }
        var ordered = new LinkedHashMap<String, String>();
        credential.keys().forEach(key -> ordered.put(key.key(), values.get(key.key())));
        return ordered;
    }

    String value(CredentialKey key) {
        return switch (key.kind()) {
            case ACCESS_KEY -> chars(UPPER_AND_DIGITS, 20);
            case PASSWORD -> chars(LETTERS_AND_DIGITS, 40);
            case COOKIE_SECRET -> chars(LETTERS_AND_DIGITS, 32);
            case FERNET_KEY -> Base64.getUrlEncoder().encodeToString(bytes(32));
            case HEX_KEY -> HexFormat.of().formatHex(bytes(32));
            case FIXED -> key.value();
            case DERIVED -> throw new IllegalArgumentException("a derived key is made from the others");
        };
    }

    private String chars(String alphabet, int length) {
        var value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return value.toString();
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
