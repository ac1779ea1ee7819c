package io.nova.platform.core.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The GPU models the platform offers, in the order of {@code gpu-models.yaml} on the classpath. */
public final class GpuModelCatalog {

    static final String RESOURCE = "/gpu-models.yaml";

    // Compute slices, memory and media extensions are part of every MIG profile name: 3g.20gb, 1g.5gb+me.
    private static final Pattern PROFILE_NAME = Pattern.compile("(\\d+)g\\.(\\d+)gb(\\+me)?");

    private final List<GpuModel> models;
    private final Map<String, GpuModel> byId;

    private GpuModelCatalog(List<GpuModel> models) {
        this.models = List.copyOf(models);
        this.byId = new LinkedHashMap<>();
        for (GpuModel model : models) {
            if (byId.putIfAbsent(model.id(), model) != null) {
                throw invalid("GPU id " + model.id() + " appears twice");
            }
            checkLayouts(model);
        }
    }

    public static GpuModelCatalog load() {
        try (InputStream in = GpuModelCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            CatalogFile file = YAMLMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .build()
                    .readValue(in, CatalogFile.class);
            return new GpuModelCatalog(file.gpus().stream().map(GpuModelCatalog::toModel).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public List<GpuModel> all() {
        return models;
    }

    public Optional<GpuModel> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    private static GpuModel toModel(GpuEntry entry) {
        MigEntry mig = entry.mig();
        if (mig == null) {
            return new GpuModel(entry.id(), entry.displayName(), entry.productLabel(), entry.architecture(),
                    entry.memoryGiB(), entry.computeCapability(), entry.pciDeviceIds(), false, 0, 0, List.of(),
                    List.of());
        }
        List<MigProfile> profiles = mig.profiles().stream().map(profile -> toProfile(entry.id(), profile)).toList();
        List<MigLayout> layouts = mig.layouts().entrySet().stream()
                .map(layout -> new MigLayout(layout.getKey(), layout.getValue()))
                .toList();
        return new GpuModel(entry.id(), entry.displayName(), entry.productLabel(), entry.architecture(),
                entry.memoryGiB(), entry.computeCapability(), entry.pciDeviceIds(), true, mig.computeSlices(),
                mig.memorySlices(), profiles, layouts);
    }

    private static MigProfile toProfile(String gpuId, ProfileEntry entry) {
        Matcher name = PROFILE_NAME.matcher(entry.name());
        if (!name.matches()) {
            throw invalid(gpuId + ": " + entry.name() + " is not a MIG profile name like 3g.20gb or 1g.5gb+me");
        }
        return new MigProfile(entry.name(), Integer.parseInt(name.group(1)), entry.memorySlices(),
                Integer.parseInt(name.group(2)), entry.maxInstances(), entry.placements(), name.group(3) != null);
    }

    // A layout the MIG manager cannot apply should stop the application at start, not fail a user's request.
    private static void checkLayouts(GpuModel model) {
        var checker = new MigLayoutChecker();
        for (MigLayout layout : model.migLayouts()) {
            MigLayoutFit fit = checker.check(model, layout.devices());
            if (!fit.fits()) {
                throw invalid(model.id() + ": layout " + layout.name() + " does not fit: " + fit.reason());
            }
        }
    }

    private static IllegalStateException invalid(String message) {
        return new IllegalStateException(RESOURCE + ": " + message);
    }

    private record CatalogFile(List<GpuEntry> gpus) {
    }

    private record GpuEntry(String id, String displayName, String productLabel, String architecture,
                            int memoryGiB, String computeCapability, List<String> pciDeviceIds, MigEntry mig) {
    }

    private record MigEntry(int computeSlices, int memorySlices, List<ProfileEntry> profiles,
                            LinkedHashMap<String, Map<String, Integer>> layouts) {
    }

    private record ProfileEntry(String name, int memorySlices, int maxInstances, List<Integer> placements) {
    }
}
