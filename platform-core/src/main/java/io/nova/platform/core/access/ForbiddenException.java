package io.nova.platform.core.access;

import io.nova.platform.core.common.DomainException;

/** The caller is authenticated but its roles do not allow this. */
public class ForbiddenException extends DomainException {

    public ForbiddenException(String message) {
        super(message);
    }
}
