package io.nova.platform.core.common;

import java.util.List;

/** The request breaks a validation rule; nothing was changed. */
public class InvalidRequestException extends DomainException {

    private final List<FieldViolation> violations;

    public InvalidRequestException(String message, List<FieldViolation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(message, List.of(new FieldViolation(field, message)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
