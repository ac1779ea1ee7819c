package io.nova.platform.core.gpu;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import io.nova.platform.core.common.FieldViolation;

/**
 * What a pool spec would offer: the resource names and counts the device plugin would advertise, or the problems
 * that stop it from being saved.
 */
public record PoolPreview(SortedMap<String, Long> capacity, List<FieldViolation> problems) {

    public PoolPreview {
        capacity = new TreeMap<>(capacity);
        problems = List.copyOf(problems);
    }

    static PoolPreview refused(List<FieldViolation> problems) {
        return new PoolPreview(new TreeMap<>(), problems);
    }

    public boolean fits() {
        return problems.isEmpty();
    }
}
