package io.nova.platform.core.module;

import java.util.List;
import java.util.Map;

import io.nova.platform.core.common.FieldViolation;
import io.nova.platform.core.module.ModuleValuesPolicy.Authority;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The values policy against the shipped catalog, as a tenant admin and as a platform admin would meet it. */
class ModuleValuesPolicyTest {

    private static final ModuleCatalog CATALOG = ModuleCatalog.loadDefault();
    private final ModuleValuesPolicy policy = new ModuleValuesPolicy();

    private List<FieldViolation> asTenant(String module, Map<String, Object> values) {
        return policy.check(CATALOG.find(module).orElseThrow(), values, Map.of(), Authority.TENANT_ADMIN);
    }

    @Test
    void a_tenant_admin_may_set_the_paths_the_catalog_gives_tenants_and_everything_beneath_them() {
        assertThat(asTenant("jupyterhub", Map.of("singleuser", Map.of("cpu", Map.of("limit", 4),
                "image", Map.of("name", "quay.io/jupyter/base-notebook", "tag", "latest")),
                "cull", Map.of("timeout", 600)))).isEmpty();
    }

    @Test
    void names_the_first_path_that_leaves_the_tenant_policy() {
        assertThat(asTenant("jupyterhub", Map.of("singleuser", Map.of("storage", Map.of("type", "static")))))
                .extracting(FieldViolation::field).containsExactly("values.singleuser.storage.type");
    }

    @Test
    void says_why_a_risky_key_is_refused_and_what_tenants_may_set() {
        assertThat(asTenant("airflow", Map.of("multiNamespaceMode", true))).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("values.multiNamespaceMode");
            assertThat(v.message()).contains("beyond the tenant's namespace").contains("they may set: airflowVersion");
        });
    }

    @Test
    void refuses_risky_keys_even_below_a_path_tenants_may_set() {
        assertThat(asTenant("airflow", Map.of("dags", Map.of("gitSync", Map.of("uid", 0)))))
                .extracting(FieldViolation::field).containsExactly("values.dags.gitSync.uid");
    }

    @Test
    void refuses_helm_templates_in_values_and_keys() {
        assertThat(asTenant("minio", Map.of("environment", Map.of("A", "{{ .Release.Name }}", "{{B}}", "x"))))
                .extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("values.environment.A", "values.environment[\"{{B}}\"]");
    }

    @Test
    void refuses_nvidia_device_variables_in_map_and_list_form() {
        assertThat(asTenant("mlflow", Map.of("extraEnvVars", Map.of("NVIDIA_VISIBLE_DEVICES", "all"))))
                .extracting(FieldViolation::field).containsExactly("values.extraEnvVars.NVIDIA_VISIBLE_DEVICES");
        assertThat(asTenant("airflow", Map.of("env", List.of(Map.of("name", "nvidia_driver_capabilities",
                "value", "all"))))).extracting(FieldViolation::field).containsExactly("values.env[0]");
    }

    @Test
    void a_tenant_admin_may_send_back_what_a_platform_admin_set_but_not_change_it() {
        var module = CATALOG.find("jupyterhub").orElseThrow();
        Map<String, Object> stored = Map.of("singleuser", Map.of("nodeSelector", Map.of("disk", "ssd")));

        assertThat(policy.check(module, Map.of("singleuser", Map.of("nodeSelector", Map.of("disk", "ssd"),
                "cpu", Map.of("limit", 2))), stored, Authority.TENANT_ADMIN)).isEmpty();
        assertThat(policy.check(module, Map.of("singleuser", Map.of("nodeSelector", Map.of("disk", "hdd"))), stored,
                Authority.TENANT_ADMIN)).extracting(FieldViolation::field)
                .containsExactly("values.singleuser.nodeSelector");
    }

    @Test
    void a_platform_admin_may_set_every_key_the_chart_knows_by_default() {
        var module = CATALOG.find("airflow").orElseThrow();

        assertThat(policy.check(module, Map.of("multiNamespaceMode", true, "workers", Map.of("nodeSelector",
                Map.of("a", "b"))), Map.of(), Authority.PLATFORM_ADMIN)).isEmpty();
    }

    @Test
    void the_catalog_can_narrow_what_platform_admins_may_set() {
        var base = CATALOG.find("minio").orElseThrow();
        var narrowed = new ModuleDefinition(base.key(), base.name(), base.description(), base.scope(), base.chart(),
                base.defaultVersion(), base.supportedVersions(), base.defaultValues(), base.dependencies(),
                base.webUi(), base.uiUrlPattern(), base.valueKeys(), base.releaseNamespace(),
                new ModuleTenancy(List.of("resources"), List.of("resources", "persistence"), null, null, null, false,
                        null), List.of());

        assertThat(policy.check(narrowed, Map.of("persistence", Map.of("size", "1Ti"), "extraSecret", "x"),
                Map.of(), Authority.PLATFORM_ADMIN)).extracting(FieldViolation::field)
                .containsExactly("values.extraSecret");
    }
}
