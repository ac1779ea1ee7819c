package io.nova.platform.core.tenant;

public enum TenantState {
    ACTIVE,
    /** Kept with its data, but its workloads are scaled to zero and its tool UIs refuse logins. */
    SUSPENDED
}
