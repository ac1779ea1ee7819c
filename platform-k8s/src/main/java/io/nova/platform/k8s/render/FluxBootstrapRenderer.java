package io.nova.platform.k8s.render;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nova.platform.core.cluster.GitOpsTarget;

/**
 * For a GitOps cluster, the GitRepository and Kustomization that point Flux at the cluster's folder. Committed with
 * everything else, so after a one-time {@code kubectl apply} of this file Flux keeps itself in sync.
 */
final class FluxBootstrapRenderer {

    static final String NAME = "nova-platform";

    private final RenderSettings settings;

    FluxBootstrapRenderer(RenderSettings settings) {
        this.settings = settings;
    }

    List<HasMetadata> render(String cluster, GitOpsTarget gitops) {
        var labels = Labels.owned(cluster);
        var repository = GenericObjects.of(GenericObjects.FLUX_SOURCE, "GitRepository", settings.fluxNamespace(), NAME,
                labels, Map.of("interval", "1m", "url", gitops.url(), "ref", Map.of("branch", gitops.branch())));
        var kustomization = GenericObjects.of(GenericObjects.KUSTOMIZE, "Kustomization", settings.fluxNamespace(),
                NAME, labels, Map.of("interval", "5m", "path", "./" + gitops.path(), "prune", true,
                        "sourceRef", Map.of("kind", "GitRepository", "name", NAME)));
        return List.of(repository, kustomization);
    }
}
