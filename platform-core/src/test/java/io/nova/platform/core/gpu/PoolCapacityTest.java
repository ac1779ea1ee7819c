package io.nova.platform.core.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PoolCapacityTest {

    private final GpuModelCatalog catalog = GpuModelCatalog.load();
    private final GpuSharingRules rules = new GpuSharingRules(catalog);
    private final GpuModel h100 = catalog.find("H100-80GB").orElseThrow();

    @Test
    void exclusive_gpus_are_advertised_one_each() {
        assertThat(PoolCapacity.of(h100, GpuSharing.exclusive(), 8)).containsExactly(entry("nvidia.com/gpu", 8L));
    }

    @Test
    void time_slicing_advertises_each_gpu_replicas_times() {
        GpuSharing sharing = rules.normalized(catalog.find("T4").orElseThrow(),
                new GpuSharing(SharingMode.TIME_SLICING, 4, null, null, null, null, null));

        assertThat(PoolCapacity.of(catalog.find("T4").orElseThrow(), sharing, 3))
                .containsExactly(entry("nvidia.com/gpu", 12L));
    }

    @Test
    void time_slicing_with_rename_advertises_shared_gpus() {
        GpuSharing sharing = GpuSharing.timeSlicing(10, true, false);

        assertThat(PoolCapacity.of(catalog.find("L4").orElseThrow(), sharing, 2))
                .containsExactly(entry("nvidia.com/gpu.shared", 20L));
    }

    @Test
    void mig_mixed_advertises_each_profile_as_its_own_resource() {
        GpuSharing sharing = rules.normalized(h100, GpuSharing.migLayout(MigStrategy.mixed, "all-1g.10gb"));

        assertThat(PoolCapacity.of(h100, sharing, 8)).containsExactly(entry("nvidia.com/mig-1g.10gb", 56L));
    }

    @Test
    void mig_mixed_balanced_layout_advertises_three_resources() {
        GpuSharing sharing = rules.normalized(h100, GpuSharing.migLayout(null, "all-balanced"));

        assertThat(PoolCapacity.of(h100, sharing, 8)).containsExactly(
                entry("nvidia.com/mig-1g.10gb", 16L),
                entry("nvidia.com/mig-2g.20gb", 8L),
                entry("nvidia.com/mig-3g.40gb", 8L));
    }

    @Test
    void mig_mixed_names_media_extension_resources_with_a_dot() {
        GpuSharing sharing = rules.normalized(h100, GpuSharing.migDevices(MigStrategy.mixed,
                Map.of("1g.10gb+me", 1, "1g.10gb", 6)));

        assertThat(PoolCapacity.of(h100, sharing, 2)).containsExactly(
                entry("nvidia.com/mig-1g.10gb", 12L),
                entry("nvidia.com/mig-1g.10gb.me", 2L));
    }

    @Test
    void mig_single_advertises_every_instance_as_a_gpu() {
        GpuModel a100 = catalog.find("A100-40GB").orElseThrow();
        GpuSharing sharing = rules.normalized(a100, GpuSharing.migLayout(MigStrategy.single, "all-1g.5gb"));

        assertThat(PoolCapacity.of(a100, sharing, 4)).containsExactly(entry("nvidia.com/gpu", 28L));
    }

    @Test
    void an_empty_pool_has_no_capacity() {
        assertThat(PoolCapacity.of(h100, GpuSharing.exclusive(), 0)).containsExactly(entry("nvidia.com/gpu", 0L));
    }
}
