package io.nova.platform.core.tenant;

/** A tenant's settings changed (published inside the changing transaction). */
public record TenantChanged(String slug) {
}
