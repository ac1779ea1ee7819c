package io.nova.platform.core.module;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The lower-case words of a values key written in camelCase, snake_case, kebab-case or UPPER_SNAKE. */
final class KeyWords {

    private KeyWords() {
    }

    static List<String> of(String key) {
        var separated = key
                .replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2");
        return Arrays.stream(separated.split("[^A-Za-z0-9]+"))
                .filter(word -> !word.isEmpty())
                .map(word -> word.toLowerCase(Locale.ROOT))
                .toList();
    }
}
