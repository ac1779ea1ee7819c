package io.nova.platform.vault.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the platform reaches StarVault (or any Vault-compatible store), under {@code nova.vault}. Secrets (token,
 * AppRole secret id) come only from properties, the environment ({@code NOVA_VAULT_TOKEN}, ...) or mounted files,
 * never from the database. {@link #toString()} never shows them.
 *
 * @param uri            the Vault address, e.g. {@code https://vault.example.com:8200}; empty: Vault is not
 *                       configured and nothing is provisioned
 * @param namespace      sent as {@code X-Vault-Namespace} when set
 * @param authentication how the platform logs in (default {@code TOKEN})
 * @param token          the platform's token for {@code TOKEN}
 * @param tokenFile      a file holding that token (read once at start), e.g. a Vault Agent sink
 */
@ConfigurationProperties("nova.vault")
public record VaultProperties(String uri, String namespace, AuthenticationMethod authentication, String token,
                              Path tokenFile, AppRole approle, Kubernetes kubernetes, Ssl ssl, Oidc oidc) {

    public enum AuthenticationMethod {
        TOKEN, APPROLE, KUBERNETES
    }

    public VaultProperties {
        uri = blankToNull(uri);
        namespace = blankToNull(namespace);
        authentication = authentication == null ? AuthenticationMethod.TOKEN : authentication;
        token = blankToNull(token);
        approle = approle == null ? new AppRole(null, null, null) : approle;
        kubernetes = kubernetes == null ? new Kubernetes(null, null, null) : kubernetes;
        ssl = ssl == null ? new Ssl(null) : ssl;
        oidc = oidc == null ? new Oidc(null, null, null, null) : oidc;
    }

    /** No Vault: every field at its default. */
    public static VaultProperties unconfigured() {
        return new VaultProperties(null, null, null, null, null, null, null, null, null);
    }

    /** Token authentication against {@code uri}, everything else at its default (handy for tests and tools). */
    public static VaultProperties withToken(String uri, String token) {
        return new VaultProperties(uri, null, AuthenticationMethod.TOKEN, token, null, null, null, null, null);
    }

    public boolean configured() {
        return uri != null;
    }

    public VaultProperties withOidc(Oidc oidc) {
        return new VaultProperties(uri, namespace, authentication, token, tokenFile, approle, kubernetes, ssl, oidc);
    }

    public VaultProperties withAuthentication(AuthenticationMethod authentication, AppRole approle,
                                              Kubernetes kubernetes) {
        return new VaultProperties(uri, namespace, authentication, null, null, approle, kubernetes, ssl, oidc);
    }

    public VaultProperties withNamespace(String namespace) {
        return new VaultProperties(uri, namespace, authentication, token, tokenFile, approle, kubernetes, ssl, oidc);
    }

    public VaultProperties withSsl(Ssl ssl) {
        return new VaultProperties(uri, namespace, authentication, token, tokenFile, approle, kubernetes, ssl, oidc);
    }

    @Override
    public String toString() {
        return "VaultProperties[uri=%s, namespace=%s, authentication=%s, token=%s, tokenFile=%s, approle=%s, kubernetes=%s, ssl=%s, oidc=%s]"
                .formatted(uri, namespace, authentication, token == null ? "none" : "(hidden)", tokenFile, approle,
                        kubernetes, ssl, oidc);
    }

    /**
     * @param roleId       the AppRole's role id
     * @param secretId     its secret id
     * @param secretIdFile a file holding the secret id instead (read once at start)
     */
    public record AppRole(String roleId, String secretId, Path secretIdFile) {

        public AppRole {
            roleId = blankToNull(roleId);
            secretId = blankToNull(secretId);
        }

        @Override
        public String toString() {
            return "AppRole[roleId=%s, secretId=%s, secretIdFile=%s]".formatted(roleId,
                    secretId == null ? "none" : "(hidden)", secretIdFile);
        }
    }

    /**
     * @param role                    the Kubernetes auth role the platform logs in with
     * @param serviceAccountTokenFile the pod's service account token
     * @param authMount               where the Kubernetes auth method is mounted: used to log in and for the
     *                                tenants' roles ({@code auth/<mount>/role/nova-<tenant>})
     */
    public record Kubernetes(String role, Path serviceAccountTokenFile, String authMount) {

        public static final Path DEFAULT_TOKEN_FILE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

        public Kubernetes {
            role = blankToNull(role);
            serviceAccountTokenFile = serviceAccountTokenFile == null ? DEFAULT_TOKEN_FILE : serviceAccountTokenFile;
            authMount = blankToNull(authMount) == null ? "kubernetes" : stripSlashes(authMount);
        }
    }

    /** @param caCertFile PEM file with the CA certificate(s) that signed Vault's TLS certificate, when not public */
    public record Ssl(Path caCertFile) {
    }

    /**
     * @param issuer              the provider's issuer: {@code https://vault.example.com} or the provider URL the tools
     *                            use ({@code https://vault.example.com/v1/identity/oidc/provider/nova}), of which
     *                            Vault takes {@code scheme://host:port}; empty: Vault's default ({@code api_addr})
     * @param consoleRedirectUris the console's redirect URIs; empty: no console client is created
     * @param idTokenTtl          lifetime of ID tokens of the platform's clients
     * @param accessTokenTtl      lifetime of access tokens of the platform's clients
     */
    public record Oidc(String issuer, List<String> consoleRedirectUris, Duration idTokenTtl, Duration accessTokenTtl) {

        public Oidc {
            issuer = blankToNull(issuer);
            consoleRedirectUris = consoleRedirectUris == null ? List.of()
                    : consoleRedirectUris.stream().filter(s -> s != null && !s.isBlank()).map(String::trim).toList();
            idTokenTtl = idTokenTtl == null ? Duration.ofMinutes(15) : idTokenTtl;
            accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(30) : accessTokenTtl;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String stripSlashes(String value) {
        String result = value.trim();
        while (result.startsWith("/")) {
            result = result.substring(1);
        }
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
