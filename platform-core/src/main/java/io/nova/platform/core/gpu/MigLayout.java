package io.nova.platform.core.gpu;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A named MIG layout of one GPU model, as the MIG manager's mig-parted config names it.
 *
 * @param name    e.g. {@code all-1g.10gb} or {@code all-balanced}
 * @param devices profile to instance count on each GPU, sorted by profile
 */
public record MigLayout(String name, Map<String, Integer> devices) {

    public MigLayout {
        Objects.requireNonNull(name, "name");
        devices = Collections.unmodifiableSortedMap(new TreeMap<>(devices));
    }
}
