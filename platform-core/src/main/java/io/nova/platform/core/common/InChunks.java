package io.nova.platform.core.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/** Runs a query per slice of a long list of keys, so that no {@code IN (...)} list grows with the fleet. */
public final class InChunks {

    public static final int SIZE = 500;

    private InChunks() {
    }

    public static <T> void forEach(Collection<T> keys, Consumer<List<T>> query) {
        var all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += SIZE) {
            query.accept(all.subList(from, Math.min(all.size(), from + SIZE)));
        }
    }
}
