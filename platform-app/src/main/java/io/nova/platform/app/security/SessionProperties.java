package io.nova.platform.app.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a console sign-in lasts. The identity provider stays the source of a person's groups: they are fetched
 * again at least every {@code groupsRecheck} (refresh token, else user info), and a session whose person lost every
 * role, or whose provider no longer answers for them, ends.
 *
 * @param groupsRecheck how often the groups are fetched again; default 15 minutes
 * @param maxLifetime   the longest a sign-in lasts, however active; default 12 hours
 */
@ConfigurationProperties(prefix = "nova.security.session")
public record SessionProperties(Duration groupsRecheck, Duration maxLifetime) {

    public SessionProperties {
        groupsRecheck = groupsRecheck == null || groupsRecheck.isNegative() || groupsRecheck.isZero()
                ? Duration.ofMinutes(15) : groupsRecheck;
        maxLifetime = maxLifetime == null || maxLifetime.isNegative() || maxLifetime.isZero()
                ? Duration.ofHours(12) : maxLifetime;
    }
}
