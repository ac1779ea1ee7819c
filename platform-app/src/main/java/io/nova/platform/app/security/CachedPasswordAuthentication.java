package io.nova.platform.app.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.nova.platform.core.common.Sha256;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * HTTP Basic checks the password on every stateless request, and BCrypt is deliberately slow (tens of milliseconds of
 * CPU): without this, the development setup's API managed about 20 requests per second. A successful check is
 * remembered for a few minutes under a SHA-256 of user and password (memory only); anything else goes to the
 * BCrypt check.
 */
class CachedPasswordAuthentication implements AuthenticationProvider {

    static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 1_000;

    private record Entry(Authentication authentication, Instant expires) {
    }

    private final AuthenticationProvider delegate;
    private final Clock clock;
    private final Map<String, Entry> verified = new ConcurrentHashMap<>();

    CachedPasswordAuthentication(AuthenticationProvider delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!(authentication.getCredentials() instanceof String password)) {
            return delegate.authenticate(authentication);
        }
        String key = digest(authentication.getName() + '\u0000' + password);
        Entry entry = verified.get(key);
        Instant now = clock.instant();
        if (entry != null && entry.expires().isAfter(now)) {
            return entry.authentication();
        }
        Authentication result = delegate.authenticate(authentication);
        if (result != null && result.isAuthenticated()) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(key, new Entry(result, now.plus(TTL)));
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String digest(String text) {
        return Sha256.hex(text);
    }
}
