package io.nova.platform.core.common;

/** One problem with one field of a request; {@code field} is a JSON path such as {@code sharing.migLayout}. */
public record FieldViolation(String field, String message) {
}
