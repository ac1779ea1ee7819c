package io.nova.platform.k8s.reconcile;

import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.desired.ClusterChangeFeed;
import io.nova.platform.core.desired.ClusterLeases;
import io.nova.platform.core.desired.ClusterOwnership;
import io.nova.platform.core.desired.ReplicaId;
import io.nova.platform.core.desired.ClusterDelivery;
import io.nova.platform.core.desired.DesiredStateReader;
import io.nova.platform.core.desired.ReconcileLock;
import io.nova.platform.core.reconcile.ChangeHistory;
import io.nova.platform.core.reconcile.ClusterReconcile;
import io.nova.platform.core.reconcile.ReconcileRecorder;
import io.nova.platform.core.reconcile.TenantSignOn;
import io.nova.platform.core.module.ModuleCatalog;
import io.nova.platform.core.module.ModuleProperties;
import io.nova.platform.k8s.operator.ClusterOperators;
import io.nova.platform.k8s.operator.OperatorSettings;
import io.nova.platform.k8s.render.AgentDeployment;
import io.nova.platform.k8s.quota.KueueQueueReader;
import io.nova.platform.k8s.render.ClusterRenderer;
import io.nova.platform.k8s.render.RenderSettings;
import io.nova.platform.k8s.render.tool.PlatformGroups;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nova.platform.core.cluster.ClusterCredentials;
import io.nova.platform.core.desired.OperatorLeadership;
import io.nova.platform.core.access.AccessProperties;
import io.nova.platform.core.identity.TenantSecrets;
import io.nova.platform.k8s.gitops.HostBoundCredentials;
import io.nova.platform.k8s.gitops.TokenFileCredentials;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconcileProperties.class)
class ReconcileConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReconcileConfiguration.class);


    @Bean
    @ConfigurationPropertiesBinding
    static AnnotationsJsonConverter annotationsJsonConverter() {
        return new AnnotationsJsonConverter();
    }

    @Bean
    ClusterRenderer clusterRenderer(ReconcileProperties properties, TenantSecrets secrets, AccessProperties access,
                                    ModuleProperties modules,
                                    @Value("${nova.gitops.serve-url:" + RenderSettings.DEFAULT_GIT_SERVE_URL + "}")
                                    String gitServeUrl,
                                    @Value("${nova.agent.enabled:true}") boolean agentEnabled,
                                    @Value("${nova.agent.image:" + AgentDeployment.DEFAULT_IMAGE + "}")
                                    String agentImage) {
        return new ClusterRenderer(RenderSettings.defaults().withOidc(properties.oidcIssuer(),
                properties.vaultAddress()).withIsolation(properties.tenantIsolation())
                .withRoutes(properties.routes()).withVaultSecrets(secrets.configured())
                .withOidcAuthorizeUrl(properties.oidcAuthorizeUrl())
                .withPlatformGroups(new PlatformGroups(access.adminGroups(), access.viewerGroups()))
                .withGitServeUrl(gitServeUrl)
                .withAgent(new AgentDeployment(agentEnabled, agentImage, modules.ingressDomain())));
    }

    @Bean
    @ConditionalOnMissingBean
    KubernetesClients kubernetesClients(org.springframework.beans.factory.ObjectProvider<ClusterCredentials> credentials) {
        return new DefaultKubernetesClients(credentials.getIfAvailable(() -> ref -> {
            throw new IllegalStateException("credentialsRef '%s' cannot be read: no credential store is configured"
                    .formatted(ref));
        }));
    }

    /** The in-process operators that keep MLClusters and MLInfrastructure of DIRECT clusters reconciled. */
    /** Kueue's queues of the clusters the platform can reach, each cluster's list kept for ten seconds. */
    @Bean
    KueueQueueReader kueueQueueReader(KubernetesClients kubernetesClients) {
        return new KueueQueueReader(kubernetesClients, java.time.Clock.systemUTC(), java.time.Duration.ofSeconds(10));
    }

    @Bean(destroyMethod = "close")
    ClusterOperators clusterOperators(ModuleCatalog catalog, ReconcileProperties properties,
                                      ClusterRenderer renderer, ModuleProperties modules) {
        return new ClusterOperators(catalog, OperatorSettings.defaults().withRender(renderer.settings(),
                modules.ingressDomain()));
    }

    @Bean
    KubernetesDeliveryTargets deliveryTargets(ClusterRenderer renderer, KubernetesClients kubernetesClients,
                                              ReconcileProperties properties, ClusterOperators operators,
                                              org.springframework.beans.factory.ObjectProvider<ClusterCredentials>
                                                      vault,
                                              @Value("${nova.bootstrap.gitops-url:}") String bootstrapUrl) {
        return new KubernetesDeliveryTargets(renderer, kubernetesClients, properties.gitopsCache(),
                properties.gitTokenFile() == null ? null
                        : new HostBoundCredentials(new TokenFileCredentials(properties.gitUsername(),
                        properties.gitTokenFile()), tokenHosts(properties, bootstrapUrl)),
                properties.operators() ? operators : null, vault.getIfAvailable(), properties.gitUsername());
    }

    private static String gitHost(String url) {
        try {
            return new org.eclipse.jgit.transport.URIish(url).getHost();
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** The hosts the install-wide Git token is for: as configured, else the bootstrap repository's. */
    private static java.util.List<String> tokenHosts(ReconcileProperties properties, String bootstrapUrl) {
        if (!properties.gitTokenHosts().isEmpty()) {
            return properties.gitTokenHosts();
        }
        String host = bootstrapUrl == null || bootstrapUrl.isBlank() ? null
                : gitHost(bootstrapUrl);
        if (host == null) {
            log.warn("nova.reconcile.git-token-file is set but neither nova.reconcile.git-token-hosts nor "
                    + "nova.bootstrap.gitops-url names a host: the token is offered to no repository");
            return java.util.List.of();
        }
        return java.util.List.of(host);
    }

    @Bean
    ClusterReconcile clusterReconcile(DesiredStateReader reader, KubernetesDeliveryTargets targets,
                                      TenantSecrets secrets, ReconcileRecorder recorder, ReconcileLock reconcileLock,
                                      OperatorLeadership leadership, ReconcileMetrics metrics,
                                      ReconcileProperties properties, ClusterRenderer renderer,
                                      ChangeHistory history) {
        var signOn = new TenantSignOn(secrets, renderer.settings().platformGroups().all(),
                renderer.settings().fluxNamespace());
        return new ClusterReconcile(reader, targets, signOn, recorder, reconcileLock, leadership,
                new HeapRelease(metrics, properties.releaseHeapAfter()), properties.settings(), history);
    }

    @Bean
    ReconcileMetrics reconcileMetrics(org.springframework.beans.factory.ObjectProvider<MeterRegistry> registry) {
        return new ReconcileMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** The leases that share the clusters among the replicas that reconcile (only those that do take part). */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "nova.reconcile", name = "enabled", havingValue = "true", matchIfMissing = true)
    ClusterOwnership clusterOwnership(javax.sql.DataSource dataSource, ReconcileProperties properties) {
        return new ClusterOwnership(new ClusterLeases(dataSource), ReplicaId.of(properties.replicaId()),
                properties.leaseDuration());
    }

    @Bean
    @ConditionalOnProperty(prefix = "nova.reconcile", name = "enabled", havingValue = "true", matchIfMissing = true)
    ReconcileScheduler reconcileScheduler(ClusterDelivery delivery, ClusterOwnership ownership,
                                          org.springframework.beans.factory.ObjectProvider<ClusterChangeFeed> feed,
                                          ReconcileProperties properties, ReconcileMetrics metrics) {
        return new ReconcileScheduler(delivery, ownership, feed.getIfAvailable(), properties, metrics);
    }
}
