package io.nova.platform.core.module;

import io.nova.platform.core.common.FieldViolation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModuleValuesValidatorTest {

    private static final ModuleDefinition JUPYTERHUB = new ModuleDefinition("jupyterhub", "JupyterHub", "",
            ModuleScope.TENANT, new ChartSource(ChartSourceType.HELM, "https://hub.jupyter.org/helm-chart/",
            "jupyterhub"), "4.4.0", List.of("4.4.0"), Map.of(), List.of(), true, "https://jupyter-{tenant}.{domain}",
            new LinkedHashSet<>(List.of("hub", "proxy", "singleuser", "scheduling", "ingress", "cull", "debug")),
            null);

    private final ModuleValuesValidator validator = new ModuleValuesValidator();

    @Test
    void accepts_known_top_level_keys_with_any_nested_values() {
        var values = Map.<String, Object>of(
                "singleuser", Map.of("image", Map.of("name", "quay.io/jupyter/scipy-notebook", "tag", "2025-06-02"),
                        "memory", Map.of("limit", "4G")),
                "cull", Map.of("enabled", true, "timeout", 7200));

        assertThat(validator.validate(JUPYTERHUB, values)).isEmpty();
    }

    @Test
    void accepts_no_values() {
        assertThat(validator.validate(JUPYTERHUB, Map.of())).isEmpty();
        assertThat(validator.validate(JUPYTERHUB, null)).isEmpty();
    }

    @Test
    void rejects_unknown_top_level_value_key_and_suggests_the_closest_one() {
        var violations = validator.validate(JUPYTERHUB, Map.of("singelUser", Map.of("image", Map.of())));

        assertThat(violations).containsExactly(new FieldViolation("values.singelUser",
                "'singelUser' is not a value of module 'jupyterhub' (chart jupyterhub); did you mean 'singleuser'?"));
    }

    @Test
    void suggests_a_key_that_differs_only_in_case() {
        assertThat(validator.validate(JUPYTERHUB, Map.of("Proxy", Map.of())))
                .singleElement().extracting(FieldViolation::message).asString()
                .endsWith("did you mean 'proxy'?");
    }

    @Test
    void suggests_nothing_when_no_valid_key_is_near() {
        assertThat(validator.validate(JUPYTERHUB, Map.of("grafana", Map.of())))
                .containsExactly(new FieldViolation("values.grafana",
                        "'grafana' is not a value of module 'jupyterhub' (chart jupyterhub)"));
    }

    @Test
    void rejects_values_larger_than_64_kib_serialized() {
        var values = Map.<String, Object>of("hub", Map.of("extraConfig", Map.of("big", "x".repeat(70_000))));

        assertThat(validator.validate(JUPYTERHUB, values)).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("values");
            assertThat(violation.message()).contains("65536 (64 KiB)");
        });
    }

    @Test
    void accepts_values_just_under_64_kib() {
        var values = Map.<String, Object>of("hub", Map.of("extraConfig", Map.of("big", "x".repeat(60_000))));

        assertThat(validator.validate(JUPYTERHUB, values)).isEmpty();
    }

    @Test
    void accepts_values_nested_twenty_levels_deep() {
        assertThat(validator.validate(JUPYTERHUB, Map.of("hub", nested(19)))).isEmpty();
    }

    @Test
    void rejects_values_nested_deeper_than_twenty_levels_at_the_path_where_they_get_too_deep() {
        var violations = validator.validate(JUPYTERHUB, Map.of("hub", nested(20)));

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("values.hub" + ".n".repeat(19));
            assertThat(violation.message()).contains("at most 20");
        });
    }

    @Test
    void counts_lists_as_nesting_levels() {
        Object deep = "leaf";
        for (int i = 0; i < 20; i++) {
            deep = List.of(deep);
        }

        assertThat(validator.validate(JUPYTERHUB, Map.of("hub", deep))).singleElement()
                .extracting(FieldViolation::field).isEqualTo("values.hub" + "[0]".repeat(19));
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "adminPassword", "cookieSecret", "secretToken", "client_secret",
            "api-key", "apiKey", "APIKey", "x_api_key", "accessKey", "secretKey", "privateKey", "credentials",
            "AWS_SECRET_ACCESS_KEY", "oauth-token", "fernetKey", "webserverSecretKey", "encryptionKey",
            "DB_PWD", "passphrase", "stringData"})
    void rejects_a_secret_written_as_a_literal(String key) {
        var violations = validator.validate(JUPYTERHUB, Map.of("hub", Map.of("config", Map.of(key, "s3cr3t"))));

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("values.hub.config." + key);
            assertThat(violation.message()).contains("StarVault");
        });
    }

    @Test
    void rejects_a_secret_at_the_top_level_and_inside_lists() {
        var values = Map.<String, Object>of(
                "proxy", Map.of("secretToken", "abc"),
                "singleuser", Map.of("profileList", List.of(Map.of("display_name", "GPU",
                        "kubespawner_override", Map.of("environment", Map.of("HF_TOKEN", "hf_xyz"))))));

        assertThat(validator.validate(JUPYTERHUB, values)).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("values.proxy.secretToken",
                        "values.singleuser.profileList[0].kubespawner_override.environment.HF_TOKEN");
    }

    @Test
    void rejects_a_secret_environment_variable_given_by_value() {
        var values = Map.<String, Object>of("hub", Map.of("extraEnv", List.of(
                Map.of("name", "DB_PASSWORD", "value", "hunter2"),
                Map.of("name", "LOG_LEVEL", "value", "debug"))));

        assertThat(validator.validate(JUPYTERHUB, values)).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("values.hub.extraEnv[0].value");
            assertThat(violation.message()).contains("DB_PASSWORD").contains("StarVault");
        });
    }

    @Test
    void accepts_references_to_existing_secrets() {
        var values = Map.<String, Object>of("hub", Map.of(
                "existingSecret", "hub-secrets",
                "db", Map.of("secretName", "hub-db", "passwordKey", "password"),
                "extraEnv", List.of(Map.of("name", "DB_PASSWORD",
                        "valueFrom", Map.of("secretKeyRef", Map.of("name", "hub-db", "key", "password")))),
                "auth", Map.of("existingSecret", Map.of("name", "oidc", "clientSecretKey", "client-secret")),
                "tokenRef", Map.of("name", "api-token", "token", "ignored-inside-a-reference"),
                "envFrom", List.of(Map.of("secretRef", Map.of("name", "hub-env")))));

        assertThat(validator.validate(JUPYTERHUB, values)).isEmpty();
    }

    @Test
    void rejects_numbers_under_secret_names_secret_manifests_content_and_urls_with_passwords() {
        var values = Map.<String, Object>of(
                "hub", Map.of("db", Map.of("password", 123456, "url", "postgresql://hub:hunter2@db:5432/hub")),
                "proxy", Map.of("extraSecrets", Map.of("hub-extra", Map.of("stringData", Map.of("token", "abc")))),
                "singleuser", Map.of("automountServiceAccountToken", true,
                        "homepage", "https://jupyter.org/docs"));

        assertThat(validator.validate(JUPYTERHUB, values)).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("values.hub.db.password", "values.hub.db.url",
                        "values.proxy.extraSecrets.hub-extra.stringData");
    }

    @Test
    void accepts_empty_and_non_string_values_under_secret_names() {
        var values = new HashMap<String, Object>();
        values.put("password", "");
        values.put("cookieSecret", null);
        values.put("token", " ");
        values.put("credentials", Map.of());
        values.put("secret", Map.of("create", false));

        assertThat(validator.validate(JUPYTERHUB, Map.of("hub", values))).isEmpty();
    }

    @Test
    void does_not_take_words_that_only_contain_a_secret_word_for_secrets() {
        var values = Map.<String, Object>of("hub", Map.of(
                "tokenizer", "bpe",
                "passwordless", "enabled",
                "secretary", "ann",
                "tokenTtl", "1h",
                "authTokenFile", "/etc/hub/token"));

        assertThat(validator.validate(JUPYTERHUB, values)).isEmpty();
    }

    @Test
    void names_keys_that_are_not_plain_words_in_brackets() {
        var values = Map.<String, Object>of("hub", Map.of("annotations", Map.of("example.com/api-key", "k")));

        assertThat(validator.validate(JUPYTERHUB, values)).extracting(FieldViolation::field)
                .containsExactly("values.hub.annotations[\"example.com/api-key\"]");
    }

    @Test
    void reports_every_broken_rule_at_once() {
        var values = Map.<String, Object>of("hubb", Map.of(), "proxy", Map.of("secretToken", "abc"));

        assertThat(validator.validate(JUPYTERHUB, values)).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("values.hubb", "values.proxy.secretToken");
    }

    private static Map<String, Object> nested(int levels) {
        Map<String, Object> map = Map.of("leaf", true);
        for (int i = 1; i < levels; i++) {
            map = Map.of("n", map);
        }
        return map;
    }
}
