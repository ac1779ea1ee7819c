package io.nova.platform.core.common;

/** The caller edited an older version than the one stored (If-Match mismatch or a concurrent write won). */
public class StaleVersionException extends DomainException {

    public StaleVersionException(String kind, String id) {
        super("%s '%s' was changed by someone else; read it again and retry".formatted(kind, id));
    }
}
