package io.nova.platform.k8s.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.nova.platform.core.cluster.GitOpsTarget;
import io.nova.platform.core.cluster.GitReadAccess;

/**
 * For a GitOps cluster, the GitRepository and Kustomization that point Flux at the cluster's folder, and the
 * identity the Kustomization applies it as. A repository the platform keeps on its own disk ({@code file://}) is read
 * through the platform's Git smart HTTP endpoint with the cluster's read token. Committed with everything else, so after a one-time
 * {@code kubectl apply} of these files Flux keeps itself in sync.
 *
 * <p>The identity is the ServiceAccount {@value #SERVICE_ACCOUNT} in Flux's namespace, bound to {@code cluster-admin}
 * (the cluster folder holds Namespaces, ClusterRoles and cluster modules with CRDs). Naming it explicitly keeps the
 * bootstrap working when kustomize-controller and helm-controller run with {@code --default-service-account}, which
 * makes every Kustomization and HelmRelease without a {@code serviceAccountName} reconcile with almost no rights: the
 * multi-tenancy setting that keeps tenants' releases from borrowing the controllers' own rights. Cluster modules'
 * HelmReleases in Flux's namespace name the same account; DIRECT clusters, where Flux installs those modules too,
 * get the account without the GitRepository and Kustomization.
 */
public final class FluxBootstrapRenderer {

    static final String NAME = "nova-platform";
    /** The ServiceAccount in Flux's namespace that the bootstrap Kustomization and cluster modules' releases use. */
    public static final String SERVICE_ACCOUNT = "nova-gitops";
    /**
     * The Secret in Flux's namespace the GitRepository reads the repository with: for a repository the platform serves,
     * the cluster's read token, made by hand at bootstrap (the token is shown once and never committed); for a private
     * repository whose credentials are in Vault, delivered by the namespace's secret store.
     */
    public static final String GIT_READ_SECRET = "nova-gitops-auth";

    /** Where the platform serves the repository it keeps for {@code cluster}. */
    public static String servedUrl(RenderSettings settings, String cluster) {
        return settings.gitServeUrl() + "/git/" + cluster;
    }

    private final RenderSettings settings;

    FluxBootstrapRenderer(RenderSettings settings) {
        this.settings = settings;
    }

    List<HasMetadata> render(String cluster, GitOpsTarget gitops) {
        var labels = Labels.owned(cluster);
        var source = new LinkedHashMap<String, Object>();
        source.put("interval", "1m");
        if (GitReadAccess.servedLocally(gitops)) {
            // Flux reads only http(s) and ssh: the platform serves the repository it keeps, with the cluster's token
            source.put("url", servedUrl(settings, cluster));
            source.put("secretRef", Map.of("name", GIT_READ_SECRET));
        } else {
            source.put("url", gitops.url());
            if (gitops.credentialsRef() != null) {
                // delivered from Vault by Flux's namespace's secret store (ToolSecretsRenderer), or made by hand
                source.put("secretRef", Map.of("name", GIT_READ_SECRET));
            }
        }
        source.put("ref", Map.of("branch", gitops.branch()));
        var repository = GenericObjects.of(GenericObjects.FLUX_SOURCE, "GitRepository", settings.fluxNamespace(), NAME,
                labels, source);
        var kustomization = GenericObjects.of(GenericObjects.KUSTOMIZE, "Kustomization", settings.fluxNamespace(),
                NAME, labels, Map.of("interval", "5m", "path", "./" + gitops.path(), "prune", true,
                        "serviceAccountName", SERVICE_ACCOUNT,
                        "sourceRef", Map.of("kind", "GitRepository", "name", NAME)));
        var objects = new ArrayList<HasMetadata>(List.of(repository, kustomization));
        objects.addAll(reconcilerIdentity(cluster));
        return objects;
    }

    /** The ServiceAccount {@value #SERVICE_ACCOUNT} and its binding to {@code cluster-admin}. */
    List<HasMetadata> reconcilerIdentity(String cluster) {
        var labels = Labels.owned(cluster);
        var account = new ServiceAccountBuilder()
                .withNewMetadata().withName(SERVICE_ACCOUNT).withNamespace(settings.fluxNamespace())
                .withLabels(labels).endMetadata()
                .build();
        var binding = new ClusterRoleBindingBuilder()
                .withNewMetadata().withName(SERVICE_ACCOUNT).withLabels(labels).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                .withName("cluster-admin").endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(SERVICE_ACCOUNT)
                .withNamespace(settings.fluxNamespace()).endSubject()
                .build();
        return List.of(account, binding);
    }
}
