package io.nova.platform.k8s.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.module.ModulePhase;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.module.ModuleStatusReport;
import io.nova.platform.k8s.direct.ApiRateLimiter;
import io.nova.platform.k8s.flux.HelmReleaseState;

/**
 * What each module install looks like after a delivery: the HelmRelease's Ready condition decides, read from the
 * cluster — always for DIRECT clusters, and for GitOps clusters the platform can reach (Flux's status). A GitOps
 * cluster it cannot see leaves a delivered install RECONCILING with the commit.
 *
 * <p>A tenant module without a chart (KubeRay, KServe: it uses a cluster component) has no release of its own: its
 * phase is that of its cluster components' HelmReleases, READY when all of them are Ready, else the phase and message
 * of the first one that is not.
 */
final class ModuleStatusReader {

    private static final ResourceDefinitionContext HELM_RELEASES = new ResourceDefinitionContext.Builder()
            .withGroup("helm.toolkit.fluxcd.io").withVersion("v2").withKind("HelmRelease").withPlural("helmreleases")
            .withNamespaced(true).build();

    private static final String FLUX_NAMESPACE = "flux-system";

    private final ApiRateLimiter rateLimiter;

    ModuleStatusReader(ApiRateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    /**
     * {@code client} is null for a GitOps cluster out of reach; {@code revision} is the commit just made, if any. The
     * HelmReleases are listed once per namespace, not read one by one.
     */
    List<ModuleStatusReport> read(DesiredState state, KubernetesClient client, String revision) {
        var reports = new ArrayList<ModuleStatusReport>();
        var releasesByNamespace = new java.util.HashMap<String, Map<String, GenericKubernetesResource>>();
        for (ModuleSnapshot module : state.modules()) {
            String key = module.module().key();
            if (!module.enabled()) {
                reports.add(new ModuleStatusReport(module.tenant(), key, module.generation(), ModulePhase.READY,
                        "Switched off; its release is removed"));
            } else if (client == null) {
                reports.add(new ModuleStatusReport(module.tenant(), key, module.generation(),
                        ModulePhase.RECONCILING, revision != null
                        ? "Committed as %s; Flux installs it".formatted(abbreviate(revision))
                        : "In Git; Flux installs it"));
            } else if (!module.module().hasChart()) {
                var releases = releasesByNamespace.computeIfAbsent(FLUX_NAMESPACE,
                        namespace -> releasesIn(client, namespace));
                HelmReleaseState status = componentsStatus(module, releases);
                reports.add(new ModuleStatusReport(module.tenant(), key, module.generation(), status.phase(),
                        status.message()));
            } else {
                var releases = releasesByNamespace.computeIfAbsent(namespaceOf(state, module),
                        namespace -> releasesIn(client, namespace));
                HelmReleaseState status = HelmReleaseState.of(releases.get(key), module.version());
                reports.add(new ModuleStatusReport(module.tenant(), key, module.generation(), status.phase(),
                        status.message()));
            }
        }
        return reports;
    }

    private static HelmReleaseState componentsStatus(ModuleSnapshot module,
                                                     Map<String, GenericKubernetesResource> clusterReleases) {
        for (String component : module.module().components()) {
            HelmReleaseState status = HelmReleaseState.of(clusterReleases.get(component), null);
            if (status.phase() != ModulePhase.READY) {
                return new HelmReleaseState(status.phase(),
                        "Cluster component %s: %s".formatted(component, status.message()), module.version());
            }
        }
        return new HelmReleaseState(ModulePhase.READY,
                "Uses the cluster's " + String.join(", ", module.module().components()), module.version());
    }

    private Map<String, GenericKubernetesResource> releasesIn(KubernetesClient client, String namespace) {
        rateLimiter.acquire();
        var byName = new java.util.HashMap<String, GenericKubernetesResource>();
        client.genericKubernetesResources(HELM_RELEASES).inNamespace(namespace).list().getItems()
                .forEach(release -> byName.put(release.getMetadata().getName(), release));
        return byName;
    }

    private static String namespaceOf(DesiredState state, ModuleSnapshot module) {
        if (module.tenant() == null) {
            return FLUX_NAMESPACE;
        }
        return java.util.Objects.requireNonNull(state.tenant(module.tenant()), module.tenant()).namespace();
    }

    private static String abbreviate(String revision) {
        return revision.length() > 12 ? revision.substring(0, 12) : revision;
    }
}
