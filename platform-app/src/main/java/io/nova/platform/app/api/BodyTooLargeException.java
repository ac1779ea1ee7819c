package io.nova.platform.app.api;

import java.io.IOException;

/** A request body read past {@link RequestSizeLimitFilter#MAX_BYTES}, whatever its headers said. */
class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("Request bodies are limited to %d bytes".formatted(limit));
    }
}
