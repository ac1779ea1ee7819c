package io.nova.platform.core.gpu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Decides whether a custom MIG layout (profile to instance count) fits one GPU: every profile exists, counts are
 * within the profile's limit, at most one media-extension instance, the compute and memory slices suffice, and the
 * instances can sit on distinct memory slices at positions their profiles allow.
 */
public final class MigLayoutChecker {

    public MigLayoutFit check(GpuModel gpu, Map<String, Integer> devices) {
        return diagnose(gpu, devices)
                .map(problem -> MigLayoutFit.misfit(problem.reason()))
                .orElseGet(MigLayoutFit::fit);
    }

    /** What is wrong with a layout. {@code profile} names the one profile at fault, or is null. */
    record Problem(String profile, String reason) {
    }

    /** The first problem of a layout on a GPU, or empty when it fits. */
    Optional<Problem> diagnose(GpuModel gpu, Map<String, Integer> devices) {
        Objects.requireNonNull(gpu, "gpu");
        if (!gpu.migCapable()) {
            return problem(null, gpu.id() + " does not support MIG");
        }
        if (devices == null || devices.isEmpty()) {
            return problem(null, "a MIG layout needs at least one profile; " + profilesOf(gpu));
        }
        // containsKey(null) throws on TreeMap and Map.of
        if (devices.keySet().stream().anyMatch(Objects::isNull)) {
            return problem(null, "a profile name is missing; " + profilesOf(gpu));
        }
        var requested = new TreeMap<>(devices);

        List<String> unknown = requested.keySet().stream().filter(name -> gpu.migProfile(name).isEmpty()).toList();
        if (unknown.size() == 1) {
            return problem(unknown.getFirst(),
                    "profile " + unknown.getFirst() + " does not exist on " + gpu.id() + "; " + profilesOf(gpu));
        }
        if (!unknown.isEmpty()) {
            return problem(null, "profiles " + String.join(", ", unknown) + " do not exist on " + gpu.id() + "; "
                    + profilesOf(gpu));
        }
        for (var device : requested.entrySet()) {
            Integer count = device.getValue();
            if (count == null || count < 1) {
                return problem(device.getKey(), device.getKey() + " × " + count
                        + ": a count must be at least 1; leave the profile out instead");
            }
        }

        var layout = new Layout(gpu, requested);
        int computeSlices = layout.computeSlices();
        if (computeSlices > gpu.migComputeSlices()) {
            return problem(null, layout + " needs " + computeSlices + " compute slices, " + gpu.id() + " has "
                    + gpu.migComputeSlices() + suggestion(layout));
        }
        for (var device : requested.entrySet()) {
            MigProfile profile = gpu.migProfile(device.getKey()).orElseThrow();
            if (device.getValue() > profile.maxInstances()) {
                return problem(profile.name(), profile.name() + " × " + device.getValue() + " is more than the "
                        + profile.maxInstances() + " " + gpu.id() + " holds" + suggestion(layout));
            }
        }
        int mediaExtensionInstances = layout.mediaExtensionInstances();
        if (mediaExtensionInstances > 1) {
            return problem(null, layout + " has " + mediaExtensionInstances
                    + " media-extension (+me) instances, a GPU has media engines for 1" + suggestion(layout));
        }
        int memorySlices = layout.memorySlices();
        if (memorySlices > gpu.migMemorySlices()) {
            return problem(null, layout + " needs " + memorySlices + " memory slices, " + gpu.id() + " has "
                    + gpu.migMemorySlices() + suggestion(layout));
        }
        if (!layout.placeable()) {
            return problem(null, layout + " cannot be placed on " + gpu.id()
                    + ": its instances overlap at every memory-slice position their profiles allow"
                    + suggestion(layout));
        }
        return Optional.empty();
    }

    private static Optional<Problem> problem(String profile, String reason) {
        return Optional.of(new Problem(profile, reason));
    }

    private static String profilesOf(GpuModel gpu) {
        return "its profiles are " + gpu.migProfiles().stream().map(MigProfile::name).collect(Collectors.joining(", "));
    }

    private static String suggestion(Layout layout) {
        return layout.largestFittingPart().map(part -> "; " + part + " fits").orElse("; no part of it fits");
    }

    /** Known profiles with counts of at least 1, on one GPU. */
    private record Layout(GpuModel gpu, TreeMap<String, Integer> counts) {

        int computeSlices() {
            return sum(MigProfile::computeSlices);
        }

        int memorySlices() {
            return sum(MigProfile::memorySlices);
        }

        int mediaExtensionInstances() {
            return sum(profile -> profile.mediaExtensions() ? 1 : 0);
        }

        private int sum(ToIntFunction<MigProfile> perInstance) {
            return counts.entrySet().stream()
                    .mapToInt(device -> perInstance.applyAsInt(profile(device.getKey())) * device.getValue())
                    .sum();
        }

        private MigProfile profile(String name) {
            return gpu.migProfile(name).orElseThrow();
        }

        boolean placeable() {
            // Largest first prunes early; instances of one profile stay next to each other (see place).
            List<MigProfile> instances = new ArrayList<>();
            counts.forEach((name, count) -> {
                for (int i = 0; i < count; i++) {
                    instances.add(profile(name));
                }
            });
            instances.sort(Comparator.comparingInt(MigProfile::memorySlices).reversed()
                    .thenComparing(MigProfile::name));
            return place(instances, 0, new boolean[gpu.migMemorySlices()], 0);
        }

        private static boolean place(List<MigProfile> instances, int index, boolean[] taken, int firstPlacement) {
            if (index == instances.size()) {
                return true;
            }
            MigProfile profile = instances.get(index);
            // Instances of one profile are interchangeable, so each takes a later placement than the one before.
            boolean sameAsPrevious = index > 0 && instances.get(index - 1).name().equals(profile.name());
            for (int p = sameAsPrevious ? firstPlacement : 0; p < profile.placements().size(); p++) {
                int start = profile.placements().get(p);
                int end = start + profile.memorySlices();
                if (end > taken.length || anyTaken(taken, start, end)) {
                    continue;
                }
                mark(taken, start, end, true);
                if (place(instances, index + 1, taken, p + 1)) {
                    return true;
                }
                mark(taken, start, end, false);
            }
            return false;
        }

        private static boolean anyTaken(boolean[] taken, int start, int end) {
            for (int slice = start; slice < end; slice++) {
                if (taken[slice]) {
                    return true;
                }
            }
            return false;
        }

        private static void mark(boolean[] taken, int start, int end, boolean value) {
            for (int slice = start; slice < end; slice++) {
                taken[slice] = value;
            }
        }

        boolean fits() {
            return computeSlices() <= gpu.migComputeSlices()
                    && mediaExtensionInstances() <= 1
                    && memorySlices() <= gpu.migMemorySlices()
                    && counts.entrySet().stream().allMatch(d -> d.getValue() <= profile(d.getKey()).maxInstances())
                    && placeable();
        }

        /**
         * The fitting layout with fewer or equal instances of the same profiles that uses the most compute slices,
         * then memory slices, then profiles; ties go to the first found.
         */
        Optional<Layout> largestFittingPart() {
            List<String> names = List.copyOf(counts.keySet());
            var best = new Layout[1];
            search(names, 0, new TreeMap<>(), best);
            return Optional.ofNullable(best[0]);
        }

        private void search(List<String> names, int index, TreeMap<String, Integer> part, Layout[] best) {
            var candidate = new Layout(gpu, part);
            if (candidate.computeSlices() > gpu.migComputeSlices()
                    || candidate.memorySlices() > gpu.migMemorySlices()
                    || candidate.mediaExtensionInstances() > 1) {
                return;
            }
            if (index == names.size()) {
                if (!part.isEmpty() && candidate.fits() && (best[0] == null || candidate.beats(best[0]))) {
                    best[0] = new Layout(gpu, new TreeMap<>(part));
                }
                return;
            }
            String name = names.get(index);
            int most = Math.min(counts.get(name), profile(name).maxInstances());
            for (int count = most; count >= 0; count--) {
                if (count == 0) {
                    part.remove(name);
                } else {
                    part.put(name, count);
                }
                search(names, index + 1, part, best);
            }
            part.remove(name);
        }

        private boolean beats(Layout other) {
            return Comparator.comparingInt(Layout::computeSlices)
                    .thenComparingInt(Layout::memorySlices)
                    .thenComparingInt(layout -> layout.counts().size())
                    .compare(this, other) > 0;
        }

        @Override
        public String toString() {
            return counts.entrySet().stream()
                    .map(device -> device.getKey() + " × " + device.getValue())
                    .collect(Collectors.joining(" + "));
        }
    }
}
