package io.nova.platform.k8s.reconcile;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.nova.platform.core.module.ModulePhase;

/** Turns a Flux HelmRelease's {@code Ready} condition into a module phase and message. */
record HelmReleaseStatus(ModulePhase phase, String message) {

    @SuppressWarnings("unchecked")
    static HelmReleaseStatus of(GenericKubernetesResource release) {
        if (release == null) {
            return new HelmReleaseStatus(ModulePhase.RECONCILING, "HelmRelease not found yet");
        }
        Object status = release.getAdditionalProperties().get("status");
        List<Map<String, Object>> conditions = status instanceof Map<?, ?> map
                && map.get("conditions") instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
        return conditions.stream().filter(c -> "Ready".equals(c.get("type"))).findFirst()
                .map(ready -> {
                    String message = ready.get("reason") + ": " + ready.getOrDefault("message", "");
                    return switch (String.valueOf(ready.get("status"))) {
                        case "True" -> new HelmReleaseStatus(ModulePhase.READY, message);
                        case "False" -> new HelmReleaseStatus(isRetrying(ready) ? ModulePhase.RECONCILING
                                : ModulePhase.FAILED, message);
                        default -> new HelmReleaseStatus(ModulePhase.RECONCILING, message);
                    };
                })
                .orElse(new HelmReleaseStatus(ModulePhase.RECONCILING, "Flux has not reported on the release yet"));
    }

    private static boolean isRetrying(Map<String, Object> ready) {
        return "Progressing".equals(ready.get("reason")) || "DependencyNotReady".equals(ready.get("reason"));
    }
}
