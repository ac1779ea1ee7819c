package io.nova.platform.core.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MigLayoutCheckerTest {

    private final GpuModelCatalog catalog = GpuModelCatalog.load();
    private final MigLayoutChecker checker = new MigLayoutChecker();
    private final GpuModel h100 = catalog.find("H100-80GB").orElseThrow();

    @Test
    void fits_a_custom_mixed_layout_that_fills_the_gpu() {
        MigLayoutFit fit = checker.check(h100, Map.of("4g.40gb", 1, "1g.10gb", 3));

        assertThat(fit).isEqualTo(new MigLayoutFit(true, null));
    }

    @Test
    void fits_a_layout_that_leaves_slices_free() {
        assertThat(checker.check(h100, Map.of("3g.40gb", 1)).fits()).isTrue();
    }

    @Test
    void rejects_more_compute_slices_than_the_gpu_has_and_says_what_fits() {
        MigLayoutFit fit = checker.check(h100, Map.of("3g.40gb", 3));

        assertThat(fit.fits()).isFalse();
        assertThat(fit.reason()).isEqualTo("3g.40gb × 3 needs 9 compute slices, H100-80GB has 7; 3g.40gb × 2 fits");
    }

    @Test
    void rejects_profile_that_does_not_exist_on_the_gpu_and_lists_its_profiles() {
        MigLayoutFit fit = checker.check(h100, Map.of("1g.5gb", 7));

        assertThat(fit.fits()).isFalse();
        assertThat(fit.reason()).isEqualTo("profile 1g.5gb does not exist on H100-80GB; its profiles are "
                + "1g.10gb, 1g.10gb+me, 1g.20gb, 2g.20gb, 3g.40gb, 4g.40gb, 7g.80gb");
    }

    @Test
    void rejects_several_unknown_profiles_at_once() {
        MigLayoutFit fit = checker.check(h100, Map.of("1g.5gb", 1, "2g.10gb", 1, "1g.10gb", 1));

        assertThat(fit.reason()).startsWith("profiles 1g.5gb, 2g.10gb do not exist on H100-80GB");
    }

    @Test
    void rejects_more_instances_than_the_profile_allows() {
        MigLayoutFit fit = checker.check(h100, Map.of("1g.20gb", 5));

        assertThat(fit.fits()).isFalse();
        assertThat(fit.reason()).contains("1g.20gb × 5", "4", "1g.20gb × 4 fits");
    }

    @Test
    void rejects_a_count_below_one() {
        var devices = new HashMap<String, Integer>();
        devices.put("1g.10gb", 0);
        devices.put("2g.20gb", null);

        assertThat(checker.check(h100, devices).reason()).contains("1g.10gb × 0", "at least 1");
    }

    @Test
    void rejects_two_media_extension_instances() {
        GpuModel a30 = catalog.find("A30").orElseThrow();

        MigLayoutFit fit = checker.check(a30, Map.of("1g.6gb+me", 1, "2g.12gb+me", 1));

        assertThat(fit.fits()).isFalse();
        assertThat(fit.reason()).isEqualTo("1g.6gb+me × 1 + 2g.12gb+me × 1 has 2 media-extension (+me) "
                + "instances, a GPU has media engines for 1; 2g.12gb+me × 1 fits");
    }

    @Test
    void rejects_more_memory_slices_than_the_gpu_has() {
        MigLayoutFit fit = checker.check(h100, Map.of("1g.20gb", 1, "3g.40gb", 2));

        assertThat(fit.fits()).isFalse();
        assertThat(fit.reason()).isEqualTo(
                "1g.20gb × 1 + 3g.40gb × 2 needs 10 memory slices, H100-80GB has 8; 3g.40gb × 2 fits");
    }

    @Test
    void rejects_instances_that_cannot_be_placed_on_distinct_memory_slices() {
        // Enough slices in total, but both 1g instances may only start where the 2g one would sit or next to it.
        var gpu = new GpuModel("TEST-4", "Test GPU", "Test", "Test", 24, "8.0", List.of(), true, 4, 4,
                List.of(new MigProfile("1g.6gb", 1, 1, 6, 2, List.of(0, 2), false),
                        new MigProfile("2g.12gb", 2, 2, 12, 2, List.of(0, 2), false)),
                List.of());

        MigLayoutFit fit = checker.check(gpu, Map.of("1g.6gb", 2, "2g.12gb", 1));

        assertThat(fit.fits()).isFalse();
        assertThat(fit.reason()).startsWith("1g.6gb × 2 + 2g.12gb × 1 cannot be placed on TEST-4")
                .endsWith("; 1g.6gb × 1 + 2g.12gb × 1 fits");
    }

    @Test
    void places_instances_of_one_profile_at_any_of_its_placements() {
        GpuModel a100 = catalog.find("A100-40GB").orElseThrow();

        assertThat(checker.check(a100, Map.of("4g.20gb", 1, "1g.10gb", 1, "1g.5gb", 2)).fits()).isTrue();
        assertThat(checker.check(a100, Map.of("2g.10gb", 3, "1g.10gb", 1)).fits()).isTrue();
    }

    @Test
    void rejects_any_layout_on_gpu_without_mig() {
        GpuModel t4 = catalog.find("T4").orElseThrow();

        assertThat(checker.check(t4, Map.of("1g.5gb", 1)))
                .isEqualTo(new MigLayoutFit(false, "T4 does not support MIG"));
    }

    @Test
    void rejects_an_empty_layout() {
        assertThat(checker.check(h100, Map.of()).reason()).startsWith("a MIG layout needs at least one profile");
    }
}
