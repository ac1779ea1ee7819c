package io.nova.platform.core.module;

import java.util.List;
import java.util.Set;

/**
 * Recognises values keys that name a secret ({@code adminPassword}, {@code client_secret}, {@code api-key},
 * {@code AWS_SECRET_ACCESS_KEY}) and keys that only point at a Secret ({@code existingSecret},
 * {@code secretName}, {@code secretKeyRef}). A key names a secret when its last word, or its last two words,
 * are a secret word; so {@code passwordKey} (the key inside a Secret) and {@code tokenTtl} do not.
 */
final class SecretKeyNames {

    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "pwd", "passphrase", "secret",
            "token", "credential", "credentials", "apikey", "accesskey", "secretkey", "privatekey", "fernetkey",
            "stringdata");
    private static final Set<List<String>> SECRET_WORD_PAIRS = Set.of(List.of("api", "key"),
            List.of("access", "key"), List.of("secret", "key"), List.of("private", "key"), List.of("fernet", "key"),
            List.of("encryption", "key"), List.of("signing", "key"), List.of("session", "key"),
            List.of("master", "key"), List.of("string", "data"));
    private static final Set<String> REFERENCE_LAST_WORDS = Set.of("ref", "refs", "reference");

    private SecretKeyNames() {
    }

    static boolean namesSecret(String key) {
        var words = KeyWords.of(key);
        if (words.isEmpty() || isReference(words)) {
            return false;
        }
        var last = words.getLast();
        return SECRET_WORDS.contains(last)
                || words.size() >= 2 && SECRET_WORD_PAIRS.contains(words.subList(words.size() - 2, words.size()));
    }

    /** A key whose value points at an existing Secret rather than holding one; its whole subtree is a reference. */
    static boolean isReference(String key) {
        return isReference(KeyWords.of(key));
    }

    private static boolean isReference(List<String> words) {
        return !words.isEmpty()
                && (words.getFirst().equals("existing") || REFERENCE_LAST_WORDS.contains(words.getLast()));
    }
}
