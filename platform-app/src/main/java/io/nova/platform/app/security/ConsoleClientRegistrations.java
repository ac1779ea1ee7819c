package io.nova.platform.app.security;

import java.util.concurrent.atomic.AtomicReference;

import io.nova.platform.core.identity.ConsoleClientSource;
import io.nova.platform.core.identity.OidcClientCredentials;
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
 * retried on the next login. Its id and secret are configured, or read from StarVault's {@code nova-console} client
 * that the platform provisions.
 */
class ConsoleClientRegistrations implements ClientRegistrationRepository {

    static final String REGISTRATION_ID = "nova";
    private static final Logger log = LoggerFactory.getLogger(ConsoleClientRegistrations.class);

    private final SecurityProperties properties;
    private final ConsoleClientSource vault;
    private final AtomicReference<ClientRegistration> registration = new AtomicReference<>();

    /** @param vault where the client comes from when no client id is configured: StarVault's nova-console client */
    ConsoleClientRegistrations(SecurityProperties properties, ConsoleClientSource vault) {
        this.properties = properties;
        this.vault = vault;
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
            log.warn("Console login: cannot set up the client at {}: {}", properties.issuerUri(), e.getMessage());
            throw new IllegalStateException("The identity provider is unreachable; try again in a moment", e);
        }
    }

    private ClientRegistration discover() {
        String clientId = properties.clientId();
        String secret = properties.resolvedClientSecret();
        if (clientId == null) {
            OidcClientCredentials fromVault = vault.consoleClient().orElseThrow(() -> new IllegalStateException(
                    "no console client: set NOVA_LOGIN_CLIENT_ID or let the Vault provisioning create nova-console"));
            clientId = fromVault.clientId();
            secret = fromVault.clientSecret();
            log.info("Console login uses the OIDC client {} that the platform keeps in Vault", clientId);
        }
        return ClientRegistrations.fromIssuerLocation(properties.issuerUri())
                .registrationId(REGISTRATION_ID)
                .clientId(clientId)
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
