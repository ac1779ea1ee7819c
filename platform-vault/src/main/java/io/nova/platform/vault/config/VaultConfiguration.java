package io.nova.platform.vault.config;

import io.nova.platform.core.cluster.ClusterCredentials;
import io.nova.platform.core.identity.ConsoleClientSource;
import io.nova.platform.core.identity.TenantSecrets;
import io.nova.platform.vault.kv.VaultClusterCredentials;
import io.nova.platform.vault.UnconfiguredTenantSecrets;
import io.nova.platform.vault.VaultTenantSecrets;
import io.nova.platform.vault.api.SpringVaultApi;
import io.nova.platform.vault.health.VaultHealthIndicator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.vault.core.VaultTemplate;

/**
 * Wires the platform to Vault from {@code nova.vault.*} alone. With {@code nova.vault.uri} set: a
 * {@link VaultConnection} and its {@link VaultTemplate} (bean {@code vaultTemplate}), the Vault-backed
 * {@code tenantSecrets}, and the {@code vault} health indicator. Without: a {@code tenantSecrets} that changes nothing
 * and an UNKNOWN health. Nothing here is auto-configuration: Spring Boot itself configures nothing for Vault, and
 * Spring Cloud Vault is not on the class path.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VaultProperties.class)
public class VaultConfiguration {

    private static final Logger log = LoggerFactory.getLogger(VaultConfiguration.class);

    @Bean(destroyMethod = "close")
    @Conditional(VaultConfiguredCondition.class)
    VaultConnection vaultConnection(VaultProperties properties) {
        log.info("Vault at {} ({} authentication{})", properties.uri(), properties.authentication(),
                properties.namespace() == null ? "" : ", namespace " + properties.namespace());
        return VaultConnection.open(properties);
    }

    /** Closed through {@link VaultConnection}, which also stops the session's scheduler. */
    @Bean(destroyMethod = "")
    @Conditional(VaultConfiguredCondition.class)
    VaultTemplate vaultTemplate(VaultConnection connection) {
        return connection.template();
    }

    @Bean
    TenantSecrets tenantSecrets(VaultProperties properties, ObjectProvider<VaultConnection> connection) {
        VaultConnection vault = connection.getIfAvailable();
        if (vault == null) {
            log.info("Vault is not configured (nova.vault.uri): OIDC clients and secrets are not provisioned");
            return new UnconfiguredTenantSecrets(properties);
        }
        return new VaultTenantSecrets(new SpringVaultApi(vault.template(), vault.address()), properties);
    }

    /**
     * The console's OIDC client from Vault's nova-console client, where the platform provisions one. Primary: the
     * Vault-backed tenantSecrets bean is a ConsoleClientSource too.
     */
    @Bean
    @org.springframework.context.annotation.Primary
    ConsoleClientSource consoleClientSource(TenantSecrets secrets) {
        return secrets instanceof ConsoleClientSource source ? source : java.util.Optional::empty;
    }

    /** Kubeconfigs of DIRECT clusters that name a Vault path in their credentialsRef. */
    @Bean
    ClusterCredentials clusterCredentials(ObjectProvider<VaultConnection> connection) {
        VaultConnection vault = connection.getIfAvailable();
        if (vault == null) {
            return ref -> {
                throw new IllegalStateException(("credentialsRef '%s' names a Vault path, but Vault is not configured "
                        + "(nova.vault.uri)").formatted(ref));
            };
        }
        return new VaultClusterCredentials(new SpringVaultApi(vault.template(), vault.address()));
    }

    /** Contributed as {@code vault} (Spring Boot drops the {@code HealthIndicator} suffix). */
    @Bean
    HealthIndicator vaultHealthIndicator(ObjectProvider<VaultConnection> connection) {
        VaultConnection vault = connection.getIfAvailable();
        return vault == null ? VaultHealthIndicator.notConfigured()
                : new VaultHealthIndicator(vault.template(), vault.address());
    }
}
