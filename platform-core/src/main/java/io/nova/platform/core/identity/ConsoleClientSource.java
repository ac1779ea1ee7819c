package io.nova.platform.core.identity;

import java.util.Optional;

/**
 * The console's own OIDC client as the platform's StarVault provisioning keeps it ({@code nova-console}), so that
 * single sign-on needs no client id or secret configured by hand. The credentials are a secret: they live only in
 * the login client's memory.
 */
@FunctionalInterface
public interface ConsoleClientSource {

    /**
     * Creates the console client where it is missing and returns its credentials; empty when the platform does not
     * manage a console client (no Vault, or no console redirect URIs configured).
     *
     * @throws IllegalStateException when Vault cannot be reached or refuses; the message names no secret
     */
    Optional<OidcClientCredentials> consoleClient();
}
