package io.nova.platform.core.gpu;

import java.util.Map;

/**
 * How a pool shares its GPUs. Fields that do not belong to {@link #mode()} are null.
 *
 * @param replicas                   TIME_SLICING: how many pods share one GPU (2..64)
 * @param renameByDefault            TIME_SLICING: advertise {@code nvidia.com/gpu.shared} instead of {@code nvidia.com/gpu}
 * @param failRequestsGreaterThanOne TIME_SLICING: reject pods that ask for more than one shared GPU
 * @param migStrategy                MIG: single or mixed
 * @param migLayout                  MIG: a named layout of the pool's GPU model (e.g. {@code all-1g.10gb}), or null
 *                                   when {@code migDevices} gives a custom layout
 * @param migDevices                 MIG: profile to instance count per GPU; for a named layout, the layout's devices
 */
public record GpuSharing(SharingMode mode, Integer replicas, Boolean renameByDefault,
                         Boolean failRequestsGreaterThanOne, MigStrategy migStrategy, String migLayout,
                         Map<String, Integer> migDevices) {

    public static GpuSharing exclusive() {
        return new GpuSharing(SharingMode.EXCLUSIVE, null, null, null, null, null, null);
    }

    public static GpuSharing timeSlicing(int replicas, boolean renameByDefault, boolean failRequestsGreaterThanOne) {
        return new GpuSharing(SharingMode.TIME_SLICING, replicas, renameByDefault, failRequestsGreaterThanOne,
                null, null, null);
    }

    public static GpuSharing migLayout(MigStrategy strategy, String layout) {
        return new GpuSharing(SharingMode.MIG, null, null, null, strategy, layout, null);
    }

    public static GpuSharing migDevices(MigStrategy strategy, Map<String, Integer> devices) {
        return new GpuSharing(SharingMode.MIG, null, null, null, strategy, null, devices);
    }
}
