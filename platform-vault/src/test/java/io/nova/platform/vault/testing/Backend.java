package io.nova.platform.vault.testing;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The endpoints of one kind of mount (a secrets engine or an auth method), as Vault's router hands a request to the
 * backend mounted at the longest matching prefix. Paths given to a backend are relative to its mount and have no
 * leading or trailing slash. Backends are called with the double's lock held.
 */
interface Backend {

    /** The operation a request asks for, before the existence check splits writes into create and update. */
    enum Op {
        READ, LIST, WRITE, DELETE, PATCH
    }

    /**
     * One request as the backend sees it.
     *
     * @param path  the request path below {@code /v1/} without the trailing slash of a LIST
     * @param sub   the same path relative to the mount
     * @param data  the JSON body, or for GET/LIST the query parameters
     * @param token the caller's token; null for unauthenticated (login) endpoints
     */
    record Call(Op op, String path, Mount mount, String sub, Map<String, Object> data, AccessControl.Token token) {

        Object get(String field) {
            return data.get(field);
        }

        boolean has(String field) {
            return data.containsKey(field);
        }
    }

    Reply handle(Call call);

    /** Vault's existence check: whether a write to {@code sub} updates an existing object (else it creates one). */
    boolean exists(Mount mount, String sub);

    /** Whether {@code sub} is a login path that needs no token. */
    default boolean unauthenticated(String sub) {
        return false;
    }

    /** The raw stored fields of the object at {@code sub}, as the backend keeps them. */
    default Optional<Map<String, Object>> stored(Mount mount, String sub) {
        return Optional.empty();
    }

    /** Merges fields into the stored object, bypassing the API's validation (a manual change). */
    default void tamper(Mount mount, String sub, Map<String, Object> fields) {
        throw new NoSuchElementException("nothing stored at " + mount.path() + sub);
    }

    /** Removes the object, bypassing the API's validation; nothing happens if there is none. */
    default void remove(Mount mount, String sub) {
    }

    /** Drops the state kept for a mount that was disabled. */
    default void unmounted(Mount mount) {
    }

    /** Splits {@code a/b/c} into at most {@code limit} parts, the last holding the rest. */
    static String[] split(String sub, int limit) {
        return sub.isEmpty() ? new String[0] : sub.split("/", limit);
    }

    /** The one name a path segment must be (Vault's generic name pattern), else 404 unsupported path. */
    static String name(String segment) {
        if (segment == null || !Values.isName(segment)) {
            throw VaultError.unsupportedPath();
        }
        return segment;
    }
}
