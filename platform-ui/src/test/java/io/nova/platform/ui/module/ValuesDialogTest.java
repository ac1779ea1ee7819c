package io.nova.platform.ui.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.nova.platform.core.common.FieldViolation;
import io.nova.platform.core.common.InvalidRequestException;
import org.junit.jupiter.api.Test;

class ValuesDialogTest {

    private static final String YAML = """
            singleuser:
              image: jupyter/base
              extraEnv:
                - name: TOKEN
                  value: plain-text
            hub:
              replicas: 2
            """;

    @Test
    void a_refusal_of_a_values_path_names_the_line_of_that_key() {
        var refusal = new InvalidRequestException("Invalid values", List.of(
                new FieldViolation("values.singleuser.extraEnv[0].value", "holds a secret"),
                new FieldViolation("values.hub", "'hub' is not a value; did you mean 'proxy'?"),
                new FieldViolation("version", "unknown version")));

        assertThat(ValuesDialog.atLines(YAML, refusal)).isEqualTo("Line 5: holds a secret; "
                + "Line 6: 'hub' is not a value; did you mean 'proxy'?; unknown version");
    }

    @Test
    void a_path_below_a_key_falls_back_to_the_nearest_key_with_a_line() {
        var refusal = new InvalidRequestException("Invalid values",
                List.of(new FieldViolation("values.singleuser.missing.deeper", "too deep")));
        assertThat(ValuesDialog.atLines(YAML, refusal)).isEqualTo("Line 1: too deep");
    }

    @Test
    void a_syntax_error_names_its_line_and_a_list_is_not_values() {
        assertThatThrownBy(() -> ValuesDialog.parse("a: 1\nb: [unclosed\n"))
                .hasMessageStartingWith("Line ");
        assertThatThrownBy(() -> ValuesDialog.parse("- one\n- two\n")).hasMessageContaining("must be a map");
        assertThat(ValuesDialog.parse("  \n")).isEmpty();
        assertThat(ValuesDialog.parse(YAML)).containsKeys("singleuser", "hub");
    }
}
