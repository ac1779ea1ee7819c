package io.nova.platform.app.security;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachedPasswordAuthenticationTest {

    private final AtomicInteger checks = new AtomicInteger();
    private final AuthenticationProvider slowCheck = new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication authentication) {
            checks.incrementAndGet();
            if (!"right".equals(authentication.getCredentials())) {
                throw new BadCredentialsException("bad");
            }
            return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null, List.of());
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    };

    private static Authentication login(String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated("admin", password);
    }

    @Test
    void a_verified_password_is_not_checked_again_until_the_entry_expires() {
        var clock = new MutableClock();
        var cached = new CachedPasswordAuthentication(slowCheck, clock);
        assertThat(cached.authenticate(login("right")).isAuthenticated()).isTrue();
        assertThat(cached.authenticate(login("right")).isAuthenticated()).isTrue();
        assertThat(checks).hasValue(1);

        clock.now = clock.now.plus(CachedPasswordAuthentication.TTL).plusSeconds(1);
        cached.authenticate(login("right"));
        assertThat(checks).hasValue(2);
    }

    @Test
    void a_wrong_password_is_checked_every_time_and_never_remembered() {
        var cached = new CachedPasswordAuthentication(slowCheck, new MutableClock());
        cached.authenticate(login("right"));
        assertThatThrownBy(() -> cached.authenticate(login("wrong"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> cached.authenticate(login("wrong"))).isInstanceOf(BadCredentialsException.class);
        assertThat(checks).hasValue(3);
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-29T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
