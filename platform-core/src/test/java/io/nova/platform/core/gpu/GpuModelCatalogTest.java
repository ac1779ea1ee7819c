package io.nova.platform.core.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GpuModelCatalogTest {

    private final GpuModelCatalog catalog = GpuModelCatalog.load();

    @Test
    void finds_a_gpu_by_its_id() {
        assertThat(catalog.find("H100-80GB")).get()
                .extracting(GpuModel::productLabel, GpuModel::architecture, GpuModel::memoryGiB)
                .containsExactly("NVIDIA-H100-80GB-HBM3", "Hopper", 80);
        assertThat(catalog.find("RTX-4090")).isEmpty();
    }

    @Test
    void gives_each_gpu_its_compute_capability() {
        assertThat(catalog.all()).extracting(GpuModel::id, GpuModel::computeCapability).containsExactly(
                tuple("T4", "7.5"), tuple("L4", "8.9"), tuple("A10", "8.6"), tuple("V100", "7.0"),
                tuple("A30", "8.0"), tuple("A100-40GB", "8.0"), tuple("A100-80GB", "8.0"),
                tuple("H100-80GB", "9.0"), tuple("H100-NVL", "9.0"), tuple("H200-141GB", "9.0"),
                tuple("B200", "10.0"));
    }

    @Test
    void supports_mig_only_on_a30_a100_h100_h200_and_b200() {
        assertThat(catalog.all()).filteredOn(GpuModel::migCapable).extracting(GpuModel::id)
                .containsExactly("A30", "A100-40GB", "A100-80GB", "H100-80GB", "H100-NVL", "H200-141GB", "B200");
    }

    @Test
    void reads_a100_40gb_profiles_as_the_mig_user_guide_lists_them() {
        GpuModel a100 = catalog.find("A100-40GB").orElseThrow();

        assertThat(a100.migComputeSlices()).isEqualTo(7);
        assertThat(a100.migMemorySlices()).isEqualTo(8);
        assertThat(a100.migProfile("1g.5gb")).contains(
                new MigProfile("1g.5gb", 1, 1, 5, 7, List.of(0, 1, 2, 3, 4, 5, 6), false));
        assertThat(a100.migProfile("3g.20gb")).contains(
                new MigProfile("3g.20gb", 3, 4, 20, 2, List.of(0, 4), false));
        assertThat(a100.migProfile("1g.5gb+me")).get()
                .extracting(MigProfile::mediaExtensions, MigProfile::maxInstances)
                .containsExactly(true, 1);
        assertThat(a100.migLayouts()).extracting(MigLayout::name).containsExactly(
                "all-1g.5gb", "all-1g.5gb.me", "all-1g.10gb", "all-2g.10gb", "all-3g.20gb", "all-4g.20gb",
                "all-7g.40gb", "all-balanced");
        assertThat(a100.migLayout("all-1g.10gb")).get().extracting(MigLayout::devices)
                .isEqualTo(Map.of("1g.10gb", 4));
    }

    @Test
    void keeps_layout_devices_sorted_by_profile() {
        var layout = new MigLayout("custom", Map.of("3g.40gb", 1, "1g.10gb", 2, "2g.20gb", 1));

        assertThat(layout.devices().keySet()).containsExactly("1g.10gb", "2g.20gb", "3g.40gb");
    }

    @Test
    void names_the_mixed_strategy_resource_with_a_dot_for_media_extensions() {
        GpuModel h100 = catalog.find("H100-80GB").orElseThrow();

        assertThat(h100.migProfile("1g.10gb").orElseThrow().resourceName()).isEqualTo("nvidia.com/mig-1g.10gb");
        assertThat(h100.migProfile("1g.10gb+me").orElseThrow().resourceName())
                .isEqualTo("nvidia.com/mig-1g.10gb.me");
    }

    @Test
    void every_named_layout_fits_its_gpu() {
        var checker = new MigLayoutChecker();

        assertThat(catalog.all()).allSatisfy(gpu -> assertThat(gpu.migLayouts()).allSatisfy(layout ->
                assertThat(checker.check(gpu, layout.devices())).as(gpu.id() + " " + layout.name())
                        .isEqualTo(MigLayoutFit.fit())));
    }
}
