package io.nova.platform.vault.support;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FieldsTest {

    @Test
    void durations_are_compared_whether_vault_answers_seconds_or_duration_strings() {
        assertThat(Fields.sameDuration(900, Duration.ofMinutes(15))).isTrue();
        assertThat(Fields.sameDuration("900", Duration.ofMinutes(15))).isTrue();
        assertThat(Fields.sameDuration("15m", Duration.ofMinutes(15))).isTrue();
        assertThat(Fields.sameDuration("1h0m0s", Duration.ofHours(1))).isTrue();
        assertThat(Fields.sameDuration("1h", Duration.ofMinutes(30))).isFalse();
        assertThat(Fields.sameDuration("soon", Duration.ofMinutes(30))).isFalse();
        assertThat(Fields.sameDuration(null, Duration.ofMinutes(30))).isFalse();
    }

    @Test
    void durations_are_written_in_vaults_shortest_form() {
        assertThat(Fields.vaultDuration(Duration.ofMinutes(15))).isEqualTo("15m");
        assertThat(Fields.vaultDuration(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(Fields.vaultDuration(Duration.ofSeconds(90))).isEqualTo("90s");
    }

    @Test
    void lists_compare_as_sets_and_accept_comma_separated_strings() {
        assertThat(Fields.sameSet(List.of("b", "a"), List.of("a", "b"))).isTrue();
        assertThat(Fields.sameSet("a, b", List.of("a", "b"))).isTrue();
        assertThat(Fields.sameSet(null, List.of())).isTrue();
        assertThat(Fields.sameSet(List.of("a"), List.of("a", "b"))).isFalse();
    }

    @Test
    void texts_compare_without_line_ending_or_surrounding_blank_differences() {
        assertThat(Fields.sameText("path \"a\" {}\r\n", "path \"a\" {}\n")).isTrue();
        assertThat(Fields.sameIgnoringWhitespace("{ \"groups\": x }", "{\"groups\":x}")).isTrue();
    }
}
