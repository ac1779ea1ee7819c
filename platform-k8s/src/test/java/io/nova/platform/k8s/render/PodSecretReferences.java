package io.nova.platform.k8s.render;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Secrets that the pods of a rendered manifest read (environment {@code secretKeyRef}, {@code envFrom}, secret and
 * projected volumes), and the Secrets that exist for them: those the chart renders (as Secrets, or as cert-manager
 * Certificates), and those the platform's ExternalSecrets create.
 */
final class PodSecretReferences {

    /** One Secret (and key, when the pod names one) that a workload reads; optional ones may be missing. */
    record Reference(String workload, String secret, String key, boolean optional) {

        @Override
        public String toString() {
            return "%s reads Secret %s%s".formatted(workload, secret, key == null ? "" : " key " + key);
        }
    }

    /** Secret name → its keys; a null key set means any key (an ExternalSecret with {@code dataFrom}). */
    private final Map<String, Set<String>> available = new TreeMap<>();

    private PodSecretReferences() {
    }

    /** The Secrets the chart's own manifest holds, with their keys. */
    static PodSecretReferences renderedBy(Collection<Map<String, Object>> chartObjects) {
        var secrets = new PodSecretReferences();
        for (Map<String, Object> object : chartObjects) {
            if ("Certificate".equals(object.get("kind"))
                    && String.valueOf(object.get("apiVersion")).startsWith("cert-manager.io/")
                    && TenantChartsRenderTest.nested(object, "spec", "secretName") instanceof String secret) {
                // cert-manager writes the certificate into this Secret
                secrets.available.merge(secret, new TreeSet<>(Set.of("tls.crt", "tls.key", "ca.crt")),
                        PodSecretReferences::union);
            }
            if ("Secret".equals(object.get("kind"))) {
                var keys = new TreeSet<String>();
                for (String field : List.of("data", "stringData")) {
                    if (object.get(field) instanceof Map<?, ?> data) {
                        data.keySet().forEach(key -> keys.add(String.valueOf(key)));
                    }
                }
                secrets.available.merge(TenantChartsRenderTest.name(object), keys, PodSecretReferences::union);
            }
        }
        return secrets;
    }

    /** Adds the Secrets that the platform's ExternalSecrets (as rendered objects) create. */
    @SuppressWarnings("unchecked")
    PodSecretReferences andDeliveredBy(Collection<Map<String, Object>> platformObjects) {
        for (Map<String, Object> object : platformObjects) {
            if (!"ExternalSecret".equals(object.get("kind"))) {
                continue;
            }
            Map<String, Object> spec = (Map<String, Object>) object.get("spec");
            String target = String.valueOf(((Map<String, Object>) spec.get("target")).get("name"));
            Set<String> keys = spec.containsKey("dataFrom") ? null : new TreeSet<>();
            for (Map<String, Object> entry : (List<Map<String, Object>>) spec.getOrDefault("data", List.of())) {
                if (keys != null) {
                    keys.add(String.valueOf(entry.get("secretKey")));
                }
            }
            available.merge(target, keys == null ? new TreeSet<>(Set.of("*")) : keys, PodSecretReferences::union);
        }
        return this;
    }

    /** The references that no available Secret (or key) satisfies. */
    List<Reference> unsatisfied(List<Reference> references) {
        return references.stream().filter(ref -> !ref.optional()).filter(ref -> {
            Set<String> keys = available.get(ref.secret());
            return keys == null || ref.key() != null && !keys.contains(ref.key()) && !keys.contains("*");
        }).toList();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var union = new TreeSet<>(a);
        union.addAll(b);
        return union;
    }

    /** Every Secret reference of every pod template in the manifest. */
    @SuppressWarnings("unchecked")
    static List<Reference> of(Collection<Map<String, Object>> objects) {
        var references = new ArrayList<Reference>();
        for (Map<String, Object> object : objects) {
            Object template = switch (String.valueOf(object.get("kind"))) {
                case "Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet" ->
                        TenantChartsRenderTest.nested(object, "spec", "template", "spec");
                case "CronJob" -> TenantChartsRenderTest.nested(object, "spec", "jobTemplate", "spec", "template",
                        "spec");
                case "Pod" -> object.get("spec");
                default -> null;
            };
            if (template instanceof Map<?, ?> pod) {
                String workload = object.get("kind") + " " + TenantChartsRenderTest.name(object);
                references.addAll(ofPod(workload, (Map<String, Object>) pod));
            }
        }
        return references;
    }

    @SuppressWarnings("unchecked")
    private static List<Reference> ofPod(String workload, Map<String, Object> pod) {
        var references = new ArrayList<Reference>();
        for (String field : List.of("containers", "initContainers")) {
            for (Map<String, Object> container : list(pod, field)) {
                for (Map<String, Object> env : list(container, "env")) {
                    if (TenantChartsRenderTest.nested(env, "valueFrom", "secretKeyRef") instanceof Map<?, ?> ref) {
                        references.add(new Reference(workload, String.valueOf(ref.get("name")),
                                String.valueOf(ref.get("key")), Boolean.TRUE.equals(ref.get("optional"))));
                    }
                }
                for (Map<String, Object> from : list(container, "envFrom")) {
                    if (from.get("secretRef") instanceof Map<?, ?> ref) {
                        references.add(new Reference(workload, String.valueOf(ref.get("name")), null,
                                Boolean.TRUE.equals(ref.get("optional"))));
                    }
                }
            }
        }
        for (Map<String, Object> volume : list(pod, "volumes")) {
            if (volume.get("secret") instanceof Map<?, ?> secret) {
                references.addAll(volumeReferences(workload, String.valueOf(secret.get("secretName")),
                        (Map<String, Object>) secret));
            }
            if (TenantChartsRenderTest.nested(volume, "projected", "sources") instanceof List<?> sources) {
                for (Object source : sources) {
                    if (source instanceof Map<?, ?> map && map.get("secret") instanceof Map<?, ?> secret) {
                        references.addAll(volumeReferences(workload, String.valueOf(secret.get("name")),
                                (Map<String, Object>) secret));
                    }
                }
            }
        }
        return references;
    }

    @SuppressWarnings("unchecked")
    private static List<Reference> volumeReferences(String workload, String secret, Map<String, Object> volume) {
        boolean optional = Boolean.TRUE.equals(volume.get("optional"));
        var items = list(volume, "items");
        if (items.isEmpty()) {
            return List.of(new Reference(workload, secret, null, optional));
        }
        return items.stream().map(item -> new Reference(workload, secret, String.valueOf(item.get("key")), optional))
                .toList();
    }

    /** The list under {@code key}; none when it is missing or null (as a chart may render {@code env:} empty). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        return map.get(key) instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
