package io.nova.platform.k8s.render;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.nova.platform.core.gpu.PoolSnapshot;

/**
 * Keeps GPU workloads on their pool and everybody else off it. Every pool's nodes carry the taint
 * {@value #TAINT}{@code =<pool>:NoSchedule} (the MLInfrastructure operator keeps it there); the platform gives the
 * workloads it renders for a pool the matching toleration and a required node affinity on the pool's node selector,
 * so they can land on that pool's nodes and on no other pool's.
 */
public final class PoolPlacement {

    /** The taint key on a pool's nodes; its value is the pool's name. */
    public static final String TAINT = "ml.nova.io/pool";
    public static final String EFFECT = "NoSchedule";

    private PoolPlacement() {
    }

    /** The toleration of the pool's taint, and of nothing else. */
    public static List<Map<String, Object>> tolerations(PoolSnapshot pool) {
        return List.of(new TreeMap<>(Map.of("key", TAINT, "operator", "Equal", "value", pool.name(),
                "effect", EFFECT)));
    }

    /** A required node affinity to the pool's node selector; none for a pool without one (it has no nodes). */
    public static Map<String, Object> affinity(PoolSnapshot pool) {
        if (pool.nodeSelector() == null || pool.nodeSelector().isEmpty()) {
            return Map.of();
        }
        List<Map<String, Object>> expressions = new TreeMap<>(pool.nodeSelector()).entrySet().stream()
                .<Map<String, Object>>map(e -> Map.of("key", e.getKey(), "operator", "In",
                        "values", List.of(e.getValue())))
                .toList();
        return Map.of("nodeAffinity", Map.of("requiredDuringSchedulingIgnoredDuringExecution",
                Map.of("nodeSelectorTerms", List.of(Map.of("matchExpressions", expressions)))));
    }

    /** Puts node selector, affinity and toleration of the pool into a pod spec (or KServe's inline pod spec). */
    static void place(Map<String, Object> podSpec, PoolSnapshot pool) {
        if (pool.nodeSelector() != null && !pool.nodeSelector().isEmpty()) {
            podSpec.put("nodeSelector", new TreeMap<>(pool.nodeSelector()));
            podSpec.put("affinity", affinity(pool));
        }
        podSpec.put("tolerations", tolerations(pool));
    }
}
