package io.nova.platform.core.gpu;

import java.util.List;
import java.util.Objects;

/**
 * One MIG GPU instance profile of a GPU model, as NVIDIA's MIG user guide lists it.
 *
 * @param name            the profile name, e.g. {@code 3g.20gb} or {@code 1g.5gb+me}
 * @param computeSlices   compute slices the instance takes (the {@code 3g} of {@code 3g.20gb})
 * @param memorySlices    memory slices the instance covers, out of {@link GpuModel#migMemorySlices()}
 * @param memoryGiB       memory as the profile name states it (the {@code 20gb} of {@code 3g.20gb})
 * @param maxInstances    the most instances of this profile one GPU holds
 * @param placements      memory slices an instance may start at; it covers {@code [start, start + memorySlices)}
 * @param mediaExtensions a {@code +me} profile: the instance also gets the GPU's media engines, so one per GPU
 */
public record MigProfile(String name, int computeSlices, int memorySlices, int memoryGiB, int maxInstances,
                         List<Integer> placements, boolean mediaExtensions) {

    public MigProfile {
        Objects.requireNonNull(name, "name");
        placements = List.copyOf(placements);
    }

    /** The extended resource the device plugin advertises for this profile under the mixed strategy. */
    public String resourceName() {
        // '+' is not allowed in a resource name: NVIDIA/k8s-device-plugin internal/rm/rm.go
        // (AddDefaultResourcesToConfig) names it strings.ReplaceAll("mig-"+profile, "+", "."), so 1g.5gb+me is
        // nvidia.com/mig-1g.5gb.me.
        return "nvidia.com/mig-" + name.replace('+', '.');
    }
}
