package io.nova.platform.app.security;

import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The console's one OIDC client, built from the issuer's discovery document on first use rather than at start-up, so
 * that the platform (and its API) starts while the identity provider is briefly unreachable. A failed discovery is
 * retried on the next login.
 */
class ConsoleClientRegistrations implements ClientRegistrationRepository {

    static final String REGISTRATION_ID = "nova";
    private static final Logger log = LoggerFactory.getLogger(ConsoleClientRegistrations.class);

    private final SecurityProperties properties;
    private final AtomicReference<ClientRegistration> registration = new AtomicReference<>();

    ConsoleClientRegistrations(SecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!REGISTRATION_ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration known = registration.get();
        if (known != null) {
            return known;
        }
        try {
            ClientRegistration discovered = discover();
            registration.compareAndSet(null, discovered);
            return registration.get();
        } catch (RuntimeException e) {
            log.warn("Console login: cannot read the discovery document of {}: {}", properties.issuerUri(),
                    e.getMessage());
            throw new IllegalStateException("The identity provider is unreachable; try again in a moment", e);
        }
    }

    private ClientRegistration discover() {
        String secret = properties.resolvedClientSecret();
        return ClientRegistrations.fromIssuerLocation(properties.issuerUri())
                .registrationId(REGISTRATION_ID)
                .clientId(properties.clientId())
                .clientSecret(secret)
                .clientAuthenticationMethod(secret == null ? ClientAuthenticationMethod.NONE
                        : ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope(properties.scopes())
                .userNameAttributeName("sub")
                .clientName("Nova Platform console")
                .build();
    }
}
