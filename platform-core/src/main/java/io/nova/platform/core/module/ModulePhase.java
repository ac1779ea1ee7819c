package io.nova.platform.core.module;

public enum ModulePhase {
    /** Changed; the reconciler has not picked it up yet. */
    PENDING,
    RECONCILING,
    READY,
    /** Installed but something around it is wrong (for example its OIDC client could not be provisioned). */
    DEGRADED,
    FAILED
}
