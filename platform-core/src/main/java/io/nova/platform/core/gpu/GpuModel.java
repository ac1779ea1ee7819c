package io.nova.platform.core.gpu;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A GPU model the platform offers.
 *
 * @param id                the platform's id, e.g. {@code A100-40GB}
 * @param productLabel      the {@code nvidia.com/gpu.product} node label GPU Feature Discovery sets
 * @param computeCapability CUDA compute capability, e.g. {@code 8.0}
 * @param pciDeviceIds      PCI device ids as the MIG manager's {@code device-filter} writes them, e.g. {@code 0x20B210DE}
 * @param migComputeSlices  compute slices MIG divides one GPU into; 0 without MIG
 * @param migMemorySlices   memory slices MIG divides one GPU into; 0 without MIG
 * @param migProfiles       every MIG profile, smallest first; empty without MIG
 * @param migLayouts        the named layouts the MIG manager applies to this model; empty without MIG
 */
public record GpuModel(String id, String displayName, String productLabel, String architecture, int memoryGiB,
                       String computeCapability, List<String> pciDeviceIds, boolean migCapable, int migComputeSlices,
                       int migMemorySlices, List<MigProfile> migProfiles, List<MigLayout> migLayouts) {

    public GpuModel {
        Objects.requireNonNull(id, "id");
        pciDeviceIds = pciDeviceIds == null ? List.of() : List.copyOf(pciDeviceIds);
        migProfiles = migProfiles == null ? List.of() : List.copyOf(migProfiles);
        migLayouts = migLayouts == null ? List.of() : List.copyOf(migLayouts);
    }

    public Optional<MigProfile> migProfile(String name) {
        return migProfiles.stream().filter(profile -> profile.name().equals(name)).findFirst();
    }

    public Optional<MigLayout> migLayout(String name) {
        return migLayouts.stream().filter(layout -> layout.name().equals(name)).findFirst();
    }
}
