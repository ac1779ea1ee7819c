package io.nova.platform.app.bootstrap;

import java.nio.file.Path;

import io.nova.platform.app.audit.RequestActorContext;
import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.cluster.ClusterSpec;
import io.nova.platform.core.cluster.DeliveryMode;
import io.nova.platform.core.cluster.GitOpsTarget;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.tenant.TenantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * A fresh install gets a cluster named {@code local} delivered through GitOps to a Git repository on this machine,
 * so the platform produces real output with nothing configured. Only when no cluster exists at all: an admin who
 * deleted {@code local} after adding others does not get it back.
 */
@Component
class LocalClusterInitializer implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LocalClusterInitializer.class);

    private final ClusterService clusters;
    private final Path repository;

    LocalClusterInitializer(ClusterService clusters,
                            @Value("${nova.gitops.local-repository:data/gitops}") Path repository) {
        this.clusters = clusters;
        this.repository = repository;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (clusters.list(PageQuery.first(1)).total() > 0) {
            return;
        }
        MDC.put(RequestActorContext.ACTOR, "system");
        try {
            String url = repository.toAbsolutePath().normalize().toUri().toString();
            clusters.create(new ClusterSpec(TenantService.DEFAULT_CLUSTER, DeliveryMode.GITOPS, null, null,
                    new GitOpsTarget(url, "main", "clusters/" + TenantService.DEFAULT_CLUSTER)));
            log.info("Created cluster 'local' delivering through GitOps to {}", url);
        } finally {
            MDC.remove(RequestActorContext.ACTOR);
        }
    }
}
