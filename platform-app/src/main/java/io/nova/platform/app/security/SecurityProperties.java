package io.nova.platform.app.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param issuerUri          the OIDC issuer (StarVault: {@code https://vault…/v1/identity/oidc/provider/nova}); empty:
 *                           the development setup with a local admin account
 * @param audience           the audience REST tokens must carry
 * @param groupsClaim        the token claim that lists the caller's groups
 * @param localAdminPassword fixes the local admin's password (tests, scripted setups); empty: generated at first
 *                           start and printed once
 * @param clientId           the console's OIDC client; empty: the nova-console client the platform provisions in
 *                           StarVault (then console redirect URIs must be configured for the Vault provisioning)
 * @param clientSecret       the console client's secret; prefer {@code clientSecretFile}; neither: a public client
 *                           (PKCE only)
 * @param clientSecretFile   a file holding the console client's secret (a mounted Kubernetes Secret)
 * @param scopes             what the console asks for at login; the groups claim must come with one of them
 * @param nameClaim          the claim that names a person for the audit log and commits; when a token lacks it,
 *                           {@code preferred_username}, {@code name} and {@code email} are tried, then the subject
 */
@ConfigurationProperties(prefix = "nova.security.oidc")
public record SecurityProperties(String issuerUri, String audience, String groupsClaim, String localAdminPassword,
                                 String clientId, String clientSecret, Path clientSecretFile, List<String> scopes,
                                 String nameClaim) {

    public SecurityProperties {
        issuerUri = blankToNull(issuerUri);
        audience = audience == null || audience.isBlank() ? "nova-platform" : audience;
        groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? "groups" : groupsClaim;
        localAdminPassword = blankToNull(localAdminPassword);
        clientId = blankToNull(clientId);
        clientSecret = blankToNull(clientSecret);
        clientSecretFile = clientSecretFile == null || clientSecretFile.toString().isBlank() ? null : clientSecretFile;
        nameClaim = nameClaim == null || nameClaim.isBlank() ? "preferred_username" : nameClaim.strip();
        scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile", "groups")
                : scopes.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (clientSecret != null && clientSecretFile != null) {
            throw new IllegalArgumentException("set either nova.security.oidc.client-secret or client-secret-file, "
                    + "not both");
        }
    }

    public boolean oidc() {
        return issuerUri != null;
    }

    /** The console client's secret, from its file when one is configured. */
    public String resolvedClientSecret() {
        if (clientSecretFile == null) {
            return clientSecret;
        }
        try {
            return Files.readString(clientSecretFile).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console client secret from " + clientSecretFile, e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
