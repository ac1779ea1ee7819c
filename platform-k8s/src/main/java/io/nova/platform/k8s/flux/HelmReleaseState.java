package io.nova.platform.k8s.flux;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.nova.platform.core.module.ModulePhase;

/**
 * A module's phase, message and version read from its Flux HelmRelease: the {@code Ready} condition decides
 * (True → READY; False while Flux retries or waits for a dependency → RECONCILING; other False → FAILED), unless
 * Flux has not yet looked at the release's current generation, which is RECONCILING. The version is the chart
 * version of the latest Helm release Flux recorded, else the one asked for. The one reading of a HelmRelease, for the
 * platform's status read-back and for the operators (in the platform and in the agent) alike.
 */
public record HelmReleaseState(ModulePhase phase, String message, String version) {

    @SuppressWarnings("unchecked")
    public static HelmReleaseState of(GenericKubernetesResource release, String wantedVersion) {
        if (release == null) {
            return new HelmReleaseState(ModulePhase.RECONCILING, "Waiting for its HelmRelease to be created",
                    wantedVersion);
        }
        String name = release.getMetadata().getName();
        if (release.getMetadata().getDeletionTimestamp() != null) {
            return new HelmReleaseState(ModulePhase.RECONCILING, "HelmRelease " + name + " is being deleted",
                    wantedVersion);
        }
        Map<String, Object> status = release.getAdditionalProperties().get("status") instanceof Map<?, ?> map
                ? (Map<String, Object>) map : Map.of();
        String version = installedVersion(status, wantedVersion);
        List<Map<String, Object>> conditions = status.get("conditions") instanceof List<?> list
                ? (List<Map<String, Object>>) list : List.of();
        Map<String, Object> ready = conditions.stream().filter(c -> "Ready".equals(c.get("type"))).findFirst()
                .orElse(null);
        if (ready == null) {
            return new HelmReleaseState(ModulePhase.RECONCILING, "Flux has not reported on HelmRelease " + name
                    + " yet", version);
        }
        Long generation = release.getMetadata().getGeneration();
        Long observed = number(ready.get("observedGeneration"));
        if (observed == null) {
            observed = number(status.get("observedGeneration"));
        }
        if (generation != null && observed != null && observed < generation) {
            return new HelmReleaseState(ModulePhase.RECONCILING, "Flux has not yet acted on generation "
                    + generation + " of HelmRelease " + name, version);
        }
        String reason = ready.get("reason") == null ? "" : String.valueOf(ready.get("reason"));
        String text = ready.get("message") == null ? "" : String.valueOf(ready.get("message"));
        String message = reason.isEmpty() ? text : text.isEmpty() ? reason : reason + ": " + text;
        return switch (String.valueOf(ready.get("status"))) {
            case "True" -> new HelmReleaseState(ModulePhase.READY, message, version);
            case "False" -> new HelmReleaseState("Progressing".equals(reason) || "DependencyNotReady".equals(reason)
                    ? ModulePhase.RECONCILING : ModulePhase.FAILED, message, version);
            default -> new HelmReleaseState(ModulePhase.RECONCILING, message, version);
        };
    }

    @SuppressWarnings("unchecked")
    private static String installedVersion(Map<String, Object> status, String wantedVersion) {
        if (status.get("history") instanceof List<?> history && !history.isEmpty()
                && history.getFirst() instanceof Map<?, ?> latest
                && ((Map<String, Object>) latest).get("chartVersion") instanceof String chartVersion) {
            return chartVersion;
        }
        return wantedVersion;
    }

    private static Long number(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
