package io.nova.platform.app.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.nova.platform.core.access.AccessProperties;
import io.nova.platform.core.access.TenantGroups;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a console sign-in honest. The groups a person signed in with are fetched again from the identity provider at
 * least every {@link SessionProperties#groupsRecheck()}: with the refresh token (its new ID token), else from the user
 * info endpoint with the access token. New groups take effect at once; a person with no role left, or for whom the
 * provider no longer answers (refresh refused, access token expired and no refresh token), is signed out. A sign-in
 * never lasts longer than {@link SessionProperties#maxLifetime()}.
 */
final class ConsoleSessionRecheck extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSessionRecheck.class);
    static final String STARTED = ConsoleSessionRecheck.class.getName() + ".started";
    static final String CHECKED = ConsoleSessionRecheck.class.getName() + ".checked";

    private final OAuth2AuthorizedClientRepository clients;
    private final SecurityContextRepository contexts;
    private final SecurityContextHolderStrategy holder;
    private final SessionProperties session;
    private final SecurityProperties security;
    private final AccessProperties roles;
    private final TenantGroups tenantGroups;
    private final Clock clock;
    private final RestClientRefreshTokenTokenResponseClient refresher = new RestClientRefreshTokenTokenResponseClient();
    private final OidcIdTokenDecoderFactory idTokens = new OidcIdTokenDecoderFactory();
    private final OidcUserService userInfo = new OidcUserService();

    ConsoleSessionRecheck(OAuth2AuthorizedClientRepository clients, SecurityContextRepository contexts,
                          SecurityContextHolderStrategy holder, SessionProperties session,
                          SecurityProperties security, AccessProperties roles, TenantGroups tenantGroups,
                          Clock clock) {
        this.clients = clients;
        this.contexts = contexts;
        this.holder = holder;
        this.session = session;
        this.security = security;
        this.roles = roles;
        this.tenantGroups = tenantGroups;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession httpSession = request.getSession(false);
        if (httpSession != null && holder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken token
                && token.getPrincipal() instanceof OidcUser user) {
            check(request, response, httpSession, token, user);
        }
        chain.doFilter(request, response);
    }

    private void check(HttpServletRequest request, HttpServletResponse response, HttpSession httpSession,
                       OAuth2AuthenticationToken token, OidcUser user) {
        Instant now = clock.instant();
        Instant started = (Instant) httpSession.getAttribute(STARTED);
        if (started == null) {
            httpSession.setAttribute(STARTED, now);
            httpSession.setAttribute(CHECKED, now);
            return;
        }
        if (now.isAfter(started.plus(session.maxLifetime()))) {
            end(httpSession, user, "the sign-in is older than " + session.maxLifetime());
            return;
        }
        Instant checked = (Instant) httpSession.getAttribute(CHECKED);
        if (checked != null && now.isBefore(checked.plus(session.groupsRecheck()))) {
            return;
        }
        Optional<OidcUser> fresh = refetch(request, response, token, user);
        if (fresh.isEmpty()) {
            end(httpSession, user, "the identity provider no longer answers for them");
            return;
        }
        if (!hasAnyRole(groups(fresh.get().getClaims().get(security.groupsClaim())))) {
            end(httpSession, user, "their groups give no role on the platform any more");
            return;
        }
        var context = holder.createEmptyContext();
        context.setAuthentication(new OAuth2AuthenticationToken(fresh.get(), token.getAuthorities(),
                token.getAuthorizedClientRegistrationId()));
        holder.setContext(context);
        contexts.saveContext(context, request, response);
        httpSession.setAttribute(CHECKED, now);
    }

    private Optional<OidcUser> refetch(HttpServletRequest request, HttpServletResponse response,
                                       OAuth2AuthenticationToken token, OidcUser user) {
        OAuth2AuthorizedClient client = clients.loadAuthorizedClient(token.getAuthorizedClientRegistrationId(), token,
                request);
        if (client == null) {
            return Optional.empty();
        }
        try {
            if (client.getRefreshToken() != null) {
                OAuth2AccessTokenResponse refreshed = refresher.getTokenResponse(new OAuth2RefreshTokenGrantRequest(
                        client.getClientRegistration(), client.getAccessToken(), client.getRefreshToken()));
                client = new OAuth2AuthorizedClient(client.getClientRegistration(), client.getPrincipalName(),
                        refreshed.getAccessToken(), refreshed.getRefreshToken() != null ? refreshed.getRefreshToken()
                        : client.getRefreshToken());
                clients.saveAuthorizedClient(client, token, request, response);
                Object idToken = refreshed.getAdditionalParameters().get("id_token");
                if (idToken instanceof String value) {
                    Jwt jwt = idTokens.createDecoder(client.getClientRegistration()).decode(value);
                    return Optional.of(new DefaultOidcUser(user.getAuthorities(), new OidcIdToken(jwt.getTokenValue(),
                            jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getClaims()), "sub"));
                }
            }
            if (client.getAccessToken().getExpiresAt() != null
                    && client.getAccessToken().getExpiresAt().isBefore(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(userInfo.loadUser(new OidcUserRequest(client.getClientRegistration(),
                    client.getAccessToken(), user.getIdToken())));
        } catch (OAuth2AuthorizationException | OAuth2AuthenticationException | IllegalStateException e) {
            log.info("Console sign-in of {} could not be renewed: {}", user.getSubject(), e.getMessage());
            return Optional.empty();
        }
    }

    private boolean hasAnyRole(Set<String> groups) {
        return groups.stream().anyMatch(g -> roles.adminGroups().contains(g) || roles.viewerGroups().contains(g))
                || !groups.isEmpty() && tenantGroups.anyTenantHas(groups);
    }

    private void end(HttpSession httpSession, OidcUser user, String why) {
        log.info("Console sign-in of {} ended: {}", user.getSubject(), why);
        httpSession.invalidate();
        holder.clearContext();
    }

    private static Set<String> groups(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.toSet());
        }
        return claim == null ? Set.of() : Set.of(String.valueOf(claim));
    }
}
