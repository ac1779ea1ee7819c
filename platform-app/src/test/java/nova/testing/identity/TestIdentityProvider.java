package nova.testing.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * A real OpenID provider for tests: a Spring Authorization Server in its own application context,
 * on {@code 127.0.0.1} and a free port, with an in-memory client repository, in-memory users and an RSA
 * signing key generated at start.
 *
 * <p>The provider context is deliberately isolated from the platform: its configuration class does not
 * component-scan, and it imports an explicit, short list of auto-configurations (Tomcat, Spring MVC, the
 * security filter registration) instead of {@code @EnableAutoConfiguration}, so nothing on the test
 * classpath (DataSource, JPA, Flyway, Vaadin, actuator, Vault, fabric8...) is configured in it. It also
 * reads no {@code application.yml}: {@code spring.config.name} points at a name that does not exist.
 *
 * <p>Machine clients use the client-credentials grant; their access tokens are JWTs with {@code sub} = the
 * client id, {@code aud} = [{@value #AUDIENCE}] and a {@value #GROUPS_CLAIM} claim configured per client.
 * The client secret of every machine client is its id + {@code "-secret"}.
 *
 * <p>Users {@code alice}/{@code alice-password} (groups [team-a-admins]) and {@code bob}/{@code bob-password}
 * (groups [platform-admins]) log in with the form login at {@code /login}; the confidential client
 * {@value #CONSOLE_CLIENT_ID} (secret {@value #CONSOLE_CLIENT_SECRET}) uses the authorization-code and
 * refresh-token grants with scopes openid, profile and groups, no consent screen, and PKCE required (the
 * default of Spring Security 7 on both sides); its redirect URI is set with {@link #setConsoleRedirectUri(String)}, and the root of that URI's origin is its
 * post-logout redirect URI (RP-initiated logout ends the provider's session). ID tokens and access tokens of users carry the user's groups.
 */
public final class TestIdentityProvider implements AutoCloseable {

    /** The audience of every access token this provider issues. */
    public static final String AUDIENCE = "nova-platform";
    /** The claim that carries the groups, a list of strings. */
    public static final String GROUPS_CLAIM = "groups";
    public static final String CONSOLE_CLIENT_ID = "nova-console";
    public static final String CONSOLE_CLIENT_SECRET = "nova-console-secret";
    /** Redirect URI of {@value #CONSOLE_CLIENT_ID} until {@link #setConsoleRedirectUri(String)} is called. */
    public static final String DEFAULT_CONSOLE_REDIRECT_URI = "http://localhost:8080/login/oauth2/code/nova";
    /** The {@code sub} of the hand-minted negative tokens. */
    public static final String NEGATIVE_TOKEN_SUBJECT = "test-bot";

    /** Pre-registered machine clients and their groups. */
    public static final Map<String, List<String>> DEFAULT_CLIENTS = Map.of(
            "admin-bot", List.of("platform-admins"),
            "viewer-bot", List.of("platform-viewers"),
            "team-a-bot", List.of("team-a-admins"),
            "team-b-bot", List.of("team-b-admins"),
            "nobody-bot", List.of(),
            "employee-bot", List.of("employees"));

    static final String GROUPS_SETTING = "nova.test-idp.groups";
    private static final String STATE_BEAN = "novaTestIdentityProviderState";
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final int START_ATTEMPTS = 5;

    private final State state;
    private final ConfigurableApplicationContext context;
    private final int port;
    private final URI tokenEndpoint;
    private final URI jwkSetUri;
    private final Duration startupTime;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The JVM-wide instance of {@link #shared()}; {@link #close()} leaves it running. */
    private volatile boolean shared;

    private TestIdentityProvider(State state, ConfigurableApplicationContext context, int port, Duration startupTime) {
        this.state = state;
        this.context = context;
        this.port = port;
        this.startupTime = startupTime;
        AuthorizationServerSettings settings = context.getBean(AuthorizationServerSettings.class);
        this.tokenEndpoint = URI.create(state.issuer + settings.getTokenEndpoint());
        this.jwkSetUri = URI.create(state.issuer + settings.getJwkSetEndpoint());
    }

    /**
     * Starts a provider on {@code 127.0.0.1}. The port is chosen free before the start, because the issuer
     * ({@code http://127.0.0.1:<port>}) must be fixed in the server's settings; a start that loses the port
     * to another process in between is retried on another port.
     */
    public static TestIdentityProvider start() {
        RuntimeException lastClash = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = freePort();
            try {
                return start(port);
            } catch (RuntimeException e) {
                if (!isPortClash(e)) {
                    throw e;
                }
                lastClash = e;
            }
        }
        throw new IllegalStateException("could not start the test identity provider on a free port", lastClash);
    }

    /**
     * One provider for the whole test JVM, started on first use and stopped when the JVM exits (Spring's
     * shutdown hook); {@link #close()} does nothing on it. Test classes that put its issuer into a Spring test
     * context's properties keep the same properties, so Spring's context cache can reuse that context. Clients,
     * users and the console redirect URI registered on it are seen by every later test: use unique names.
     */
    public static TestIdentityProvider shared() {
        return SharedHolder.INSTANCE;
    }

    private static final class SharedHolder {
        static final TestIdentityProvider INSTANCE = start();

        static {
            INSTANCE.shared = true;
        }
    }

    private static TestIdentityProvider start(int port) {
        long started = System.nanoTime();
        String name = "nova-test-idp-" + INSTANCES.incrementAndGet();
        State state = new State("http://127.0.0.1:" + port, newRsaKey(UUID.randomUUID().toString()));
        DEFAULT_CLIENTS.forEach(state::registerClient);
        state.registerConsoleClient(DEFAULT_CONSOLE_REDIRECT_URI);
        state.registerUser("alice", "alice-password", List.of("team-a-admins"));
        state.registerUser("bob", "bob-password", List.of("platform-admins"));

        ApplicationContextInitializer<ConfigurableApplicationContext> registerState =
                ctx -> ctx.getBeanFactory().registerSingleton(STATE_BEAN, state);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ProviderApplication.class)
                .web(WebApplicationType.SERVLET)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .initializers(registerState)
                // command-line arguments outrank environment variables and system properties (SERVER_PORT...)
                .run("--server.address=127.0.0.1",
                        "--server.port=" + port,
                        "--spring.application.name=" + name,
                        // no application.yml of the platform: nothing named like this exists
                        "--spring.config.name=" + name,
                        "--spring.main.lazy-initialization=false",
                        "--spring.jmx.enabled=false",
                        // belt and braces: only the auto-configurations imported below are considered anyway
                        "--spring.autoconfigure.exclude="
                                + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                                + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
                                + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");
        int actualPort = ((WebServerApplicationContext) context).getWebServer().getPort();
        if (actualPort != port) {
            context.close();
            throw new IllegalStateException("provider listens on " + actualPort + ", expected " + port);
        }
        return new TestIdentityProvider(state, context, port, Duration.ofNanos(System.nanoTime() - started));
    }

    /** {@code http://127.0.0.1:<port>}, exactly as in the {@code iss} claim and the discovery document. */
    public String issuer() {
        return state.issuer;
    }

    public URI jwkSetUri() {
        return jwkSetUri;
    }

    public URI tokenEndpoint() {
        return tokenEndpoint;
    }

    public URI discoveryUri() {
        return URI.create(state.issuer + "/.well-known/openid-configuration");
    }

    public int port() {
        return port;
    }

    /** How long {@link #start()} took to have the server listening. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Registers (or re-registers, replacing its groups) a confidential client for the client-credentials
     * grant, with secret {@code clientId + "-secret"}. Works while the provider runs.
     */
    public void registerClient(String clientId, List<String> groups) {
        state.registerClient(clientId, groups);
    }

    /** Registers (or replaces) a user for the form login, whose tokens carry {@code groups}. */
    public void registerUser(String username, String password, List<String> groups) {
        state.registerUser(username, password, groups);
    }

    /** Sets the one redirect URI of {@value #CONSOLE_CLIENT_ID}; it must match the client's exactly. */
    public void setConsoleRedirectUri(String redirectUri) {
        state.registerConsoleClient(redirectUri);
    }

    /**
     * Registers (or replaces) another console-like client with the given id and secret, as when the platform's
     * console client was created elsewhere (in StarVault) and this provider stands in for that issuer.
     */
    public void registerConsoleClient(String clientId, String clientSecret, String redirectUri) {
        state.clients.save(State.consoleClient(clientId, clientSecret, redirectUri));
    }

    /**
     * A real client-credentials request to the token endpoint ({@code client_secret_basic}); returns the
     * access token (a JWT). Throws {@link IllegalStateException} with the response if it is refused.
     */
    public String token(String clientId) {
        String credentials = form(clientId) + ":" + form(clientId + "-secret");
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                .header("Accept", MediaType.APPLICATION_JSON_VALUE)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request for " + clientId + " refused: "
                    + response.statusCode() + " " + response.body());
        }
        try {
            Object accessToken = JSONObjectUtils.parse(response.body()).get("access_token");
            if (!(accessToken instanceof String token)) {
                throw new IllegalStateException("no access_token in " + response.body());
            }
            return token;
        } catch (ParseException e) {
            throw new IllegalStateException("token response is not JSON: " + response.body(), e);
        }
    }

    /** Signed with the provider's real key, right issuer and audience, but expired ten minutes ago. */
    public String expiredToken(List<String> groups) {
        Instant now = Instant.now();
        return sign(state.signingKey, true, claims(state.issuer, AUDIENCE, groups,
                now.minus(Duration.ofMinutes(20)), now.minus(Duration.ofMinutes(10))));
    }

    /**
     * Valid in every claim, but signed by another RSA key that this provider never published. The header
     * has no {@code kid}, so a verifier tries the provider's published key and the signature does not match.
     */
    public String tokenSignedByAnotherKey(List<String> groups) {
        return sign(state.foreignKey, false, validClaims(state.issuer, AUDIENCE, groups));
    }

    /** Signed with the real key, with the real audience, but issued in the name of {@code issuer}. */
    public String tokenWithIssuer(String issuer, List<String> groups) {
        return sign(state.signingKey, true, validClaims(issuer, AUDIENCE, groups));
    }

    /** Signed with the real key, by the real issuer, but for {@code audience}. */
    public String tokenWithAudience(String audience, List<String> groups) {
        return sign(state.signingKey, true, validClaims(state.issuer, audience, groups));
    }

    /** Signs arbitrary claims with the provider's real key (and {@code kid}), for tests that need odd tokens. */
    public String sign(JWTClaimsSet claims) {
        return sign(state.signingKey, true, claims);
    }

    /** Stops the provider; does nothing on the {@link #shared()} instance. */
    @Override
    public void close() {
        if (!shared) {
            context.close();
        }
    }

    private static JWTClaimsSet validClaims(String issuer, String audience, List<String> groups) {
        Instant now = Instant.now();
        return claims(issuer, audience, groups, now, now.plus(Duration.ofMinutes(5)));
    }

    private static JWTClaimsSet claims(String issuer, String audience, List<String> groups, Instant issuedAt,
            Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(NEGATIVE_TOKEN_SUBJECT)
                .audience(List.of(audience))
                .claim(GROUPS_CLAIM, List.copyOf(groups))
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
    }

    private static String sign(RSAKey key, boolean withKeyId, JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(withKeyId ? key.getKeyID() : null)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static RSAKey newRsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isPortClash(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PortInUseException || t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** What the provider's context and this handle share: keys, clients, users. */
    static final class State {

        final String issuer;
        final RSAKey signingKey;
        /** Never published: signs {@link #tokenSignedByAnotherKey(List)}. */
        final RSAKey foreignKey = newRsaKey("foreign-" + UUID.randomUUID());
        final InMemoryRegisteredClientRepository clients;
        final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        final Map<String, List<String>> userGroups = new ConcurrentHashMap<>();

        State(String issuer, RSAKey signingKey) {
            this.issuer = issuer;
            this.signingKey = signingKey;
            // the repository needs one client to be created; the console client is (re)saved right after
            this.clients = new InMemoryRegisteredClientRepository(consoleClient(DEFAULT_CONSOLE_REDIRECT_URI));
        }

        void registerClient(String clientId, List<String> groups) {
            clients.save(RegisteredClient.withId("client:" + clientId)
                    .clientId(clientId)
                    .clientSecret(clientId + "-secret")
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .clientSettings(ClientSettings.builder().setting(GROUPS_SETTING, List.copyOf(groups)).build())
                    .build());
        }

        void registerConsoleClient(String redirectUri) {
            clients.save(consoleClient(redirectUri));
        }

        private static RegisteredClient consoleClient(String redirectUri) {
            return consoleClient(CONSOLE_CLIENT_ID, CONSOLE_CLIENT_SECRET, redirectUri);
        }

        static RegisteredClient consoleClient(String clientId, String clientSecret, String redirectUri) {
            return RegisteredClient.withId("client:" + clientId)
                    .clientId(clientId)
                    .clientSecret(clientSecret)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUri(redirectUri)
                    .postLogoutRedirectUri(URI.create(redirectUri).resolve("/").toString())
                    .scope(OidcScopes.OPENID)
                    .scope(OidcScopes.PROFILE)
                    .scope(GROUPS_CLAIM)
                    .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                    .build();
        }

        void registerUser(String username, String password, List<String> groups) {
            userGroups.put(username, List.copyOf(groups));
            var user = User.withUsername(username).password(password).roles("USER").build();
            if (users.userExists(username)) {
                users.updateUser(user);
            } else {
                users.createUser(user);
            }
        }

        /** Adds {@code groups} to ID and access tokens, and the platform audience to access tokens. */
        void customize(JwtEncodingContext context) {
            boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
            boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
            if (!accessToken && !idToken) {
                return;
            }
            List<String> groups;
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                List<String> configured = context.getRegisteredClient().getClientSettings().getSetting(GROUPS_SETTING);
                groups = configured == null ? List.of() : configured;
            } else {
                // authorization_code and refresh_token: the principal is the user who logged in
                groups = userGroups.getOrDefault(context.getPrincipal().getName(), List.of());
            }
            context.getClaims().claim(GROUPS_CLAIM, groups);
            if (accessToken) {
                context.getClaims().audience(List.of(AUDIENCE));
                // RFC 9068: JWT access tokens name their client
                context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
            }
        }
    }

    /**
     * The provider application. No component scan, no {@code @EnableAutoConfiguration}: only the listed
     * auto-configurations, so the platform's beans and auto-configurations never start here.
     */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableWebSecurity
    @ImportAutoConfiguration({
            PropertyPlaceholderAutoConfiguration.class,
            TomcatServletWebServerAutoConfiguration.class,
            DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class,
            HttpMessageConvertersAutoConfiguration.class,
            ErrorMvcAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class})
    static class ProviderApplication {

        @Bean
        RegisteredClientRepository registeredClientRepository(State state) {
            return state.clients;
        }

        @Bean
        UserDetailsService userDetailsService(State state) {
            return state.users;
        }

        /**
         * Every security filter of the provider reads and writes the JVM-wide strategy as it is at the moment. The
         * platform's console (Vaadin) replaces that strategy when its context starts in the same JVM; filters built
         * before would otherwise keep the old one, and a client authenticated by one filter would look anonymous to
         * the next.
         */
        @Bean
        SecurityContextHolderStrategy securityContextHolderStrategy() {
            return new SecurityContextHolderStrategy() {
                @Override
                public void clearContext() {
                    SecurityContextHolder.getContextHolderStrategy().clearContext();
                }

                @Override
                public org.springframework.security.core.context.SecurityContext getContext() {
                    return SecurityContextHolder.getContextHolderStrategy().getContext();
                }

                @Override
                public java.util.function.Supplier<org.springframework.security.core.context.SecurityContext> getDeferredContext() {
                    return SecurityContextHolder.getContextHolderStrategy().getDeferredContext();
                }

                @Override
                public void setContext(org.springframework.security.core.context.SecurityContext context) {
                    SecurityContextHolder.getContextHolderStrategy().setContext(context);
                }

                @Override
                public void setDeferredContext(java.util.function.Supplier<org.springframework.security.core.context.SecurityContext> deferredContext) {
                    SecurityContextHolder.getContextHolderStrategy().setDeferredContext(deferredContext);
                }

                @Override
                public org.springframework.security.core.context.SecurityContext createEmptyContext() {
                    return SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
                }
            };
        }

        /** Secrets and passwords are stored as they are: this is a test provider. */
        @Bean
        PasswordEncoder passwordEncoder() {
            return new PasswordEncoder() {
                @Override
                public String encode(CharSequence rawPassword) {
                    return rawPassword.toString();
                }

                @Override
                public boolean matches(CharSequence rawPassword, String encodedPassword) {
                    return encodedPassword != null && MessageDigest.isEqual(
                            rawPassword.toString().getBytes(StandardCharsets.UTF_8),
                            encodedPassword.getBytes(StandardCharsets.UTF_8));
                }
            };
        }

        @Bean
        JWKSource<SecurityContext> jwkSource(State state) {
            return new ImmutableJWKSet<>(new JWKSet(state.signingKey));
        }

        /** For the OIDC user-info endpoint, which takes the access token as a bearer token. */
        @Bean
        JwtDecoder jwtDecoder(State state) throws JOSEException {
            return NimbusJwtDecoder.withPublicKey(state.signingKey.toRSAPublicKey()).build();
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings(State state) {
            return AuthorizationServerSettings.builder().issuer(state.issuer).build();
        }

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> tokenCustomizer(State state) {
            return state::customize;
        }

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(server -> {
                        http.securityMatcher(server.getEndpointsMatcher());
                        server.oidc(Customizer.withDefaults());
                    })
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                    .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain loginSecurityFilterChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults());
            return http.build();
        }
    }
}
