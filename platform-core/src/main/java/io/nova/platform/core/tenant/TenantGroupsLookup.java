package io.nova.platform.core.tenant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.nova.platform.core.access.TenantGroups;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether a caller's groups are some tenant's owner or member groups: one indexed query per group set, remembered for
 * a few seconds (every read of a shared thing asks), so a new tenant's members gain access within that time.
 */
@Component
class TenantGroupsLookup implements TenantGroups {

    private static final Duration KEEP = Duration.ofSeconds(10);
    private static final int MAX_REMEMBERED = 10_000;

    private record Answer(boolean member, Instant at) {
    }

    private final TenantRepository tenants;
    private final Clock clock = Clock.systemUTC();
    private final Map<Set<String>, Answer> recent = new ConcurrentHashMap<>();

    TenantGroupsLookup(TenantRepository tenants) {
        this.tenants = tenants;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean anyTenantHas(Set<String> groups) {
        Instant now = clock.instant();
        Answer known = recent.get(groups);
        if (known != null && known.at().plus(KEEP).isAfter(now)) {
            return known.member();
        }
        boolean member = tenants.existsByAnyOwnerOrMemberGroup(groups.toArray(String[]::new));
        if (recent.size() >= MAX_REMEMBERED) {
            recent.clear();
        }
        recent.put(Set.copyOf(groups), new Answer(member, now));
        return member;
    }
}
