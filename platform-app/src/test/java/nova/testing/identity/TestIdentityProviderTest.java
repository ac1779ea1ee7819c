package nova.testing.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class TestIdentityProviderTest {

    private static TestIdentityProvider provider;
    private static NimbusJwtDecoder decoder;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startProvider() {
        provider = TestIdentityProvider.start();
        System.out.println("TestIdentityProvider started in " + provider.startupTime().toMillis() + " ms at "
                + provider.issuer());
        // what a resource server of the platform would do: keys from the JWK set URI, issuer and audience checked
        decoder = NimbusJwtDecoder.withJwkSetUri(provider.jwkSetUri().toString()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
                new JwtIssuerValidator(provider.issuer()),
                new JwtAudienceValidator(TestIdentityProvider.AUDIENCE)));
    }

    @AfterAll
    static void stopProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void the_discovery_document_is_served_and_names_the_issuer_and_the_jwk_set() throws Exception {
        assertThat(provider.issuer()).matches("http://127\\.0\\.0\\.1:\\d+");

        HttpResponse<String> response = get(provider.discoveryUri());

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> discovery = JSONObjectUtils.parse(response.body());
        assertThat(discovery.get("issuer")).isEqualTo(provider.issuer());
        assertThat(discovery.get("jwks_uri")).isEqualTo(provider.jwkSetUri().toString());
        assertThat(discovery.get("token_endpoint")).isEqualTo(provider.tokenEndpoint().toString());
        assertThat(provider.jwkSetUri().toString()).startsWith(provider.issuer() + "/");
    }

    @Test
    void a_client_credentials_token_carries_the_groups_audience_and_subject_and_is_signed_by_the_published_key()
            throws Exception {
        String token = provider.token("team-a-bot");

        SignedJWT jwt = SignedJWT.parse(token);
        JWKSet published = JWKSet.parse(get(provider.jwkSetUri()).body());
        RSAKey key = published.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
        assertThat(key.isPrivate()).as("the JWK set publishes no private key").isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("team-a-bot");
        assertThat(claims.getAudience()).containsExactly("nova-platform");
        assertThat(claims.getStringListClaim("groups")).containsExactly("team-a-admins");
        assertThat(claims.getIssuer()).isEqualTo(provider.issuer());
        assertThat(claims.getExpirationTime()).isAfter(new Date());
    }

    @Test
    void every_pre_registered_client_gets_a_token_with_its_own_groups() {
        TestIdentityProvider.DEFAULT_CLIENTS.forEach((clientId, groups) -> {
            Jwt jwt = decoder.decode(provider.token(clientId));
            assertThat(jwt.getSubject()).isEqualTo(clientId);
            assertThat(jwt.getClaimAsStringList("groups")).as(clientId).containsExactlyElementsOf(groups);
        });
    }

    @Test
    void an_expired_token_fails_verification_because_it_is_expired() {
        JwtValidationException failure = rejected(provider.expiredToken(List.of("platform-admins")));

        assertThat(descriptions(failure)).singleElement().asString().contains("expired");
    }

    @Test
    void a_token_signed_by_another_key_fails_verification_because_of_its_signature() {
        String token = provider.tokenSignedByAnotherKey(List.of("platform-admins"));

        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(BadJwtException.class)
                .isNotInstanceOf(JwtValidationException.class)
                .hasMessageContaining("Invalid signature");
    }

    @Test
    void a_token_from_another_issuer_fails_verification_because_of_its_issuer() {
        JwtValidationException failure =
                rejected(provider.tokenWithIssuer("http://127.0.0.1:1/evil", List.of("platform-admins")));

        assertThat(descriptions(failure)).singleElement().asString().contains("iss");
    }

    @Test
    void a_token_for_another_audience_fails_verification_because_of_its_audience() {
        JwtValidationException failure =
                rejected(provider.tokenWithAudience("some-other-service", List.of("platform-admins")));

        assertThat(descriptions(failure)).singleElement().asString().contains("aud");
    }

    @Test
    void the_negative_tokens_are_otherwise_well_formed_and_carry_the_groups() throws Exception {
        for (String token : List.of(
                provider.expiredToken(List.of("g1")),
                provider.tokenSignedByAnotherKey(List.of("g1")),
                provider.tokenWithIssuer("http://elsewhere", List.of("g1")),
                provider.tokenWithAudience("elsewhere", List.of("g1")))) {
            JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
            assertThat(claims.getStringListClaim("groups")).containsExactly("g1");
            assertThat(claims.getSubject()).isNotBlank();
        }
    }

    @Test
    void a_client_registered_after_start_gets_tokens_with_its_groups() {
        provider.registerClient("late-bot", List.of("team-c-admins", "platform-viewers"));

        Jwt jwt = decoder.decode(provider.token("late-bot"));

        assertThat(jwt.getSubject()).isEqualTo("late-bot");
        assertThat(jwt.getAudience()).containsExactly("nova-platform");
        assertThat(jwt.getClaimAsStringList("groups")).containsExactly("team-c-admins", "platform-viewers");
    }

    @Test
    void a_client_that_is_not_registered_gets_no_token() {
        assertThatThrownBy(() -> provider.token("stranger-bot"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("401");
    }

    @Test
    void alice_logs_in_with_the_form_and_the_console_gets_tokens_with_her_groups() throws Exception {
        String redirectUri = "http://localhost:18080/login/oauth2/code/nova";
        provider.setConsoleRedirectUri(redirectUri);
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // Spring Security 7 requires PKCE for the authorization-code grant by default, and its client sends it
        String verifier = "a-code-verifier-that-is-long-enough-for-rfc-7636-0123456789";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        URI authorize = URI.create(provider.issuer() + "/oauth2/authorize?response_type=code&client_id=nova-console"
                + "&scope=" + form("openid profile groups") + "&state=s1&nonce=n1&redirect_uri=" + form(redirectUri)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256");

        HttpResponse<String> toLogin = send(browser, html(authorize).GET().build());
        assertThat(toLogin.statusCode()).isEqualTo(302);
        URI login = location(toLogin);
        assertThat(login.getPath()).as(login.toString()).isEqualTo("/login");
        String loginPage = send(browser, html(login).GET().build()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(csrf.find()).as("login page has a CSRF token: %s", loginPage).isTrue();
        HttpResponse<String> loggedIn = send(browser, html(login)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=alice-password&_csrf="
                        + form(csrf.group(1))))
                .build());
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        HttpResponse<String> toClient = send(browser, html(location(loggedIn)).GET().build());
        assertThat(toClient.statusCode()).isEqualTo(302);
        String callback = toClient.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(redirectUri + "?").contains("state=s1");
        String code = query(URI.create(callback), "code");

        String basic = Base64.getEncoder().encodeToString(
                (TestIdentityProvider.CONSOLE_CLIENT_ID + ":" + TestIdentityProvider.CONSOLE_CLIENT_SECRET)
                        .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> tokens = send(http, HttpRequest.newBuilder(provider.tokenEndpoint())
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + form(code)
                        + "&redirect_uri=" + form(redirectUri) + "&code_verifier=" + verifier))
                .build());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        Map<String, Object> body = JSONObjectUtils.parse(tokens.body());

        JWTClaimsSet idToken = SignedJWT.parse((String) body.get("id_token")).getJWTClaimsSet();
        assertThat(idToken.getSubject()).isEqualTo("alice");
        assertThat(idToken.getAudience()).containsExactly("nova-console");
        assertThat(idToken.getStringClaim("nonce")).isEqualTo("n1");
        assertThat(idToken.getStringListClaim("groups")).containsExactly("team-a-admins");
        Jwt accessToken = decoder.decode((String) body.get("access_token"));
        assertThat(accessToken.getSubject()).isEqualTo("alice");
        assertThat(accessToken.getClaimAsStringList("groups")).containsExactly("team-a-admins");
        assertThat(body.get("refresh_token")).isNotNull();
    }

    @Test
    void the_shared_provider_is_started_once_and_outlives_close() {
        TestIdentityProvider shared = TestIdentityProvider.shared();

        shared.close();

        assertThat(TestIdentityProvider.shared()).isSameAs(shared);
        assertThat(shared.issuer()).isNotEqualTo(provider.issuer());
        assertThat(shared.token("viewer-bot")).isNotBlank();
    }

    private static JwtValidationException rejected(String token) {
        JwtValidationException failure = catchThrowableOfType(JwtValidationException.class, () -> decoder.decode(token));
        assertThat(failure).as("the token is rejected by a validator, after its signature was accepted").isNotNull();
        return failure;
    }

    private static List<String> descriptions(JwtValidationException failure) {
        return failure.getErrors().stream().map(OAuth2Error::getDescription).toList();
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send(http, HttpRequest.newBuilder(uri).header("Accept", "application/json").GET().build());
    }

    private static HttpRequest.Builder html(URI uri) {
        return HttpRequest.newBuilder(uri).header("Accept", "text/html");
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request)
            throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static URI location(HttpResponse<?> response) {
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name)) {
                return java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
