package io.nova.platform.app.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

/** Several replicas: kept running through node drains, spread over nodes and zones, sized for parallel reconciles. */
class ChartReplicasTest {

    @Test
    void three_replicas_keep_two_running_through_a_drain_and_spread_over_nodes_and_zones() {
        var chart = HelmChart.template("ha.yaml");

        assertThat(chart.deployment().getSpec().getReplicas()).isEqualTo(3);
        PodDisruptionBudget budget = chart.one(PodDisruptionBudget.class);
        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(budget.getSpec().getSelector().getMatchLabels())
                .isEqualTo(chart.deployment().getSpec().getSelector().getMatchLabels());
        List<TopologySpreadConstraint> spread = chart.deployment().getSpec().getTemplate().getSpec()
                .getTopologySpreadConstraints();
        assertThat(spread).extracting(TopologySpreadConstraint::getTopologyKey)
                .containsExactly("kubernetes.io/hostname", "topology.kubernetes.io/zone");
        assertThat(spread).allSatisfy(constraint -> {
            assertThat(constraint.getMaxSkew()).isEqualTo(1);
            assertThat(constraint.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
            assertThat(constraint.getLabelSelector().getMatchLabels())
                    .isEqualTo(chart.deployment().getSpec().getSelector().getMatchLabels());
        });
    }

    @Test
    void the_replicas_get_the_reconcile_workers_lease_and_connection_pool_of_the_values() {
        var chart = HelmChart.template(List.of("ha.yaml"), "reconcile.workers=6", "reconcile.leaseDuration=45s",
                "database.poolSize=20");

        assertThat(chart.env("NOVA_RECONCILE_WORKERS")).isEqualTo("6");
        assertThat(chart.env("NOVA_RECONCILE_LEASEDURATION")).isEqualTo("45s");
        assertThat(chart.env("NOVA_DB_POOL_SIZE")).isEqualTo("20");
        assertThat(chart.env("NOVA_DB_URL")).isEqualTo(
                "jdbc:postgresql://nova-db-rw.db.svc:5432/nova?sslmode=require&tcpKeepAlive=true");
    }

    @Test
    void a_single_replica_has_neither_a_disruption_budget_nor_spread_constraints() {
        var chart = HelmChart.template("minimal.yaml");

        assertThat(chart.kinds()).doesNotContain("PodDisruptionBudget");
        assertThat(chart.deployment().getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).isEmpty();
    }

    @Test
    void own_spread_constraints_replace_the_default_ones() {
        var chart = HelmChart.template(List.of("ha.yaml"),
                "topologySpreadConstraints[0].maxSkew=1",
                "topologySpreadConstraints[0].topologyKey=kubernetes.io/hostname",
                "topologySpreadConstraints[0].whenUnsatisfiable=DoNotSchedule",
                "topologySpreadConstraints[0].labelSelector.matchLabels.app\\.kubernetes\\.io/name=nova-platform");

        assertThat(chart.deployment().getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                .singleElement().satisfies(constraint -> {
                    assertThat(constraint.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                    assertThat(constraint.getWhenUnsatisfiable()).isEqualTo("DoNotSchedule");
                });
    }

    @Test
    void several_replicas_on_one_read_write_once_volume_are_refused_with_a_clear_message() {
        assertThatThrownBy(() -> HelmChart.template(List.of("gitops.yaml"), "replicaCount=3"))
                .hasMessageContaining("persistence with replicaCount > 1 needs persistence.accessMode ReadWriteMany");
    }
}
