package io.nova.platform.app.security;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.nova.platform.core.access.Caller;
import io.nova.platform.core.access.CurrentCaller;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/** The authenticated caller from Spring Security: a JWT's or console user's subject and groups, or the local admin. */
@Component
class SecurityContextCaller implements CurrentCaller {

    private final SecurityProperties properties;
    private final SecurityContextHolderStrategy contexts;

    /**
     * @param contexts the strategy the security filters of this application write to (Vaadin's, which also knows
     *                 the console's push and background requests); the JVM-wide one when there is none
     */
    SecurityContextCaller(SecurityProperties properties, ObjectProvider<SecurityContextHolderStrategy> contexts) {
        this.properties = properties;
        this.contexts = contexts.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    @Override
    public Optional<Caller> get() {
        Authentication authentication = contexts.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        if (authentication instanceof JwtAuthenticationToken token) {
            Jwt jwt = token.getToken();
            String clientId = jwt.hasClaim("azp") ? jwt.getClaimAsString("azp") : jwt.getClaimAsString("client_id");
            String name = name(jwt.getClaims());
            if (clientId != null && (clientId.equals(jwt.getSubject())
                    || name != null && name.startsWith("service-account-"))) {
                // a client's own token (RFC 9068: sub is the client; Keycloak: its service account): a machine
                name = clientId + " (service)";
            }
            return Optional.of(new Caller(jwt.getSubject(), clientId, groups(jwt.getClaim(properties.groupsClaim())),
                    false, name));
        }
        if (authentication.getPrincipal() instanceof OidcUser user) {
            // A console user signed in through the issuer: the ID token (and user info) name the groups.
            return Optional.of(new Caller(user.getSubject(), null, groups(user.getClaims().get(properties.groupsClaim())),
                    false, name(user.getClaims())));
        }
        boolean localAdmin = authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_LOCAL_ADMIN"));
        return Optional.of(new Caller(authentication.getName(), null, Set.of(), localAdmin));
    }

    /** The configured name claim, else the usual ones; null when the token names nobody. */
    private String name(java.util.Map<String, Object> claims) {
        for (String claim : java.util.List.of(properties.nameClaim(), "preferred_username", "name", "email")) {
            if (claims.get(claim) instanceof String value && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    private static Set<String> groups(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.toSet());
        }
        return claim == null ? Set.of() : Set.of(String.valueOf(claim));
    }
}
