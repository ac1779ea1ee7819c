package io.nova.platform.core.module.integration;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Makes the values of a generated credential from a strong random source; the values go to Vault, never back. */
public final class CredentialGenerator {

    private static final String UPPER_AND_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String LETTERS_AND_DIGITS = UPPER_AND_DIGITS + "abcdefghijklmnopqrstuvwxyz";

    private final SecureRandom random;

    public CredentialGenerator() {
        this(new SecureRandom());
    }

    CredentialGenerator(SecureRandom random) {
        this.random = random;
    }

    /** One value per key of {@code credential}. */
    public Map<String, String> generate(GeneratedCredential credential) {
        var values = new LinkedHashMap<String, String>();
        credential.keys().forEach(key -> values.put(key.key(), value(key)));
        return values;
    }

    String value(CredentialKey key) {
        return switch (key.kind()) {
            case ACCESS_KEY -> chars(UPPER_AND_DIGITS, 20);
            case PASSWORD -> chars(LETTERS_AND_DIGITS, 40);
            case COOKIE_SECRET -> chars(LETTERS_AND_DIGITS, 32);
            case FERNET_KEY -> Base64.getUrlEncoder().encodeToString(bytes(32));
            case HEX_KEY -> HexFormat.of().formatHex(bytes(32));
            case FIXED -> key.value();
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
