package io.nova.platform.core.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.nova.platform.core.common.FieldViolation;

class GpuSharingRulesTest {

    private final GpuModelCatalog catalog = GpuModelCatalog.load();
    private final GpuSharingRules rules = new GpuSharingRules(catalog);
    private final GpuModel h100 = catalog.find("H100-80GB").orElseThrow();
    private final GpuModel t4 = catalog.find("T4").orElseThrow();

    private static GpuSharing sharing(SharingMode mode, Integer replicas, MigStrategy strategy, String layout,
                                      Map<String, Integer> devices) {
        return new GpuSharing(mode, replicas, null, null, strategy, layout, devices);
    }

    private List<String> fields(GpuModel gpu, GpuSharing sharing) {
        return rules.validate(gpu, sharing).stream().map(FieldViolation::field).toList();
    }

    private FieldViolation onlyViolation(GpuModel gpu, GpuSharing sharing) {
        List<FieldViolation> violations = rules.validate(gpu, sharing);
        assertThat(violations).hasSize(1);
        return violations.getFirst();
    }

    @Test
    void requires_a_mode() {
        assertThat(onlyViolation(h100, sharing(null, null, null, null, null)))
                .isEqualTo(new FieldViolation("sharing.mode", "mode is required: EXCLUSIVE, TIME_SLICING or MIG"));
        assertThat(fields(h100, null)).containsExactly("sharing.mode");
    }

    @Test
    void accepts_exclusive_gpus() {
        assertThat(rules.validate(t4, GpuSharing.exclusive())).isEmpty();
    }

    @Test
    void rejects_stray_fields_under_exclusive() {
        GpuSharing sharing = sharing(SharingMode.EXCLUSIVE, 4, null, "all-1g.10gb", null);

        assertThat(rules.validate(h100, sharing)).containsExactly(
                new FieldViolation("sharing.replicas",
                        "replicas belongs to TIME_SLICING; leave it out when mode is EXCLUSIVE"),
                new FieldViolation("sharing.migLayout",
                        "migLayout belongs to MIG; leave it out when mode is EXCLUSIVE"));
    }

    @Test
    void accepts_time_slicing_with_replicas_from_2_to_64() {
        assertThat(rules.validate(t4, GpuSharing.timeSlicing(2, false, false))).isEmpty();
        assertThat(rules.validate(t4, sharing(SharingMode.TIME_SLICING, 64, null, null, null))).isEmpty();
    }

    @Test
    void requires_replicas_for_time_slicing() {
        FieldViolation violation = onlyViolation(t4, sharing(SharingMode.TIME_SLICING, null, null, null, null));

        assertThat(violation.field()).isEqualTo("sharing.replicas");
        assertThat(violation.message()).contains("required", "2 to 64");
    }

    @Test
    void rejects_replicas_outside_2_to_64() {
        assertThat(onlyViolation(t4, GpuSharing.timeSlicing(1, false, false)))
                .isEqualTo(new FieldViolation("sharing.replicas", "replicas must be 2 to 64, not 1"));
        assertThat(onlyViolation(t4, GpuSharing.timeSlicing(65, false, false)).message()).endsWith("not 65");
    }

    @Test
    void rejects_mig_fields_under_time_slicing() {
        GpuSharing sharing = new GpuSharing(SharingMode.TIME_SLICING, 4, null, null, MigStrategy.mixed, null,
                Map.of("1g.10gb", 7));

        assertThat(fields(h100, sharing)).containsExactly("sharing.migStrategy", "sharing.migDevices");
    }

    @Test
    void rejects_time_slicing_fields_under_mig() {
        GpuSharing sharing = new GpuSharing(SharingMode.MIG, 4, true, null, null, "all-1g.10gb", null);

        assertThat(fields(h100, sharing)).containsExactly("sharing.replicas", "sharing.renameByDefault");
    }

    @Test
    void rejects_mig_on_gpu_without_mig_and_names_the_gpus_that_have_it() {
        FieldViolation violation = onlyViolation(t4, GpuSharing.migLayout(MigStrategy.mixed, "all-1g.5gb"));

        assertThat(violation).isEqualTo(new FieldViolation("sharing.mode", "T4 does not support MIG; of the listed "
                + "GPUs these do: A30, A100-40GB, A100-80GB, H100-80GB, H100-NVL, H200-141GB, B200"));
    }

    @Test
    void requires_a_mig_layout_or_mig_devices() {
        FieldViolation violation = onlyViolation(h100, sharing(SharingMode.MIG, null, MigStrategy.mixed, null, null));

        assertThat(violation.field()).isEqualTo("sharing.migLayout");
        assertThat(violation.message()).contains("migLayout", "migDevices", "all-1g.10gb", "all-balanced");
    }

    @Test
    void accepts_a_named_layout_of_the_gpu() {
        assertThat(rules.validate(h100, GpuSharing.migLayout(MigStrategy.mixed, "all-balanced"))).isEmpty();
    }

    @Test
    void rejects_a_layout_of_another_gpu_and_lists_the_valid_ones() {
        FieldViolation violation = onlyViolation(h100, GpuSharing.migLayout(MigStrategy.mixed, "all-1g.5gb"));

        assertThat(violation).isEqualTo(new FieldViolation("sharing.migLayout", "H100-80GB has no MIG layout "
                + "all-1g.5gb; its layouts are all-1g.10gb, all-1g.10gb.me, all-1g.20gb, all-2g.20gb, all-3g.40gb, "
                + "all-4g.40gb, all-7g.80gb, all-balanced"));
    }

    @Test
    void rejects_a_layout_together_with_other_devices() {
        GpuSharing sharing = sharing(SharingMode.MIG, null, MigStrategy.mixed, "all-1g.10gb", Map.of("1g.10gb", 6));

        FieldViolation violation = onlyViolation(h100, sharing);

        assertThat(violation.field()).isEqualTo("sharing.migDevices");
        assertThat(violation.message()).startsWith("give migLayout or migDevices, not both");
    }

    @Test
    void accepts_a_layout_with_its_own_devices_as_normalized_sharing_has_it() {
        GpuSharing normalized = rules.normalized(h100, GpuSharing.migLayout(null, "all-1g.10gb"));

        assertThat(rules.validate(h100, normalized)).isEmpty();
    }

    @Test
    void accepts_custom_devices_that_fit() {
        assertThat(rules.validate(h100, GpuSharing.migDevices(MigStrategy.mixed, Map.of("1g.10gb", 3, "4g.40gb", 1))))
                .isEmpty();
    }

    @Test
    void rejects_custom_devices_that_do_not_fit_with_the_checker_reason() {
        FieldViolation violation = onlyViolation(h100, GpuSharing.migDevices(MigStrategy.mixed, Map.of("3g.40gb", 3)));

        assertThat(violation).isEqualTo(new FieldViolation("sharing.migDevices",
                "3g.40gb × 3 needs 9 compute slices, H100-80GB has 7; 3g.40gb × 2 fits"));
    }

    @Test
    void points_at_the_profile_that_does_not_exist() {
        FieldViolation violation = onlyViolation(h100,
                GpuSharing.migDevices(MigStrategy.mixed, Map.of("1g.5gb", 2, "3g.40gb", 1)));

        assertThat(violation.field()).isEqualTo("sharing.migDevices.1g.5gb");
        assertThat(violation.message()).startsWith("profile 1g.5gb does not exist on H100-80GB; its profiles are");
    }

    @Test
    void points_at_the_profile_with_too_many_instances() {
        assertThat(fields(h100, GpuSharing.migDevices(MigStrategy.mixed, Map.of("1g.20gb", 5))))
                .containsExactly("sharing.migDevices.1g.20gb");
    }

    @Test
    void defaults_the_mig_strategy_to_mixed() {
        GpuSharing sharing = GpuSharing.migLayout(null, "all-balanced");

        assertThat(rules.validate(h100, sharing)).isEmpty();
        assertThat(rules.normalized(h100, sharing).migStrategy()).isEqualTo(MigStrategy.mixed);
    }

    @Test
    void rejects_single_strategy_with_several_profiles() {
        FieldViolation violation = onlyViolation(h100, GpuSharing.migLayout(MigStrategy.single, "all-balanced"));

        assertThat(violation.field()).isEqualTo("sharing.migStrategy");
        assertThat(violation.message()).contains("one profile only", "all-balanced has 3: 1g.10gb, 2g.20gb, 3g.40gb",
                "mixed");
    }

    @Test
    void rejects_single_strategy_with_several_custom_profiles() {
        GpuSharing sharing = GpuSharing.migDevices(MigStrategy.single, Map.of("1g.10gb", 1, "3g.40gb", 1));

        assertThat(onlyViolation(h100, sharing).message()).contains("the custom layout has 2");
    }

    @Test
    void accepts_single_strategy_with_one_profile() {
        assertThat(rules.validate(h100, GpuSharing.migLayout(MigStrategy.single, "all-3g.40gb"))).isEmpty();
        assertThat(rules.validate(h100, GpuSharing.migDevices(MigStrategy.single, Map.of("2g.20gb", 2)))).isEmpty();
    }

    @Test
    void normalizes_exclusive_to_no_other_fields() {
        assertThat(rules.normalized(t4, GpuSharing.exclusive())).isEqualTo(GpuSharing.exclusive());
    }

    @Test
    void normalizes_time_slicing_flags_to_false() {
        GpuSharing sharing = sharing(SharingMode.TIME_SLICING, 8, null, null, null);

        assertThat(rules.normalized(t4, sharing)).isEqualTo(GpuSharing.timeSlicing(8, false, false));
    }

    @Test
    void normalizes_a_named_layout_to_its_devices() {
        GpuSharing normalized = rules.normalized(h100, GpuSharing.migLayout(null, "all-balanced"));

        assertThat(normalized).isEqualTo(new GpuSharing(SharingMode.MIG, null, null, null, MigStrategy.mixed,
                "all-balanced", Map.of("1g.10gb", 2, "2g.20gb", 1, "3g.40gb", 1)));
        assertThat(normalized.migDevices().keySet()).containsExactly("1g.10gb", "2g.20gb", "3g.40gb");
    }

    @Test
    void normalizes_custom_devices_to_a_sorted_copy() {
        GpuSharing normalized = rules.normalized(h100,
                GpuSharing.migDevices(MigStrategy.single, Map.of("1g.20gb", 4)));

        assertThat(normalized).isEqualTo(new GpuSharing(SharingMode.MIG, null, null, null, MigStrategy.single,
                null, Map.of("1g.20gb", 4)));
    }

    @Test
    void refuses_to_normalize_invalid_sharing() {
        assertThatThrownBy(() -> rules.normalized(t4, GpuSharing.timeSlicing(1, false, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sharing.replicas");
    }
}
