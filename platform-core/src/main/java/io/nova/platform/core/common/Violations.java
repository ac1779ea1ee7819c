package io.nova.platform.core.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Collects every problem of a request so that the caller learns them all at once, then throws if any. */
public final class Violations {

    private final List<FieldViolation> list = new ArrayList<>();

    public Violations add(String field, String message) {
        list.add(new FieldViolation(field, message));
        return this;
    }

    public Violations addAll(Collection<FieldViolation> violations) {
        list.addAll(violations);
        return this;
    }

    /** Records {@code problem} for {@code field} unless it is null (the checkers return null for "fine"). */
    public Violations check(String field, String problem) {
        if (problem != null) {
            add(field, problem);
        }
        return this;
    }

    public boolean required(String field, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            add(field, "is required");
            return false;
        }
        return true;
    }

    public Violations maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(field, "must be at most %d characters (got %d)".formatted(max, value.length()));
        }
        return this;
    }

    public Violations range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            add(field, "must be between %d and %d (got %d)".formatted(min, max, value));
        }
        return this;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public boolean has(String field) {
        return list.stream().anyMatch(v -> v.field().equals(field));
    }

    public void throwIfAny(String subject) {
        if (!list.isEmpty()) {
            String detail = list.size() == 1
                    ? "%s: %s %s".formatted(subject, list.getFirst().field(), list.getFirst().message())
                    : "%s: %d fields are invalid".formatted(subject, list.size());
            throw new InvalidRequestException(detail, list);
        }
    }
}
