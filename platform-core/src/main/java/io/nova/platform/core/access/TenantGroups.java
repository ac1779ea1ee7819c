package io.nova.platform.core.access;

import java.util.Set;

/** Port: whether groups are owner or member groups of some tenant (which makes their members tenant readers). */
public interface TenantGroups {

    boolean anyTenantHas(Set<String> groups);
}
