package io.nova.platform.core.audit;

public enum AuditAction {
    CREATE, UPDATE, DELETE
}
