package io.nova.platform.core.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks the catalog's MIG layouts against the GPU Operator's default mig-parted config in the shared reference
 * folder (see shared/reference/README.md). Skipped, never failed, where that folder is absent.
 */
class GpuModelCatalogReferenceTest {

    private static final String REFERENCE_FILE = "gpu/default-mig-parted-config.yaml";

    private final GpuModelCatalog catalog = GpuModelCatalog.load();

    @Test
    void lists_all_eleven_gpu_ids_in_order() {
        assertThat(catalog.all()).extracting(GpuModel::id).containsExactly(
                "T4", "L4", "A10", "V100", "A30", "A100-40GB", "A100-80GB", "H100-80GB", "H100-NVL", "H200-141GB",
                "B200");
    }

    @Test
    void gpus_without_mig_have_no_profiles_or_layouts() {
        assertThat(catalog.all()).filteredOn(gpu -> !gpu.migCapable()).isNotEmpty().allSatisfy(gpu -> {
            assertThat(gpu.migProfiles()).isEmpty();
            assertThat(gpu.migLayouts()).isEmpty();
            assertThat(gpu.migComputeSlices()).isZero();
            assertThat(gpu.migMemorySlices()).isZero();
        });
    }

    @Test
    void every_listed_layout_matches_the_reference_entry_for_the_gpu() {
        Map<String, List<ReferenceEntry>> reference = loadReference();
        var softly = new SoftAssertions();
        for (GpuModel gpu : migGpus()) {
            for (MigLayout layout : gpu.migLayouts()) {
                String where = gpu.id() + " " + layout.name();
                softly.assertThat(reference).as(where + " is in the reference").containsKey(layout.name());
                if (!reference.containsKey(layout.name())) {
                    continue;
                }
                Optional<ReferenceEntry> entry = applicableEntry(gpu, reference.get(layout.name()));
                softly.assertThat(entry).as(where + " has an entry for the GPU's PCI ids or for all GPUs")
                        .isPresent();
                entry.ifPresent(e -> softly.assertThat(e.devices()).as(where + " devices")
                        .isEqualTo(layout.devices()));
            }
        }
        softly.assertAll();
    }

    @Test
    void every_reference_layout_filtered_to_our_pci_ids_is_listed() {
        Map<String, List<ReferenceEntry>> reference = loadReference();
        var softly = new SoftAssertions();
        for (GpuModel gpu : migGpus()) {
            Set<String> ourIds = pciIds(gpu);
            reference.forEach((name, entries) -> {
                boolean namesOurGpu = entries.stream()
                        .anyMatch(entry -> entry.deviceFilter().stream().anyMatch(ourIds::contains));
                if (namesOurGpu) {
                    softly.assertThat(gpu.migLayout(name)).as(gpu.id() + " lists " + name).isPresent();
                }
            });
        }
        softly.assertAll();
    }

    @Test
    void every_single_profile_reference_layout_of_our_profiles_is_listed_with_the_profile_maximum() {
        Map<String, List<ReferenceEntry>> reference = loadReference();
        var softly = new SoftAssertions();
        for (GpuModel gpu : migGpus()) {
            reference.forEach((name, entries) -> {
                if (!name.startsWith("all-")) {
                    return;
                }
                Optional<ReferenceEntry> entry = applicableEntry(gpu, entries);
                if (entry.isEmpty() || entry.get().devices().size() != 1) {
                    return;
                }
                var device = entry.get().devices().entrySet().iterator().next();
                Optional<MigProfile> profile = gpu.migProfile(device.getKey());
                if (profile.isEmpty()) {
                    return;
                }
                String where = gpu.id() + " " + name;
                softly.assertThat(gpu.migLayout(name)).as(where + " is listed").isPresent();
                gpu.migLayout(name).ifPresent(layout -> softly.assertThat(layout.devices())
                        .as(where + " devices").isEqualTo(Map.of(device.getKey(), device.getValue())));
                softly.assertThat(device.getValue()).as(where + " count is the maxInstances of " + device.getKey())
                        .isEqualTo(profile.get().maxInstances());
            });
        }
        softly.assertAll();
    }

    private List<GpuModel> migGpus() {
        return catalog.all().stream().filter(GpuModel::migCapable).toList();
    }

    /** The entry whose device-filter names one of the GPU's PCI ids, else the entry for all GPUs. */
    private static Optional<ReferenceEntry> applicableEntry(GpuModel gpu, List<ReferenceEntry> entries) {
        Set<String> ourIds = pciIds(gpu);
        return entries.stream()
                .filter(entry -> entry.deviceFilter().stream().anyMatch(ourIds::contains))
                .findFirst()
                .or(() -> entries.stream().filter(entry -> entry.deviceFilter().isEmpty()).findFirst());
    }

    private static Set<String> pciIds(GpuModel gpu) {
        var ids = new TreeSet<String>();
        gpu.pciDeviceIds().forEach(id -> ids.add(id.toUpperCase(Locale.ROOT)));
        return ids;
    }

    /** One entry of a named mig-parted config; an empty device filter means every GPU. */
    private record ReferenceEntry(Set<String> deviceFilter, Map<String, Integer> devices) {
    }

    /** Layout name to its MIG-enabled entries, from the ConfigMap's {@code data."config.yaml"}. */
    private static Map<String, List<ReferenceEntry>> loadReference() {
        Path file = referenceFile();
        var yaml = YAMLMapper.builder().build();
        JsonNode configMap = yaml.readTree(file);
        JsonNode config = yaml.readTree(configMap.path("data").path("config.yaml").asString());
        var layouts = new LinkedHashMap<String, List<ReferenceEntry>>();
        config.path("mig-configs").forEachEntry((name, entries) -> {
            var parsed = new ArrayList<ReferenceEntry>();
            for (JsonNode entry : entries.values()) {
                if (!entry.path("mig-enabled").asBoolean(false) || entry.path("mig-devices").isEmpty()) {
                    continue;
                }
                var filter = new TreeSet<String>();
                JsonNode deviceFilter = entry.path("device-filter");
                if (deviceFilter.isArray()) {
                    deviceFilter.values().forEach(id -> filter.add(id.asString().toUpperCase(Locale.ROOT)));
                } else if (deviceFilter.isString()) {
                    filter.add(deviceFilter.asString().toUpperCase(Locale.ROOT));
                }
                var devices = new TreeMap<String, Integer>();
                entry.path("mig-devices").forEachEntry((profile, count) -> devices.put(profile, count.asInt()));
                parsed.add(new ReferenceEntry(filter, devices));
            }
            if (!parsed.isEmpty()) {
                layouts.put(name, parsed);
            }
        });
        assertThat(layouts).as("MIG layouts in " + file).isNotEmpty();
        return layouts;
    }

    private static Path referenceFile() {
        var candidates = new ArrayList<Path>();
        String property = System.getProperty("nova.reference.dir");
        if (property != null && !property.isBlank() && !property.contains("${")) {
            candidates.add(Path.of(property));
        }
        String env = System.getenv("NOVA_REFERENCE_DIR");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        candidates.add(Path.of("../../shared/reference"));
        candidates.add(Path.of("../shared/reference"));
        for (Path dir : candidates) {
            Path file = dir.resolve(REFERENCE_FILE);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        Assumptions.assumeTrue(false, "the reference file " + REFERENCE_FILE + " (the GPU Operator's default "
                + "mig-parted config) is in none of " + candidates.stream().map(p -> p.toAbsolutePath().normalize())
                .toList() + "; set -Dnova.reference.dir or NOVA_REFERENCE_DIR to a shared/reference folder to "
                + "check the MIG layouts against it");
        throw new IllegalStateException("unreachable");
    }
}
