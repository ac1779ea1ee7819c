package io.nova.platform.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param issuerUri   the OIDC issuer (StarVault: {@code https://vault…/v1/identity/oidc/provider/nova}); empty: the
 *                    development setup with a local admin account
 * @param audience    the audience REST tokens must carry
 * @param groupsClaim the token claim that lists the caller's groups
 * @param localAdminPassword fixes the local admin's password (tests, scripted setups); empty: generated at first
 *                    start and printed once
 */
@ConfigurationProperties(prefix = "nova.security.oidc")
public record SecurityProperties(String issuerUri, String audience, String groupsClaim, String localAdminPassword) {

    public SecurityProperties {
        issuerUri = issuerUri == null || issuerUri.isBlank() ? null : issuerUri;
        audience = audience == null || audience.isBlank() ? "nova-platform" : audience;
        groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? "groups" : groupsClaim;
        localAdminPassword = localAdminPassword == null || localAdminPassword.isBlank() ? null : localAdminPassword;
    }

    public boolean oidc() {
        return issuerUri != null;
    }
}
