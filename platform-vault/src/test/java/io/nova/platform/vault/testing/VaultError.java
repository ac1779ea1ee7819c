package io.nova.platform.vault.testing;

import java.util.List;

/** A Vault error answer: the status and the texts of {@code {"errors": [...]}}. */
final class VaultError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<String> errors;

    VaultError(int status, List<String> errors) {
        super(status + " " + errors, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    int status() {
        return status;
    }

    List<String> errors() {
        return errors;
    }

    /** How Vault renders an error wrapped in a Go multierror (ACL denials, unsupported path/operation). */
    static String multi(String message) {
        return "1 error occurred:\n\t* " + message + "\n\n";
    }

    static VaultError badRequest(String message) {
        return new VaultError(400, List.of(message));
    }

    /** 404 with an empty {@code errors} list: what Vault answers for a missing object or an empty LIST. */
    static VaultError notFound() {
        return new VaultError(404, List.of());
    }

    static VaultError unsupportedPath() {
        return new VaultError(404, List.of(multi("unsupported path")));
    }

    static VaultError unsupportedOperation() {
        return new VaultError(405, List.of(multi("unsupported operation")));
    }

    static VaultError noHandler(String path) {
        return new VaultError(404, List.of("no handler for route \"" + path + "\". route entry not found."));
    }

    /** A token that is missing, unknown or expired. */
    static VaultError invalidToken() {
        return new VaultError(403, List.of("permission denied"));
    }

    /** A valid token whose policies lack the capability. */
    static VaultError permissionDenied() {
        return new VaultError(403, List.of(multi("permission denied")));
    }

    static VaultError sealed() {
        return new VaultError(503, List.of("Vault is sealed"));
    }
}
