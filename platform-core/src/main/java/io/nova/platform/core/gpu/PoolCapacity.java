package io.nova.platform.core.gpu;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** The extended resources a pool's nodes advertise in total, as the NVIDIA device plugin names them. */
public final class PoolCapacity {

    static final String GPU = "nvidia.com/gpu";
    static final String SHARED_GPU = "nvidia.com/gpu.shared";

    private PoolCapacity() {
    }

    /**
     * Resource name to count over all GPUs of the pool.
     *
     * @param normalizedSharing a sharing from {@link GpuSharingRules#normalized}
     * @param totalGpus         the GPUs of the pool (nodes × GPUs per node)
     */
    public static SortedMap<String, Long> of(GpuModel gpu, GpuSharing normalizedSharing, int totalGpus) {
        Objects.requireNonNull(gpu, "gpu");
        Objects.requireNonNull(normalizedSharing, "normalizedSharing");
        Objects.requireNonNull(normalizedSharing.mode(), "normalizedSharing.mode");
        if (totalGpus < 0) {
            throw new IllegalArgumentException("totalGpus must not be negative: " + totalGpus);
        }
        var capacity = new TreeMap<String, Long>();
        switch (normalizedSharing.mode()) {
            case EXCLUSIVE -> capacity.put(GPU, (long) totalGpus);
            case TIME_SLICING -> capacity.put(
                    Boolean.TRUE.equals(normalizedSharing.renameByDefault()) ? SHARED_GPU : GPU,
                    (long) totalGpus * normalizedSharing.replicas());
            case MIG -> {
                Map<String, Integer> devices = devicesOf(gpu, normalizedSharing);
                if (normalizedSharing.migStrategy() == MigStrategy.single) {
                    long perGpu = devices.values().stream().mapToLong(Integer::longValue).sum();
                    capacity.put(GPU, totalGpus * perGpu);
                } else {
                    devices.forEach((profile, count) -> capacity.merge(resourceName(gpu, profile),
                            (long) totalGpus * count, Long::sum));
                }
            }
        }
        return Collections.unmodifiableSortedMap(capacity);
    }

    private static Map<String, Integer> devicesOf(GpuModel gpu, GpuSharing sharing) {
        if (sharing.migDevices() != null) {
            return sharing.migDevices();
        }
        return gpu.migLayout(sharing.migLayout())
                .map(MigLayout::devices)
                .orElseThrow(() -> new IllegalArgumentException(
                        gpu.id() + " has no MIG layout " + sharing.migLayout()));
    }

    private static String resourceName(GpuModel gpu, String profile) {
        return gpu.migProfile(profile)
                .map(MigProfile::resourceName)
                .orElseThrow(() -> new IllegalArgumentException(gpu.id() + " has no MIG profile " + profile));
    }
}
