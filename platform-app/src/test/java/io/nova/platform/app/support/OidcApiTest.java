package io.nova.platform.app.support;

import nova.testing.identity.TestIdentityProvider;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ApiTest} with single sign-on: the platform trusts the JVM's shared {@link TestIdentityProvider} (a real
 * Spring Authorization Server) for REST tokens and console logins. Every subclass has the same properties, so they
 * share one application context.
 */
public abstract class OidcApiTest extends ApiTest {

    protected static final TestIdentityProvider IDP = TestIdentityProvider.shared();

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        registry.add("nova.security.oidc.issuer-uri", IDP::issuer);
        registry.add("nova.security.oidc.client-id", () -> TestIdentityProvider.CONSOLE_CLIENT_ID);
        registry.add("nova.security.oidc.client-secret", () -> TestIdentityProvider.CONSOLE_CLIENT_SECRET);
    }
}
