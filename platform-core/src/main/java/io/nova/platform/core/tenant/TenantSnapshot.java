package io.nova.platform.core.tenant;

import java.util.List;

public record TenantSnapshot(String slug, String displayName, String description, String namespace,
                             List<String> ownerGroups, TenantQuota quota, TenantState state) {
}
