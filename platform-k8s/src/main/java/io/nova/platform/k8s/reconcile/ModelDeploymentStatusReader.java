package io.nova.platform.k8s.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.module.ModulePhase;
import io.nova.platform.core.serving.ModelDeploymentSnapshot;
import io.nova.platform.core.serving.ModelDeploymentStatusReport;
import io.nova.platform.core.serving.ServingEngine;
import io.nova.platform.k8s.direct.ApiRateLimiter;
import io.nova.platform.k8s.direct.ManagedKind;

/**
 * What each model deployment looks like after a delivery. GitOps: RECONCILING once committed. Direct: the
 * RayService's or InferenceService's {@code Ready} condition decides; KServe's {@code status.url} becomes the
 * endpoint, and a RayService that reports {@code serviceStatus: Running} (KubeRay before conditions) is ready too.
 */
final class ModelDeploymentStatusReader {

    private final ApiRateLimiter rateLimiter;

    ModelDeploymentStatusReader(ApiRateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    /** One list per namespace and kind, not one read per deployment. */
    List<ModelDeploymentStatusReport> read(DesiredState state, KubernetesClient client, String revision) {
        var reports = new ArrayList<ModelDeploymentStatusReport>();
        var listed = new java.util.HashMap<String, Map<String, GenericKubernetesResource>>();
        for (ModelDeploymentSnapshot model : state.models()) {
            ServingEngine engine = model.plan().engine();
            String kind = engine.kind();
            if (client == null) {
                reports.add(report(model, ModulePhase.RECONCILING, revision != null
                        ? "Committed as %s; Flux applies the %s".formatted(revision.substring(0,
                        Math.min(12, revision.length())), kind) : "In Git; Flux applies the " + kind, null));
                continue;
            }
            String namespace = java.util.Objects.requireNonNull(state.tenant(model.tenant()), model.tenant())
                    .namespace();
            var objects = listed.computeIfAbsent(kind + "|" + namespace, key -> list(client, kind, namespace));
            reports.add(statusOf(model, kind, objects.get(model.name())));
        }
        return reports;
    }

    private Map<String, GenericKubernetesResource> list(KubernetesClient client, String kind, String namespace) {
        rateLimiter.acquire();
        ManagedKind managed = ManagedKind.DEFAULTS.stream().filter(k -> k.kind().equals(kind)).findFirst()
                .orElseThrow();
        var byName = new java.util.HashMap<String, GenericKubernetesResource>();
        client.genericKubernetesResources(managed.context()).inNamespace(namespace).list().getItems()
                .forEach(object -> byName.put(object.getMetadata().getName(), object));
        return byName;
    }

    @SuppressWarnings("unchecked")
    static ModelDeploymentStatusReport statusOf(ModelDeploymentSnapshot model, String kind,
                                                GenericKubernetesResource object) {
        if (object == null) {
            return report(model, ModulePhase.RECONCILING, kind + " not found yet", null);
        }
        Map<String, Object> status = object.getAdditionalProperties().get("status") instanceof Map<?, ?> map
                ? (Map<String, Object>) map : Map.of();
        String url = status.get("url") instanceof String s ? s : null;
        List<Map<String, Object>> conditions = status.get("conditions") instanceof List<?> list
                ? (List<Map<String, Object>>) list : List.of();
        // KServe's kinds say Ready; a LeaderWorkerSet says Available when every group is up
        var ready = conditions.stream().filter(c -> "Ready".equals(c.get("type"))
                || "LeaderWorkerSet".equals(kind) && "Available".equals(c.get("type"))).findFirst();
        if (ready.isPresent()) {
            String message = ready.get().getOrDefault("reason", "") + ": " + ready.get().getOrDefault("message", "");
            return report(model, "True".equals(ready.get().get("status")) ? ModulePhase.READY
                    : ModulePhase.RECONCILING, message, url);
        }
        if ("Running".equals(status.get("serviceStatus"))) {
            return report(model, ModulePhase.READY, "Ray Serve reports Running", url);
        }
        return report(model, ModulePhase.RECONCILING, "The %s operator has not reported Ready yet".formatted(kind),
                url);
    }

    private static ModelDeploymentStatusReport report(ModelDeploymentSnapshot model, ModulePhase phase,
                                                      String message, String url) {
        return new ModelDeploymentStatusReport(model.tenant(), model.name(), model.generation(), phase, message, url);
    }
}
