package io.nova.platform.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.nova.platform.core.access.AccessControl;
import io.nova.platform.core.access.AccessProperties;
import io.nova.platform.core.access.Caller;
import io.nova.platform.core.access.ForbiddenException;
import org.junit.jupiter.api.Test;

/** The cache in front of {@code GET /tenants/{slug}}, with a counting loader instead of PostgreSQL. */
class TenantViewCacheTest {

    private final MovableClock clock = new MovableClock();
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicReference<String> displayName = new AtomicReference<>("Team A");
    private final List<Runnable> background = new ArrayList<>();
    private final AtomicReference<Caller> caller = new AtomicReference<>(
            new Caller("alice", null, Set.of("team-a-admins"), false, "Alice"));
    private final AccessControl access = new AccessControl(() -> Optional.ofNullable(caller.get()),
            new AccessProperties(List.of("platform-admins"), List.of("viewers")), groups -> false);
    private final AtomicReference<TenantViewCache> racingCache = new AtomicReference<>();
    private final TenantViewCache cache = new TenantViewCache(slug -> {
        loads.incrementAndGet();
        return view(slug, displayName.get());
    }, access, clock, background::add);

    @Test
    void answers_repeated_reads_from_one_load() {
        cache.get("team-a");
        clock.advance(Duration.ofMillis(900));

        assertThat(cache.get("team-a").displayName()).isEqualTo("Team A");
        assertThat(loads).hasValue(1);
        assertThat(background).isEmpty();
    }

    @Test
    void reloads_an_ageing_copy_in_the_background_once_while_reads_are_answered_from_it() {
        cache.get("team-a");
        displayName.set("Team A, renamed elsewhere");
        clock.advance(TenantViewCache.REFRESH_AFTER);

        assertThat(cache.get("team-a").displayName()).isEqualTo("Team A");
        assertThat(cache.get("team-a").displayName()).isEqualTo("Team A");
        assertThat(background).as("one reload, however many reads arrive meanwhile").hasSize(1);
        assertThat(loads).hasValue(1);

        background.removeFirst().run();
        assertThat(cache.get("team-a").displayName()).isEqualTo("Team A, renamed elsewhere");
        assertThat(loads).hasValue(2);
        clock.advance(Duration.ofMillis(1500));
        cache.get("team-a");
        assertThat(loads).as("the reloaded copy is fresh again").hasValue(2);
    }

    @Test
    void never_serves_a_copy_older_than_the_ttl() {
        cache.get("team-a");
        displayName.set("Team A, renamed elsewhere");
        clock.advance(TenantViewCache.TTL);

        assertThat(cache.get("team-a").displayName()).isEqualTo("Team A, renamed elsewhere");
        assertThat(loads).hasValue(2);
        assertThat(background).isEmpty();
    }

    @Test
    void a_change_committed_here_drops_the_copy_at_once() {
        cache.get("team-a");
        displayName.set("Team A, renamed here");
        cache.changed(new TenantChanged("team-a"));

        assertThat(cache.get("team-a").displayName()).isEqualTo("Team A, renamed here");
    }

    @Test
    void a_background_reload_that_read_before_a_change_does_not_put_the_old_row_back() {
        TenantViewCache racing = new TenantViewCache(slug -> {
            loads.incrementAndGet();
            String before = displayName.get();
            if (loads.get() == 2) { // the change commits while this reload is reading
                displayName.set("Team A, renamed here");
                racingCache.get().changed(new TenantChanged(slug));
            }
            return view(slug, before);
        }, access, clock, background::add);
        racingCache.set(racing);
        racing.get("team-a");
        clock.advance(TenantViewCache.REFRESH_AFTER);
        racing.get("team-a");
        background.removeFirst().run();

        assertThat(racing.get("team-a").displayName()).isEqualTo("Team A, renamed here");
    }

    @Test
    void checks_the_callers_groups_on_every_read_of_a_copy() {
        cache.get("team-a");
        caller.set(new Caller("mallory", null, Set.of("employees"), false, "Mallory"));

        assertThatThrownBy(() -> cache.get("team-a")).isInstanceOf(ForbiddenException.class);
        assertThat(loads).hasValue(1);
    }

    private static TenantView view(String slug, String displayName) {
        Instant created = Instant.parse("2026-12-01T00:00:00Z");
        return new TenantView(slug, displayName, null, List.of(slug + "-admins"), List.of(), "nova-" + slug, "local",
                new TenantQuota(null, null, null), TenantState.ACTIVE, List.of(), 1, created, created);
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-12-02T08:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
