package io.nova.platform.app.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Containers run hardened and secrets are referenced, never inlined, whatever the values. */
class ChartSecurityTest {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|credential|key).*");
    /** A value that looks like key material or a credential rather than a setting. */
    private static final Pattern SECRET_LOOKING = Pattern.compile(
            "(?i)(-----BEGIN|hvs\\.|s\\.[A-Za-z0-9]{20,}|^[A-Za-z0-9+/_-]{32,}={0,2}$|://[^/@\\s]+:[^/@\\s]+@)");

    @ParameterizedTest
    @ValueSource(strings = {"minimal.yaml", "pilot.yaml", "gitops.yaml"})
    void every_container_runs_hardened_including_the_helm_test(String values) {
        var chart = HelmChart.templateWithTests(values);

        assertThat(chart.kinds()).contains("Pod");
        assertThat(chart.podSpecs()).hasSize(2).allSatisfy(pod -> {
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getContainers()).allSatisfy(ChartSecurityTest::assertHardened);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal.yaml", "pilot.yaml", "gitops.yaml"})
    void the_read_only_root_leaves_only_tmp_and_the_data_dir_writable(String values) {
        var chart = HelmChart.template(values);
        Container platform = chart.platformContainer();

        List<VolumeMount> writable = platform.getVolumeMounts().stream()
                .filter(m -> !Boolean.TRUE.equals(m.getReadOnly())).toList();
        assertThat(writable).extracting(VolumeMount::getMountPath).containsExactlyInAnyOrder("/tmp", "/var/lib/nova");
        assertThat(chart.env("NOVA_DATA_DIR")).isEqualTo("/var/lib/nova");
        assertThat(chart.env("JAVA_TOOL_OPTIONS")).contains("-Djava.io.tmpdir=/tmp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal.yaml", "pilot.yaml", "gitops.yaml"})
    void secrets_are_referenced_from_existing_secrets_never_inlined(String values) {
        var chart = HelmChart.template(values);

        assertThat(chart.kinds()).doesNotContain("Secret");
        for (EnvVar env : chart.platformContainer().getEnv()) {
            if (SECRET_NAME.matcher(env.getName()).matches() && !env.getName().endsWith("FILE")) {
                assertThat(env.getValue()).as(env.getName() + " must come from a Secret").isNull();
                assertThat(env.getValueFrom().getSecretKeyRef()).as(env.getName()).isNotNull();
            }
            if (env.getValue() != null) {
                assertThat(env.getValue()).as(env.getName()).doesNotContainPattern(SECRET_LOOKING);
            }
        }
        assertThat(chart.platformContainer().getEnv()).filteredOn(e -> e.getName().equals("NOVA_DB_PASSWORD"))
                .singleElement().satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName())
                        .isEqualTo("nova-db"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gitops.yaml"})
    void a_vault_token_is_a_mounted_file_from_its_secret(String values) {
        var chart = HelmChart.template(values);
        PodSpec pod = chart.deployment().getSpec().getTemplate().getSpec();

        assertThat(chart.env("NOVA_VAULT_TOKENFILE")).isEqualTo("/etc/nova/vault/token");
        assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("vault-credentials")).singleElement()
                .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("nova-vault-token"));
        assertThat(chart.platformContainer().getVolumeMounts())
                .filteredOn(m -> m.getMountPath().equals("/etc/nova/vault")).singleElement()
                .satisfies(m -> assertThat(m.getReadOnly()).isTrue());
    }

    @Test
    void the_git_token_and_the_console_client_secret_are_mounted_files_from_their_secrets() {
        var gitops = HelmChart.template("gitops.yaml");
        assertThat(gitops.env("NOVA_GITOPS_TOKEN_FILE")).isEqualTo("/etc/nova/git/token");
        assertThat(gitops.env("NOVA_GITOPS_USERNAME")).isEqualTo("nova-bot");
        assertThat(gitops.deployment().getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(v -> v.getName().equals("git-credentials")).singleElement()
                .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("nova-gitops-token"));

        var pilot = HelmChart.template("pilot.yaml");
        assertThat(pilot.env("NOVA_LOGIN_CLIENT_ID")).isEqualTo("nova-console-client-id");
        assertThat(pilot.env("NOVA_LOGIN_CLIENT_SECRET_FILE")).isEqualTo("/etc/nova/login/client-secret");
        assertThat(pilot.env("NOVA_LOGIN_CLIENT_SECRET")).isNull();
        assertThat(pilot.deployment().getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(v -> v.getName().equals("login-client-secret")).singleElement()
                .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("nova-console-oidc"));
        assertThat(pilot.platformContainer().getVolumeMounts())
                .filteredOn(m -> m.getMountPath().equals("/etc/nova/login")).singleElement()
                .satisfies(m -> assertThat(m.getReadOnly()).isTrue());
    }

    private static void assertHardened(Container container) {
        var context = container.getSecurityContext();
        assertThat(context).as(container.getName()).isNotNull();
        assertThat(context.getRunAsNonRoot()).isTrue();
        assertThat(context.getReadOnlyRootFilesystem()).isTrue();
        assertThat(context.getAllowPrivilegeEscalation()).isFalse();
        assertThat(context.getPrivileged()).isFalse();
        assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(context.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(context.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getResources().getLimits()).containsKey("memory");
    }
}
