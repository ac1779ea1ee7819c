package io.nova.platform.k8s.reconcile;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.module.ModulePhase;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.module.ModuleStatusReport;
import io.nova.platform.k8s.direct.ApiRateLimiter;

/**
 * What each module install looks like after a delivery: the HelmRelease's Ready condition decides, read from the
 * cluster — always for DIRECT clusters, and for GitOps clusters the platform can reach (Flux's status). A GitOps
 * cluster it cannot see leaves a delivered install RECONCILING with the commit.
 */
final class ModuleStatusReader {

    private static final ResourceDefinitionContext HELM_RELEASES = new ResourceDefinitionContext.Builder()
            .withGroup("helm.toolkit.fluxcd.io").withVersion("v2").withKind("HelmRelease").withPlural("helmreleases")
            .withNamespaced(true).build();

    private final ApiRateLimiter rateLimiter;

    ModuleStatusReader(ApiRateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    /** {@code client} is null for a GitOps cluster out of reach; {@code revision} is the commit just made, if any. */
    List<ModuleStatusReport> read(DesiredState state, KubernetesClient client, String revision) {
        var reports = new ArrayList<ModuleStatusReport>();
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
            } else {
                rateLimiter.acquire();
                var release = client.genericKubernetesResources(HELM_RELEASES)
                        .inNamespace(namespaceOf(state, module)).withName(key).get();
                HelmReleaseStatus status = HelmReleaseStatus.of(release);
                reports.add(new ModuleStatusReport(module.tenant(), key, module.generation(), status.phase(),
                        status.message()));
            }
        }
        return reports;
    }

    private static String namespaceOf(DesiredState state, ModuleSnapshot module) {
        if (module.tenant() == null) {
            return "flux-system";
        }
        return state.tenants().stream().filter(t -> t.slug().equals(module.tenant())).findFirst().orElseThrow()
                .namespace();
    }

    private static String abbreviate(String revision) {
        return revision.length() > 12 ? revision.substring(0, 12) : revision;
    }
}
