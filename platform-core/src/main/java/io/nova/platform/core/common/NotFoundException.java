package io.nova.platform.core.common;

/** A named thing does not exist. {@code field} is set when the missing thing was referenced from a request body. */
public class NotFoundException extends DomainException {

    private final String kind;
    private final String id;

    public NotFoundException(String kind, String id) {
        super("%s '%s' does not exist".formatted(kind, id));
        this.kind = kind;
        this.id = id;
    }

    public String kind() {
        return kind;
    }

    public String id() {
        return id;
    }
}
