package io.nova.platform.vault.api;

/**
 * A Vault call that failed, with a message meant for an administrator. Messages name paths and Vault's own error
 * text, never a request or response body, so they can go into reports and logs.
 */
public class VaultApiException extends RuntimeException {

    /** Why a call failed; everything except {@link #REJECTED} stops the provisioning of the whole tenant. */
    public enum Kind {
        /** No connection (refused, unknown host, timeout, TLS failure). */
        UNREACHABLE,
        /** 503: sealed, or down for maintenance. */
        SEALED,
        /** 403: the platform's token lacks a capability, or is invalid or expired. */
        FORBIDDEN,
        /** The platform could not log in (AppRole or Kubernetes auth). */
        LOGIN_FAILED,
        /** Any other error status: this one object could not be read or written. */
        REJECTED
    }

    private final Kind kind;
    private final int status;
    private final String path;

    public VaultApiException(Kind kind, int status, String path, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.path = path;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when there was no response. */
    public int status() {
        return status;
    }

    /** The API path (without {@code /v1/}) of the failed call, or null. */
    public String path() {
        return path;
    }

    /** True when nothing else can work either (Vault unreachable, sealed, or refusing the platform's token). */
    public boolean stopsProvisioning() {
        return kind != Kind.REJECTED;
    }
}
