package io.nova.platform.core.tenant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.nova.platform.core.access.AccessControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Short-lived copies of tenant views for the hottest read, one tenant by slug, so that reads need no database round
 * trip. A copy is served for at most {@link #TTL}; once it is older than {@link #REFRESH_AFTER}, the next read starts
 * one reload in the background and is still answered from the copy, so a tenant read steadily never waits for
 * PostgreSQL (and a burst of reads at expiry does not turn into a burst of queries). A change made through this
 * replica drops the copy when it commits; a change made through another replica is seen after at most {@link #TTL}.
 * The access rule is checked on every read, against the copy's groups.
 */
@Component
public class TenantViewCache {

    static final Duration TTL = Duration.ofSeconds(2);
    static final Duration REFRESH_AFTER = Duration.ofSeconds(1);
    static final int MAX_ENTRIES = 10_000;

    private static final Logger log = LoggerFactory.getLogger(TenantViewCache.class);

    private record Entry(TenantView view, Instant loaded, AtomicBoolean refreshing) {

        Entry(TenantView view, Instant loaded) {
            this(view, loaded, new AtomicBoolean());
        }
    }

    private final Function<String, TenantView> loader;
    private final AccessControl access;
    private final Clock clock;
    private final Executor refresher;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Counts the drops: a load that saw a drop happen meanwhile may hold the old row and must not be kept. */
    private final AtomicLong drops = new AtomicLong();

    @Autowired
    public TenantViewCache(TenantService tenants, AccessControl access) {
        this(tenants::viewOf, access, Clock.systemUTC(),
                task -> Thread.ofVirtual().name("tenant-view-refresh").start(task));
    }

    TenantViewCache(Function<String, TenantView> loader, AccessControl access, Clock clock, Executor refresher) {
        this.loader = loader;
        this.access = access;
        this.clock = clock;
        this.refresher = refresher;
    }

    /** The same as {@link TenantService#get}: the tenant, if the caller may read it. */
    public TenantView get(String slug) {
        Entry entry = entries.get(slug);
        Instant now = clock.instant();
        if (entry == null || !now.isBefore(entry.loaded().plus(TTL))) {
            try {
                entry = load(slug, now);
            } catch (io.nova.platform.core.common.NotFoundException e) {
                if (access.seesAllTenants()) {
                    throw e;
                }
                // outsiders learn nothing about which slugs exist: the same refusal as for a tenant of others
                throw new io.nova.platform.core.access.ForbiddenException(
                        "You are not an admin or member of tenant '%s'".formatted(slug));
            }
        } else if (!now.isBefore(entry.loaded().plus(REFRESH_AFTER)) && entry.refreshing().compareAndSet(false, true)) {
            refreshLater(slug, entry);
        }
        TenantView view = entry.view();
        access.requireTenantRead(view.slug(), view.ownerGroups(), view.memberGroups());
        return view;
    }

    private Entry load(String slug, Instant now) {
        long dropsBefore = drops.get();
        Entry loaded = new Entry(loader.apply(slug), now);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(slug, loaded);
        forgetIfDropped(slug, loaded, dropsBefore);
        return loaded;
    }

    private void refreshLater(String slug, Entry stale) {
        try {
            refresher.execute(() -> {
                try {
                    long dropsBefore = drops.get();
                    Entry fresh = new Entry(loader.apply(slug), clock.instant());
                    if (entries.replace(slug, stale, fresh)) {
                        forgetIfDropped(slug, fresh, dropsBefore);
                    }
                } catch (RuntimeException e) {
                    // The copy expires at its TTL and the next read loads it in the foreground, with the error
                    entries.remove(slug, stale);
                    log.debug("Reloading tenant {} in the background failed: {}", slug, e.toString());
                }
            });
        } catch (RuntimeException e) {
            stale.refreshing().set(false);
        }
    }

    /** Stored first and checked after: a drop during the load may have come before the store. */
    private void forgetIfDropped(String slug, Entry stored, long dropsBefore) {
        if (drops.get() != dropsBefore) {
            entries.remove(slug, stored);
        }
    }

    // After the commit, so that a read racing with the change cannot put the old row back for the rest of the TTL.
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void changed(TenantChanged event) {
        drop(event.slug());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void deleted(TenantDeleted event) {
        drop(event.slug());
    }

    private void drop(String slug) {
        drops.incrementAndGet();
        entries.remove(slug);
    }
}
