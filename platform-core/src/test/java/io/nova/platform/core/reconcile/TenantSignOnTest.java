package io.nova.platform.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.nova.platform.core.cluster.ClusterSync;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.cluster.DeliveryMode;
import io.nova.platform.core.cluster.SyncState;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.identity.ClusterToolClient;
import io.nova.platform.core.identity.ClusterToolIdentity;
import io.nova.platform.core.identity.ProvisioningReport;
import io.nova.platform.core.identity.TenantIdentity;
import io.nova.platform.core.identity.TenantSecrets;
import io.nova.platform.core.module.ModuleCatalog;
import io.nova.platform.core.module.ModulePhase;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.module.ModuleStatusReport;
import io.nova.platform.core.module.SecretDelivery;
import io.nova.platform.core.module.integration.GeneratedCredential;
import org.junit.jupiter.api.Test;

/**
 * The reconcile step's handling of the cluster's own web UIs, with a recording stand-in for the Vault port (the
 * Vault side itself is tested against the Vault API test double in platform-vault).
 */
class TenantSignOnTest {

    private static final ModuleCatalog CATALOG = ModuleCatalog.loadDefault();
    private static final List<String> PLATFORM_GROUPS = List.of("platform-admins", "platform-viewers");

    private final RecordingSecrets secrets = new RecordingSecrets();
    private final TenantSignOn signOn = new TenantSignOn(secrets, PLATFORM_GROUPS, "flux-system");

    @Test
    void the_clusters_unit_provisions_a_client_per_cluster_web_ui_for_the_platforms_groups() {
        var reports = signOn.provision(state(grafana(true), neuvector(false)), true, true);

        assertThat(secrets.clusters).singleElement().satisfies(identity -> {
            assertThat(identity.cluster()).isEqualTo("lab");
            assertThat(identity.groups()).isEqualTo(PLATFORM_GROUPS);
            assertThat(identity.clients()).containsExactly(new ClusterToolClient("kube-prometheus-stack",
                    "monitoring", List.of("https://grafana-lab.example.com/login/generic_oauth")));
        });
        assertThat(reports).containsOnlyKeys(ReconcileUnits.CLUSTER);
        assertThat(signOn.failed(reports)).isEmpty();
    }

    @Test
    void a_private_repositorys_credentials_are_read_by_fluxs_namespace_only() {
        var cluster = new ClusterView("lab", DeliveryMode.GITOPS, null, null,
                new io.nova.platform.core.cluster.GitOpsTarget("https://git.example.com/fleet.git", "main",
                        "clusters/lab", "clusters/lab/git", null),
                new ClusterSync(SyncState.PENDING, null, null, null, null), 0, Instant.EPOCH, Instant.EPOCH);

        signOn.provision(new DesiredState(cluster, List.of(), List.of(), List.of(), List.of()), true, true);

        assertThat(secrets.clusters).singleElement().satisfies(identity -> assertThat(identity.clients())
                .containsExactly(new ClusterToolClient(ClusterToolClient.GITOPS, "flux-system", List.of(),
                        List.of("clusters/lab/git"))));
    }

    @Test
    void a_part_without_the_clusters_unit_leaves_the_cluster_uis_alone() {
        signOn.provision(state(grafana(true)), true, false);

        assertThat(secrets.clusters).isEmpty();
    }

    @Test
    void a_failed_cluster_client_keeps_the_clusters_unit_dirty_and_degrades_the_component() {
        secrets.clusterFailure = Map.of("kube-prometheus-stack", "Vault answered 400: invalid redirect URI");
        DesiredState state = state(grafana(true));

        var reports = signOn.provision(state, true, true);

        assertThat(signOn.failed(reports)).containsExactly(ReconcileUnits.CLUSTER);
        assertThat(signOn.problems(reports)).containsExactly(
                "Vault, cluster lab, kube-prometheus-stack: Vault answered 400: invalid redirect URI");
        var status = new ModuleStatusReport(null, "kube-prometheus-stack", 1, ModulePhase.READY, "Ready");
        assertThat(signOn.decorate(List.of(status), state, reports)).singleElement().satisfies(decorated -> {
            assertThat(decorated.phase()).isEqualTo(ModulePhase.DEGRADED);
            assertThat(decorated.message()).isEqualTo("Single sign-on: Vault answered 400: invalid redirect URI");
        });
    }

    @Test
    void a_plan_only_plans_the_cluster_uis() {
        signOn.provision(state(grafana(true)), false, true);

        assertThat(secrets.plannedClusters).hasSize(1);
        assertThat(secrets.clusters).isEmpty();
    }

    private static DesiredState state(ModuleSnapshot... clusterModules) {
        var cluster = new ClusterView("lab", DeliveryMode.GITOPS, null, null, null,
                new ClusterSync(SyncState.PENDING, null, null, null, null), 0, Instant.EPOCH, Instant.EPOCH);
        return new DesiredState(cluster, List.of(), List.of(), List.of(), List.of(clusterModules));
    }

    private static ModuleSnapshot grafana(boolean enabled) {
        return clusterModule("kube-prometheus-stack", enabled, "https://grafana-lab.example.com");
    }

    private static ModuleSnapshot neuvector(boolean enabled) {
        return clusterModule("neuvector", enabled, "https://neuvector-lab.example.com");
    }

    private static ModuleSnapshot clusterModule(String key, boolean enabled, String uiUrl) {
        var module = CATALOG.find(key).orElseThrow();
        return new ModuleSnapshot(null, module, enabled, module.defaultVersion(), Map.of(),
                SecretDelivery.EXTERNAL_SECRETS, 1, uiUrl);
    }

    /** Records what the step asks of Vault; reports a failure for the modules it is told to. */
    private static final class RecordingSecrets implements TenantSecrets {

        final List<ClusterToolIdentity> clusters = new ArrayList<>();
        final List<ClusterToolIdentity> plannedClusters = new ArrayList<>();
        Map<String, String> clusterFailure = Map.of();

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public ProvisioningReport provision(TenantIdentity tenant) {
            return new ProvisioningReport(tenant.slug(), List.of(), Map.of(), null);
        }

        @Override
        public ProvisioningReport plan(TenantIdentity tenant) {
            return provision(tenant);
        }

        @Override
        public ProvisioningReport provisionClusterTools(ClusterToolIdentity cluster) {
            clusters.add(cluster);
            return new ProvisioningReport(cluster.cluster(), List.of(), clusterFailure, null);
        }

        @Override
        public ProvisioningReport planClusterTools(ClusterToolIdentity cluster) {
            plannedClusters.add(cluster);
            return new ProvisioningReport(cluster.cluster(), List.of(), Map.of(), null);
        }

        @Override
        public ProvisioningReport remove(String tenant) {
            return ProvisioningReport.failed(tenant, "not here");
        }

        @Override
        public void rotateClientSecret(String tenant, String module) {
        }

        @Override
        public void rotateCredential(String tenant, GeneratedCredential credential) {
        }

        @Override
        public void putApiKeyVerifier(String tenant, String name, String verifier) {
        }
    }
}
