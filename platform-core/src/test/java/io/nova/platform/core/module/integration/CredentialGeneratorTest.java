package io.nova.platform.core.module.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CredentialGeneratorTest {

    private static final GeneratedCredential DATABASE = new GeneratedCredential("db", List.of(
            new CredentialKey("username", CredentialKind.FIXED, "mlflow"),
            new CredentialKey("password", CredentialKind.PASSWORD, null),
            new CredentialKey("uri", CredentialKind.DERIVED, "postgresql://{{username}}:{{ password }}@db:5432/mlflow")),
            "database");

    private final CredentialGenerator generator = new CredentialGenerator();

    @Test
    void every_kind_has_the_form_its_consumer_expects() {
        var credential = new GeneratedCredential("all", List.of(new CredentialKey("a", CredentialKind.ACCESS_KEY, null),
                new CredentialKey("p", CredentialKind.PASSWORD, null), new CredentialKey("f", CredentialKind.FERNET_KEY, null),
                new CredentialKey("h", CredentialKind.HEX_KEY, null), new CredentialKey("c", CredentialKind.COOKIE_SECRET, null)),
                "all kinds");

        Map<String, String> values = generator.generate(credential);

        assertThat(values.get("a")).matches("[A-Z0-9]{20}");
        assertThat(values.get("p")).matches("[A-Za-z0-9]{40}");
        assertThat(Base64.getUrlDecoder().decode(values.get("f"))).hasSize(32);
        assertThat(values.get("h")).matches("[0-9a-f]{64}");
        assertThat(values.get("c")).matches("[A-Za-z0-9]{32}");
        assertThat(generator.generate(credential).get("p")).isNotEqualTo(values.get("p"));
    }

    @Test
    void a_derived_key_is_made_from_the_generated_ones() {
        Map<String, String> values = generator.generate(DATABASE);

        assertThat(values).containsOnlyKeys("username", "password", "uri");
        assertThat(values.get("uri")).isEqualTo("postgresql://mlflow:" + values.get("password") + "@db:5432/mlflow");
    }

    @Test
    void completing_keeps_existing_values_and_fills_keys_added_since() {
        Map<String, String> values = generator.complete(DATABASE, Map.of("password", "kept$1\\x", "uri", "stale"));

        assertThat(values.get("password")).isEqualTo("kept$1\\x");
        assertThat(values.get("uri")).isEqualTo("postgresql://mlflow:kept$1\\x@db:5432/mlflow");
        assertThat(values.get("username")).isEqualTo("mlflow");
    }

    @Test
    void a_plan_marks_what_would_be_generated_without_drawing_a_single_random_value() {
        var noRandomness = new CredentialGenerator(new java.security.SecureRandom() {
            @Override
            public int nextInt(int bound) {
                throw new AssertionError("a plan drew a random value");
            }

            @Override
            public void nextBytes(byte[] bytes) {
                throw new AssertionError("a plan drew random bytes");
            }
        });

        assertThat(noRandomness.planned(DATABASE, Map.of())).containsExactly(Map.entry("username", "mlflow"),
                Map.entry("password", CredentialGenerator.NOT_GENERATED),
                Map.entry("uri", "postgresql://mlflow:" + CredentialGenerator.NOT_GENERATED + "@db:5432/mlflow"));
        Map<String, String> stored = generator.generate(DATABASE);
        assertThat(noRandomness.planned(DATABASE, stored)).as("nothing to generate: what Vault holds")
                .isEqualTo(stored);
    }

    @Test
    void rejects_a_template_that_uses_an_unknown_or_derived_key() {
        assertThatThrownBy(() -> new GeneratedCredential("db", List.of(
                new CredentialKey("password", CredentialKind.PASSWORD, null),
                new CredentialKey("uri", CredentialKind.DERIVED, "x://{{user}}:{{password}}")), "x"))
                .hasMessageContaining("key 'uri' uses 'user'");
        assertThatThrownBy(() -> new GeneratedCredential("db", List.of(
                new CredentialKey("a", CredentialKind.DERIVED, "{{b}}"),
                new CredentialKey("b", CredentialKind.DERIVED, "{{a}}")), "x"))
                .hasMessageContaining("not a generated or fixed key");
    }
}
