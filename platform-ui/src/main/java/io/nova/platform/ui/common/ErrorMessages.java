package io.nova.platform.ui.common;

import java.util.stream.Collectors;

import io.nova.platform.core.common.DomainException;
import io.nova.platform.core.common.InvalidRequestException;

/** What a person reads when a service refuses: the domain's own message, never an internal one. */
public final class ErrorMessages {

    private ErrorMessages() {
    }

    public static String of(Throwable error) {
        Throwable cause = error;
        while (cause != null && !(cause instanceof DomainException)) {
            cause = cause.getCause();
        }
        if (cause instanceof InvalidRequestException invalid && !invalid.violations().isEmpty()) {
            return invalid.violations().stream().map(v -> v.field() + ": " + v.message())
                    .collect(Collectors.joining("; "));
        }
        if (cause != null) {
            return cause.getMessage();
        }
        return "Something went wrong on our side; the details are in the platform's log.";
    }

    public static boolean isDomain(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException) {
                return true;
            }
        }
        return false;
    }
}
