package io.nova.platform.app.api;

import java.net.URI;

/** Stable problem {@code type} URIs; docs/api.md describes each. */
public final class ProblemTypes {

    private static final String BASE = "https://nova-platform.io/problems/";

    public static final URI MALFORMED_REQUEST = URI.create(BASE + "malformed-request");
    public static final URI VALIDATION_FAILED = URI.create(BASE + "validation-failed");
    public static final URI DOES_NOT_FIT = URI.create(BASE + "does-not-fit");
    public static final URI NOT_FOUND = URI.create(BASE + "not-found");
    public static final URI CONFLICT = URI.create(BASE + "conflict");
    public static final URI CONCURRENT_MODIFICATION = URI.create(BASE + "concurrent-modification");
    public static final URI PRECONDITION_FAILED = URI.create(BASE + "precondition-failed");
    public static final URI FORBIDDEN = URI.create(BASE + "forbidden");
    public static final URI DELIVERY_FAILED = URI.create(BASE + "delivery-failed");
    public static final URI INTERNAL_ERROR = URI.create(BASE + "internal-error");

    private ProblemTypes() {
    }
}
