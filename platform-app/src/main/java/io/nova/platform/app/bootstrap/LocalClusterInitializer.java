package io.nova.platform.app.bootstrap;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import io.nova.platform.core.access.SystemCaller;
import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.cluster.ClusterSpec;
import io.nova.platform.core.cluster.DeliveryMode;
import io.nova.platform.core.cluster.GitOpsTarget;
import io.nova.platform.core.tenant.TenantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A fresh install gets a cluster named {@code local} delivered through GitOps to a Git repository on this machine,
 * so the platform produces real output with nothing configured. Only when no cluster exists at all: an admin who
 * deleted {@code local} after adding others does not get it back.
 *
 * <p>An installation inside a cluster (the Helm chart) says how {@code local} is delivered instead:
 * {@code nova.bootstrap.delivery-mode=DIRECT} (the cluster the platform runs in, through its service account) or
 * {@code GITOPS} with {@code nova.bootstrap.gitops-url} (and {@code -branch}) naming a remote repository Flux reads.
 *
 * <p>Runs before the platform reports ready, at every start; whether a cluster exists is one SQL query, so that a
 * later start does not set up JPA repositories and Hibernate queries on its way to ready (docs/operations.md#start-up).
 */
@Component
class LocalClusterInitializer implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LocalClusterInitializer.class);

    private final ClusterService clusters;
    private final BooleanSupplier anyCluster;
    private final Path repository;
    private final DeliveryMode deliveryMode;
    private final String gitopsUrl;
    private final String gitopsBranch;

    @Autowired
    LocalClusterInitializer(ClusterService clusters, JdbcTemplate jdbc,
                            @Value("${nova.gitops.local-repository:data/gitops}") Path repository,
                            @Value("${nova.bootstrap.delivery-mode:GITOPS}") DeliveryMode deliveryMode,
                            @Value("${nova.bootstrap.gitops-url:}") String gitopsUrl,
                            @Value("${nova.bootstrap.gitops-branch:main}") String gitopsBranch) {
        this(clusters, () -> Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM cluster)",
                Boolean.class)), repository, deliveryMode, gitopsUrl, gitopsBranch);
    }

    LocalClusterInitializer(ClusterService clusters, BooleanSupplier anyCluster, Path repository,
                            DeliveryMode deliveryMode, String gitopsUrl, String gitopsBranch) {
        this.clusters = clusters;
        this.anyCluster = anyCluster;
        this.repository = repository;
        this.deliveryMode = deliveryMode;
        this.gitopsUrl = gitopsUrl == null || gitopsUrl.isBlank() ? null : gitopsUrl.trim();
        this.gitopsBranch = gitopsBranch == null || gitopsBranch.isBlank() ? "main" : gitopsBranch.trim();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (anyCluster.getAsBoolean()) {
            return;
        }
        SystemCaller.run("start-up", this::createLocalCluster);
    }

    private void createLocalCluster() {
        if (deliveryMode == DeliveryMode.DIRECT) {
            clusters.create(new ClusterSpec(TenantService.DEFAULT_CLUSTER, DeliveryMode.DIRECT, null, null, null));
            log.info("Created cluster 'local' delivering directly to the cluster the platform runs in");
            return;
        }
        String url = gitopsUrl != null ? gitopsUrl : repository.toAbsolutePath().normalize().toUri().toString();
        clusters.create(new ClusterSpec(TenantService.DEFAULT_CLUSTER, DeliveryMode.GITOPS, null, null,
                new GitOpsTarget(url, gitopsBranch, "clusters/" + TenantService.DEFAULT_CLUSTER)));
        log.info("Created cluster 'local' delivering through GitOps to {} ({})", url, gitopsBranch);
    }
}
