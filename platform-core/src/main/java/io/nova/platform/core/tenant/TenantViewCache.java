package io.nova.platform.core.tenant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.nova.platform.core.access.AccessControl;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Short-lived copies of tenant views for the hottest read, one tenant by slug, so that most reads need no database
 * round trip. A change made through this replica drops the copy when it commits; a change made through another
 * replica is seen after at most {@link #TTL}. The access rule is checked on every read, against the copy's groups.
 */
@Component
public class TenantViewCache {

    static final Duration TTL = Duration.ofSeconds(2);
    static final int MAX_ENTRIES = 10_000;

    private record Entry(TenantView view, Instant expires) {
    }

    private final TenantService tenants;
    private final AccessControl access;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public TenantViewCache(TenantService tenants, AccessControl access) {
        this.tenants = tenants;
        this.access = access;
    }

    /** The same as {@link TenantService#get}: the tenant, if the caller may read it. */
    public TenantView get(String slug) {
        Entry entry = entries.get(slug);
        Instant now = clock.instant();
        if (entry != null && now.isBefore(entry.expires())) {
            TenantView view = entry.view();
            access.requireTenantRead(view.slug(), view.ownerGroups(), view.memberGroups());
            return view;
        }
        TenantView view = tenants.get(slug);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(slug, new Entry(view, now.plus(TTL)));
        return view;
    }

    // After the commit, so that a read racing with the change cannot put the old row back for the rest of the TTL.
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void changed(TenantChanged event) {
        entries.remove(event.slug());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void deleted(TenantDeleted event) {
        entries.remove(event.slug());
    }
}
