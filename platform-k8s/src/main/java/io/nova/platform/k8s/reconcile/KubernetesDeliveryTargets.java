package io.nova.platform.k8s.reconcile;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.nova.platform.core.cluster.ClusterCredentials;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.cluster.DeliveryMode;
import io.nova.platform.core.cluster.GitOpsTarget;
import io.nova.platform.core.reconcile.DeliveryTarget;
import io.nova.platform.core.reconcile.DeliveryTargets;
import io.nova.platform.k8s.direct.ApiRateLimiter;
import io.nova.platform.k8s.gitops.GitOpsRepository;
import io.nova.platform.k8s.gitops.TokenCredentials;
import io.nova.platform.k8s.operator.ClusterOperators;
import io.nova.platform.k8s.render.ClusterRenderer;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * The delivery target of each cluster by its mode: {@link GitOpsDeliveryTarget} or {@link DirectDeliveryTarget}. Holds
 * what the targets share: the Git checkouts (one per repository, branch and folder), the API rate limiter and the
 * in-process operators.
 */
public class KubernetesDeliveryTargets implements DeliveryTargets {

    private final ClusterRenderer renderer;
    private final KubernetesClients clients;
    private final Path gitopsCache;
    /** For remote GitOps repositories over HTTPS; null: none (public repositories, file URLs, SSH via GIT_SSH). */
    private final CredentialsProvider gitCredentials;
    /** Reads a repository's own push token ({@code gitops.pushCredentialsRef}) from Vault; null: no Vault. */
    private final ClusterCredentials vault;
    private final String gitUsername;
    /** Started for a DIRECT cluster after a reconcile on the leading replica; null: none. */
    private final ClusterOperators operators;
    private final ApiRateLimiter rateLimiter = new ApiRateLimiter();
    private final Map<String, GitOpsRepository> repositories = new ConcurrentHashMap<>();

    public KubernetesDeliveryTargets(ClusterRenderer renderer, KubernetesClients clients, Path gitopsCache,
                                     CredentialsProvider gitCredentials, ClusterOperators operators) {
        this(renderer, clients, gitopsCache, gitCredentials, operators, null, "git");
    }

    /**
     * @param vault       reads a repository's own push token from Vault; null when no Vault is configured
     * @param gitUsername the user name sent with a push token
     */
    public KubernetesDeliveryTargets(ClusterRenderer renderer, KubernetesClients clients, Path gitopsCache,
                                     CredentialsProvider gitCredentials, ClusterOperators operators,
                                     ClusterCredentials vault, String gitUsername) {
        this.renderer = renderer;
        this.clients = clients;
        this.gitopsCache = gitopsCache;
        this.gitCredentials = gitCredentials;
        this.operators = operators;
        this.vault = vault;
        this.gitUsername = gitUsername;
    }

    @Override
    public DeliveryTarget of(ClusterView cluster) {
        if (cluster.deliveryMode() == DeliveryMode.GITOPS) {
            return new GitOpsDeliveryTarget(cluster, renderer, repository(cluster), reader(cluster), operators);
        }
        return new DirectDeliveryTarget(cluster, renderer, clients.clientFor(cluster), rateLimiter, operators);
    }

    @Override
    public void forget(String cluster) {
        if (operators != null) {
            operators.stop(cluster);
        }
    }

    /** A GitOps cluster the platform can reach ({@code credentialsRef} or {@code apiServer}) is read for status. */
    private ClusterStatusReader reader(ClusterView cluster) {
        if (cluster.credentialsRef() == null && cluster.apiServer() == null) {
            return null;
        }
        return new ClusterStatusReader(() -> clients.clientFor(cluster), rateLimiter);
    }

    private GitOpsRepository repository(ClusterView cluster) {
        var gitops = cluster.gitops();
        return repositories.computeIfAbsent(gitops.url() + "|" + gitops.branch() + "|" + gitops.path() + "|"
                        + gitops.pushCredentialsRef(),
                key -> new GitOpsRepository(gitops.url(), gitops.branch(), gitops.path(), gitopsCache,
                        pushCredentials(gitops)));
    }

    /** The repository's own token from Vault, read at every fetch and push; else the install-wide one. */
    private CredentialsProvider pushCredentials(GitOpsTarget gitops) {
        if (gitops.pushCredentialsRef() == null) {
            return gitCredentials;
        }
        if (vault == null) {
            throw new IllegalStateException(("gitops.pushCredentialsRef '%s' cannot be read: no Vault is configured "
                    + "(nova.vault.*)").formatted(gitops.pushCredentialsRef()));
        }
        return new TokenCredentials(gitUsername, () -> vault.secret(gitops.pushCredentialsRef()));
    }
}
