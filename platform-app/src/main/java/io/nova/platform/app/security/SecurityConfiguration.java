package io.nova.platform.app.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.nova.platform.core.identity.ConsoleClientSource;

/**
 * REST is stateless: a bearer JWT from the OIDC issuer (issuer, audience, expiry and signature via JWKS checked), or,
 * in the development setup without an issuer, the local admin over HTTP Basic. Probes and the API document are
 * public; metrics and the API explorer only in the development setup unless configured ({@link OperationsProperties}). What a caller may do is decided by the core services ({@code AccessControl}), not here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, OperationsProperties.class, SessionProperties.class})
class SecurityConfiguration {

    /** The development setup's login view (see the console module). */
    static final String LOGIN_PATH = "/login";
    private static final String[] PUBLIC = {"/error", "/console.css", "/actuator/health", "/actuator/health/**",
            "/actuator/info", "/v3/api-docs", "/v3/api-docs/**"};
    private static final String METRICS = "/actuator/prometheus";
    private static final String[] API_EXPLORER = {"/swagger-ui.html", "/swagger-ui/**"};

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The platform's local GitOps repositories over Git smart HTTP: no session, no cookie, nothing a cross-site request
     * could ride on; each request carries its cluster's read token, which {@code GitHttpController} checks.
     */
    @Bean
    @Order(0)
    SecurityFilterChain git(HttpSecurity http) throws Exception {
        http.securityMatcher("/git/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, SecurityProperties properties,
                            org.springframework.beans.factory.ObjectProvider<JwtDecoder> decoder,
                            org.springframework.beans.factory.ObjectProvider<UserDetailsService> users,
                            PasswordEncoder encoder) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // No cookies authenticate the API, so there is nothing for a cross-site request to ride on.
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(e -> e.accessDeniedHandler(ProblemResponses.forbidden()));
        if (properties.oidc()) {
            http.oauth2ResourceServer(server -> server
                    .jwt(jwt -> jwt.decoder(decoder.getObject()))
                    .authenticationEntryPoint(ProblemResponses.unauthorized("Bearer"))
                    .accessDeniedHandler(ProblemResponses.forbidden()))
                    .exceptionHandling(e -> e.authenticationEntryPoint(ProblemResponses.unauthorized("Bearer")));
        } else {
            var check = new org.springframework.security.authentication.dao.DaoAuthenticationProvider(
                    users.getObject());
            check.setPasswordEncoder(encoder);
            http.authenticationManager(new org.springframework.security.authentication.ProviderManager(
                    new CachedPasswordAuthentication(check, java.time.Clock.systemUTC())));
            http.httpBasic(basic -> basic.authenticationEntryPoint(
                            ProblemResponses.unauthorized("Basic realm=\"nova-platform\"")))
                    .exceptionHandling(e -> e.authenticationEntryPoint(
                            ProblemResponses.unauthorized("Basic realm=\"nova-platform\"")));
        }
        return http.build();
    }

    /**
     * The console: a session per browser, signed in through the OIDC issuer (authorization code with PKCE), or in
     * the development setup through the local admin's login form. Vaadin's configurer adds its own CSRF protection,
     * the login and logout flow (ending the provider's session too where it offers end_session) and view access
     * control.
     */
    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, SecurityProperties properties, OperationsProperties operations,
                                @Value("${management.server.port:}") String managementServerPort,
                                @Value("${server.port:8080}") int serverPort,
                                org.springframework.beans.factory.ObjectProvider<ConsoleSessionRecheck> recheck)
            throws Exception {
        int managementPort = managementServerPort == null || managementServerPort.isBlank() ? -1
                : Integer.parseInt(managementServerPort.strip());
        boolean production = properties.oidc();
        http.authorizeHttpRequests(requests -> {
            requests.requestMatchers(PUBLIC).permitAll();
            // a separate management port is for the cluster's monitoring, never routed to users
            if (managementPort > 0 && managementPort != serverPort) {
                requests.requestMatchers(request -> request.getLocalPort() == managementPort).permitAll();
            }
            if (operations.publicMetrics(production)) {
                requests.requestMatchers(METRICS).permitAll();
            }
            if (operations.apiExplorer(production)) {
                requests.requestMatchers(API_EXPLORER).permitAll();
            } else {
                requests.requestMatchers(API_EXPLORER).denyAll();
            }
        })
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        // Written before the request goes on: Vaadin's page responses bypass the lazy writer.
                        .withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                            @Override
                            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                                filter.setShouldWriteHeadersEagerly(true);
                                return filter;
                            }
                        }))
                .sessionManagement(session -> session.sessionFixation().changeSessionId());
        recheck.ifAvailable(filter -> http.addFilterBefore(filter,
                org.springframework.security.web.access.intercept.AuthorizationFilter.class));
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> {
            if (properties.oidc()) {
                vaadin.oauth2LoginPage("/oauth2/authorization/" + ConsoleClientRegistrations.REGISTRATION_ID,
                        "{baseUrl}/");
            } else {
                vaadin.loginView(LOGIN_PATH);
            }
        });
        return http.build();
    }

    @Bean
    @org.springframework.context.annotation.Conditional(OidcConfigured.class)
    ClientRegistrationRepository consoleClientRegistrations(SecurityProperties properties,
                                                            ConsoleClientSource vault,
                                                            org.springframework.core.env.Environment environment) {
        // Bound like the Vault module binds them, so NOVA_VAULT_OIDC_CONSOLEREDIRECTURIS counts as well.
        var binder = org.springframework.boot.context.properties.bind.Binder.get(environment);
        boolean vaultKeepsClient = !binder.bind("nova.vault.uri", String.class).orElse("").isBlank()
                && binder.bind("nova.vault.oidc.console-redirect-uris",
                        org.springframework.boot.context.properties.bind.Bindable.listOf(String.class))
                .map(uris -> uris.stream().anyMatch(u -> !u.isBlank())).orElse(false);
        if (properties.clientId() == null && !vaultKeepsClient) {
            throw new IllegalStateException("nova.security.oidc.client-id (NOVA_LOGIN_CLIENT_ID) is required when an "
                    + "OIDC issuer is configured, unless the platform provisions its console client in StarVault "
                    + "(nova.vault.uri and nova.vault.oidc.console-redirect-uris)");
        }
        return new ConsoleClientRegistrations(properties, vault);
    }

    /** The console's tokens live in the browser's session (any replica can renew them), not in this JVM. */
    @Bean
    @org.springframework.context.annotation.Conditional(OidcConfigured.class)
    org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository consoleAuthorizedClients() {
        return new org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository();
    }

    @Bean
    @org.springframework.context.annotation.Conditional(OidcConfigured.class)
    ConsoleSessionRecheck consoleSessionRecheck(
            org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository clients,
            org.springframework.beans.factory.ObjectProvider<
                    org.springframework.security.core.context.SecurityContextHolderStrategy> holder,
            SessionProperties session, SecurityProperties security,
            io.nova.platform.core.access.AccessProperties roles, io.nova.platform.core.access.TenantGroups groups) {
        return new ConsoleSessionRecheck(clients,
                new org.springframework.security.web.context.DelegatingSecurityContextRepository(
                        new org.springframework.security.web.context.RequestAttributeSecurityContextRepository(),
                        new org.springframework.security.web.context.HttpSessionSecurityContextRepository()),
                holder.getIfAvailable(
                        org.springframework.security.core.context.SecurityContextHolder::getContextHolderStrategy),
                session, security, roles, groups, java.time.Clock.systemUTC());
    }

    /** The filter runs in the console's chain only, not as a servlet filter of its own. */
    @Bean
    @org.springframework.context.annotation.Conditional(OidcConfigured.class)
    org.springframework.boot.web.servlet.FilterRegistrationBean<ConsoleSessionRecheck> consoleSessionRecheckRegistration(
            ConsoleSessionRecheck filter) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    @org.springframework.context.annotation.Conditional(OidcConfigured.class)
    JwtDecoder jwtDecoder(SecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(properties.issuerUri()).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuerUri()),
                jwt -> audienceMatches(jwt, properties.audience())));
        return decoder;
    }

    private static OAuth2TokenValidatorResult audienceMatches(Jwt jwt, String audience) {
        return jwt.getAudience() != null && jwt.getAudience().contains(audience) ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                "The token is not meant for " + audience, null));
    }

    @Bean
    @org.springframework.context.annotation.Conditional(OidcNotConfigured.class)
    UserDetailsService localAdminAccount(JdbcTemplate jdbc, PasswordEncoder encoder, SecurityProperties properties,
                                         org.flywaydb.core.Flyway flyway) {
        return new LocalAdminAccount(jdbc, encoder, properties.localAdminPassword());
    }
}
