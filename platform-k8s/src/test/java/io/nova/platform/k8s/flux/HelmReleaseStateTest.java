package io.nova.platform.k8s.flux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.nova.platform.core.module.ModulePhase;
import org.junit.jupiter.api.Test;

/** A module's phase from its Flux HelmRelease, as Flux's helm-controller reports it in the release's status. */
class HelmReleaseStateTest {

    @Test
    void ready_for_the_current_generation_is_ready_with_the_installed_chart_version() {
        var state = HelmReleaseState.of(release(3L, ready("True", "InstallSucceeded", "Helm install succeeded", 3L),
                "4.2.0"), "4.3.0");

        assertThat(state).isEqualTo(new HelmReleaseState(ModulePhase.READY,
                "InstallSucceeded: Helm install succeeded", "4.2.0"));
    }

    @Test
    void ready_for_an_older_generation_is_still_reconciling() {
        var state = HelmReleaseState.of(release(4L, ready("True", "UpgradeSucceeded", "ok", 3L), null), "4.3.0");

        assertThat(state.phase()).isEqualTo(ModulePhase.RECONCILING);
        assertThat(state.message()).contains("generation 4");
        assertThat(state.version()).isEqualTo("4.3.0");
    }

    @Test
    void a_release_being_deleted_or_missing_is_reconciling() {
        var deleting = release(1L, ready("True", "InstallSucceeded", "ok", 1L), null);
        deleting.getMetadata().setDeletionTimestamp("2026-12-02T10:00:00Z");

        assertThat(HelmReleaseState.of(deleting, "1.0.0").phase()).isEqualTo(ModulePhase.RECONCILING);
        assertThat(HelmReleaseState.of(null, "1.0.0").phase()).isEqualTo(ModulePhase.RECONCILING);
    }

    @Test
    void flux_retrying_or_waiting_for_a_dependency_is_reconciling_and_any_other_failure_failed() {
        assertThat(HelmReleaseState.of(release(1L, ready("False", "DependencyNotReady", "minio", 1L), null), "1")
                .phase()).isEqualTo(ModulePhase.RECONCILING);
        assertThat(HelmReleaseState.of(release(1L, ready("False", "Progressing", "", 1L), null), "1")
                .phase()).isEqualTo(ModulePhase.RECONCILING);
        var failed = HelmReleaseState.of(release(1L, ready("False", "InstallFailed", "timed out", 1L), null), "1");
        assertThat(failed).isEqualTo(new HelmReleaseState(ModulePhase.FAILED, "InstallFailed: timed out", "1"));
    }

    private static Map<String, Object> ready(String status, String reason, String message, Long observed) {
        return Map.of("type", "Ready", "status", status, "reason", reason, "message", message,
                "observedGeneration", observed);
    }

    private static GenericKubernetesResource release(Long generation, Map<String, Object> ready, String installed) {
        var release = new GenericKubernetesResource();
        release.setApiVersion("helm.toolkit.fluxcd.io/v2");
        release.setKind("HelmRelease");
        release.setMetadata(new ObjectMetaBuilder().withName("jupyterhub").withNamespace("nova-team-a")
                .withGeneration(generation).build());
        var status = new java.util.LinkedHashMap<String, Object>();
        status.put("conditions", List.of(ready));
        if (installed != null) {
            status.put("history", List.of(Map.of("chartVersion", installed)));
        }
        release.setAdditionalProperty("status", status);
        return release;
    }
}
