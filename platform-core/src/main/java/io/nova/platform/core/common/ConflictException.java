package io.nova.platform.core.common;

import java.util.List;

/** The request is well-formed but clashes with the current state (duplicate, still in use, over capacity). */
public class ConflictException extends DomainException {

    private final List<String> conflicts;

    public ConflictException(String message, List<String> conflicts) {
        super(message);
        this.conflicts = List.copyOf(conflicts);
    }

    public ConflictException(String message) {
        this(message, List.of());
    }

    /** What stands in the way, for example the tenants that still use a pool. */
    public List<String> conflicts() {
        return conflicts;
    }
}
