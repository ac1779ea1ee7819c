package io.nova.platform.core.desired;

import io.nova.platform.core.common.DomainException;

/** The cluster or its Git repository could not be reached or refused the delivery; nothing was half-applied. */
public class DeliveryFailedException extends DomainException {

    public DeliveryFailedException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
