package io.nova.platform.core.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a text (its UTF-8 bytes), in lower-case hex. */
public final class Sha256 {

    private Sha256() {
    }

    public static String hex(String text) {
        return HexFormat.of().formatHex(digest(text));
    }

    public static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
