package io.nova.platform.k8s.gitops;

import static io.nova.platform.k8s.gitops.GitCli.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.nova.platform.core.cluster.ClusterSync;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.cluster.DeliveryMode;
import io.nova.platform.core.cluster.GitOpsTarget;
import io.nova.platform.core.cluster.SyncState;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.reconcile.ChangeNote;
import io.nova.platform.core.reconcile.DeliveryScope;
import io.nova.platform.k8s.reconcile.KubernetesDeliveryTargets;
import io.nova.platform.k8s.render.ClusterRenderer;
import io.nova.platform.k8s.render.RenderSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster whose repository has its own push token in Vault: the platform pushes with it, reading it again at every
 * push. The remote is a real smart-HTTP Git server ({@code git http-backend}, {@link GitHttpServer}) that accepts one
 * user and token; Vault is stood in for by its port ({@code ClusterCredentials}), whose Vault implementation is
 * tested against the Vault API double in platform-vault.
 */
class RepositoryPushCredentialsTest {

    @TempDir
    Path temp;

    private GitHttpServer server;
    private Path bare;

    @BeforeEach
    void setUp() {
        bare = GitHttpServer.bareRepository(temp.resolve("repos"), "fleet.git");
        server = new GitHttpServer(temp.resolve("repos"), "nova-bot", "vault-token-1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void the_platform_pushes_with_the_repositorys_own_token_from_vault_and_reads_it_at_every_push() {
        var token = new AtomicReference<>("vault-token-1");
        var asked = new java.util.ArrayList<String>();
        var targets = new KubernetesDeliveryTargets(new ClusterRenderer(RenderSettings.defaults()), null,
                temp.resolve("cache"), null, null, reference -> {
                    asked.add(reference);
                    return token.get();
                }, "nova-bot");
        var cluster = cluster("nova/clusters/prod/git-push#token");

        var delivery = targets.of(cluster).deliver(state(cluster), scope(), true, ChangeNote.of("Sync prod"));

        assertThat(git(temp, "--git-dir=" + bare, "rev-parse", "main")).isEqualTo(delivery.revision());
        assertThat(asked).contains("nova/clusters/prod/git-push#token");
        server.close();
        server = new GitHttpServer(temp.resolve("repos"), "nova-bot", "vault-token-2");
        token.set("vault-token-2");
        var cluster2 = cluster("nova/clusters/prod/git-push#token");
        var rotated = targets.of(cluster2).deliver(state(cluster2, "lab2"), scope(), true, ChangeNote.of("Rotated"));
        assertThat(git(temp, "--git-dir=" + bare, "rev-parse", "main")).isEqualTo(rotated.revision());
    }

    @Test
    void without_vault_a_push_token_reference_cannot_be_read_and_says_so() {
        var targets = new KubernetesDeliveryTargets(new ClusterRenderer(RenderSettings.defaults()), null,
                temp.resolve("cache"), null, null, null, "git");
        var cluster = cluster("nova/clusters/prod/git-push#token");

        assertThatThrownBy(() -> targets.of(cluster).deliver(state(cluster), scope(), true, ChangeNote.of("x")))
                .hasMessageContaining("nova/clusters/prod/git-push#token").hasMessageContaining("no Vault");
    }

    private ClusterView cluster(String pushRef) {
        return new ClusterView("prod", DeliveryMode.GITOPS, null, null,
                new GitOpsTarget(server.url("fleet.git"), "main", "clusters/prod", null, pushRef),
                new ClusterSync(SyncState.PENDING, null, null, null, null), 0, Instant.EPOCH, Instant.EPOCH);
    }

    private static DesiredState state(ClusterView cluster) {
        return new DesiredState(cluster, List.of(), List.of(), List.of(), List.of());
    }

    /** The same cluster with another MLInfrastructure name in its spec: something to commit again. */
    private static DesiredState state(ClusterView cluster, String rename) {
        var renamed = new ClusterView(rename, cluster.deliveryMode(), null, null, cluster.gitops(), cluster.sync(), 0,
                Instant.EPOCH, Instant.EPOCH);
        return new DesiredState(renamed, List.of(), List.of(), List.of(), List.of());
    }

    private static DeliveryScope scope() {
        return new DeliveryScope(true, Set.of(), Set.of(), Set.of(), Set.of());
    }
}
