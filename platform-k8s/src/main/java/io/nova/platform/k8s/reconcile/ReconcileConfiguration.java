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
import io.nova.platform.k8s.gitops.TokenFileCredentials;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconcileProperties.class)
class ReconcileConfiguration {

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
                                                      vault) {
        return new KubernetesDeliveryTargets(renderer, kubernetesClients, properties.gitopsCache(),
                properties.gitTokenFile() == null ? null
                        : new TokenFileCredentials(properties.gitUsername(), properties.gitTokenFile()),
                properties.operators() ? operators : null, vault.getIfAvailable(), properties.gitUsername());
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
