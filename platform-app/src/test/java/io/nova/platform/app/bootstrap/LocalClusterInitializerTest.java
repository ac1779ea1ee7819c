package io.nova.platform.app.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

import java.nio.file.Path;

import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.cluster.ClusterSpec;
import io.nova.platform.core.cluster.DeliveryMode;
import io.nova.platform.core.cluster.GitOpsTarget;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.MockMakers;

/** How the cluster {@code local} of a fresh install is delivered (nova.bootstrap.*, set by the Helm chart). */
class LocalClusterInitializerTest {

    /** The subclass mock maker needs no self-attached agent (the inline one fails to attach in some JVM runs). */
    private final ClusterService clusters = mock(ClusterService.class, withSettings().mockMaker(MockMakers.SUBCLASS));

    @Test
    void with_nothing_configured_local_is_committed_to_the_local_repository() {
        ClusterSpec spec = created(DeliveryMode.GITOPS, "", "main");

        assertThat(spec.deliveryMode()).isEqualTo(DeliveryMode.GITOPS);
        assertThat(spec.gitops()).isEqualTo(new GitOpsTarget(Path.of("data/gitops").toAbsolutePath().toUri()
                .toString(), "main", "clusters/local"));
    }

    @Test
    void direct_mode_delivers_local_to_the_cluster_the_platform_runs_in() {
        ClusterSpec spec = created(DeliveryMode.DIRECT, "", "main");

        assertThat(spec.deliveryMode()).isEqualTo(DeliveryMode.DIRECT);
        assertThat(spec.gitops()).isNull();
        assertThat(spec.apiServer()).isNull();
    }

    @Test
    void a_gitops_url_makes_local_commit_to_that_repository_and_branch() {
        ClusterSpec spec = created(DeliveryMode.GITOPS, "https://git.example.com/fleet.git", "prod");

        assertThat(spec.gitops()).isEqualTo(new GitOpsTarget("https://git.example.com/fleet.git", "prod",
                "clusters/local"));
    }

    @Test
    void nothing_is_created_when_a_cluster_exists() {
        initializer(true, DeliveryMode.DIRECT, "", "main").run(null);

        verify(clusters, never()).create(any());
    }

    private ClusterSpec created(DeliveryMode mode, String url, String branch) {
        initializer(false, mode, url, branch).run(null);
        var spec = ArgumentCaptor.forClass(ClusterSpec.class);
        verify(clusters).create(spec.capture());
        assertThat(spec.getValue().name()).isEqualTo("local");
        return spec.getValue();
    }

    private LocalClusterInitializer initializer(boolean anyCluster, DeliveryMode mode, String url, String branch) {
        return new LocalClusterInitializer(clusters, () -> anyCluster, Path.of("data/gitops"), mode, url, branch);
    }
}
