package io.nova.platform.vault.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.core.io.FileSystemResource;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.vault.authentication.AppRoleAuthentication;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.RoleId;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.SecretId;
import org.springframework.vault.authentication.ClientAuthentication;
import org.springframework.vault.authentication.KubernetesAuthentication;
import org.springframework.vault.authentication.KubernetesAuthenticationOptions;
import org.springframework.vault.authentication.KubernetesServiceAccountTokenFile;
import org.springframework.vault.authentication.LifecycleAwareSessionManager;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.ClientHttpRequestFactoryFactory;
import org.springframework.vault.client.RestClientBuilder;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.client.VaultHttpHeaders;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.ClientOptions;
import org.springframework.vault.support.SslConfiguration;
import org.springframework.web.client.RestClient;

/**
 * A Spring Vault {@link VaultTemplate} built from {@link VaultProperties} with Spring Vault's own classes: the
 * endpoint, the {@code X-Vault-Namespace} header, TLS trusting a PEM CA, and token, AppRole or Kubernetes login with a
 * session manager that renews (and at close revokes) login tokens. Closing it stops the session's scheduler.
 */
public final class VaultConnection implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private final VaultTemplate template;
    private final ThreadPoolTaskScheduler scheduler;
    private final String address;

    private VaultConnection(VaultTemplate template, ThreadPoolTaskScheduler scheduler, String address) {
        this.template = template;
        this.scheduler = scheduler;
        this.address = address;
    }

    /** Builds the template; fails with a message naming the missing property when the login is incomplete. */
    public static VaultConnection open(VaultProperties properties) {
        if (!properties.configured()) {
            throw new IllegalStateException("nova.vault.uri is not set");
        }
        VaultEndpoint endpoint = VaultEndpoint.from(URI.create(properties.uri()));
        ClientHttpRequestFactory requestFactory = ClientHttpRequestFactoryFactory.create(
                new ClientOptions(CONNECT_TIMEOUT, READ_TIMEOUT), ssl(properties.ssl()));
        RestClientBuilder builder = RestClientBuilder.builder().endpoint(endpoint).requestFactory(requestFactory);
        if (properties.namespace() != null) {
            builder.defaultHeader(VaultHttpHeaders.VAULT_NAMESPACE, properties.namespace());
        }
        RestClient loginClient = builder.build();
        ClientAuthentication authentication = authentication(properties, loginClient);

        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setDaemon(true);
        scheduler.setThreadNamePrefix("nova-vault-session-");
        scheduler.initialize();
        var sessionManager = new LifecycleAwareSessionManager(authentication, scheduler, loginClient);
        VaultTemplate template = new VaultTemplate(builder, sessionManager);
        return new VaultConnection(template, scheduler, properties.uri());
    }

    public VaultTemplate template() {
        return template;
    }

    /** The configured address, for messages. */
    public String address() {
        return address;
    }

    /** Revokes a login token (AppRole, Kubernetes; never a configured token) and stops the renewal scheduler. */
    @Override
    public void close() {
        try {
            template.destroy();
        } catch (Exception e) {
            // revoking at shutdown is best effort
        } finally {
            scheduler.shutdown();
        }
    }

    static SslConfiguration ssl(VaultProperties.Ssl ssl) {
        if (ssl.caCertFile() == null) {
            return SslConfiguration.unconfigured();
        }
        if (!Files.isReadable(ssl.caCertFile())) {
            throw new IllegalStateException("nova.vault.ssl.ca-cert-file " + ssl.caCertFile() + " is not readable");
        }
        var trustStore = SslConfiguration.KeyStoreConfiguration.of(new FileSystemResource(ssl.caCertFile()))
                .withStoreType(SslConfiguration.PEM_KEYSTORE_TYPE);
        return SslConfiguration.forTrustStore(trustStore);
    }

    static ClientAuthentication authentication(VaultProperties properties, RestClient loginClient) {
        return switch (properties.authentication()) {
            case TOKEN -> new TokenAuthentication(token(properties));
            case APPROLE -> {
                VaultProperties.AppRole approle = properties.approle();
                if (approle.roleId() == null) {
                    throw new IllegalStateException(
                            "nova.vault.approle.role-id is required when nova.vault.authentication is APPROLE");
                }
                String secretId = approle.secretId() != null ? approle.secretId()
                        : approle.secretIdFile() != null ? readSecretFile(approle.secretIdFile(),
                        "nova.vault.approle.secret-id-file") : null;
                var options = AppRoleAuthenticationOptions.builder()
                        .roleId(RoleId.provided(approle.roleId()))
                        .secretId(secretId == null ? SecretId.absent() : SecretId.provided(secretId))
                        .build();
                yield new AppRoleAuthentication(options, loginClient);
            }
            case KUBERNETES -> {
                VaultProperties.Kubernetes kubernetes = properties.kubernetes();
                if (kubernetes.role() == null) {
                    throw new IllegalStateException(
                            "nova.vault.kubernetes.role is required when nova.vault.authentication is KUBERNETES");
                }
                if (!Files.isReadable(kubernetes.serviceAccountTokenFile())) {
                    throw new IllegalStateException("nova.vault.kubernetes.service-account-token-file "
                            + kubernetes.serviceAccountTokenFile() + " is not readable");
                }
                // The service account token is read at each login, so a rotated projected token is picked up.
                var options = KubernetesAuthenticationOptions.builder()
                        .path(kubernetes.authMount())
                        .role(kubernetes.role())
                        .jwtSupplier(new KubernetesServiceAccountTokenFile(
                                new FileSystemResource(kubernetes.serviceAccountTokenFile())))
                        .build();
                yield new KubernetesAuthentication(options, loginClient);
            }
        };
    }

    private static String token(VaultProperties properties) {
        if (properties.token() != null) {
            return properties.token();
        }
        if (properties.tokenFile() != null) {
            return readSecretFile(properties.tokenFile(), "nova.vault.token-file");
        }
        throw new IllegalStateException(
                "nova.vault.token or nova.vault.token-file is required when nova.vault.authentication is TOKEN");
    }

    private static String readSecretFile(Path file, String property) {
        try {
            String value = Files.readString(file).strip();
            if (value.isEmpty()) {
                throw new IllegalStateException(property + " " + file + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(property + " " + file + " cannot be read", e);
        }
    }
}
