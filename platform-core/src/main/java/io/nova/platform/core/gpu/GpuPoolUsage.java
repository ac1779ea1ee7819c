package io.nova.platform.core.gpu;

import java.util.Map;

/**
 * A pool and how much of its capacity tenants hold as guarantees.
 *
 * @param guaranteed per resource name, the sum of the tenants' guaranteed amounts
 */
public record GpuPoolUsage(GpuPoolView pool, Map<String, Long> guaranteed) {

    public GpuPoolUsage {
        guaranteed = Map.copyOf(guaranteed);
    }

    /** Guaranteed share of the pool's capacity over all its resources, 0 to 1. */
    public double guaranteedShare() {
        long capacity = pool.capacity().values().stream().mapToLong(Long::longValue).sum();
        long held = guaranteed.values().stream().mapToLong(Long::longValue).sum();
        return capacity == 0 ? 0 : Math.min(1.0, (double) held / capacity);
    }
}
