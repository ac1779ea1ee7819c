package io.nova.platform.core.common;

/** Base of the failures a service reports to its caller; each kind maps to one HTTP status and problem type. */
public abstract class DomainException extends RuntimeException {

    protected DomainException(String message) {
        super(message);
    }
}
