package io.nova.platform.k8s.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.nova.platform.k8s.render.Labels;

class DirectScopeTest {

    private static final ConfigMap TEAM_A = object(Map.of(Labels.TENANT, "team-a"));
    private static final ConfigMap TEAM_B = object(Map.of(Labels.TENANT, "team-b"));
    private static final ConfigMap CLUSTERS_OWN = object(Map.of(Labels.MANAGED_BY, Labels.MANAGER));
    private static final ConfigMap UNLABELLED = object(null);

    @Test
    void everythingIncludesEveryObjectAndListsWithoutATenantSelector() {
        DirectScope everything = DirectScope.everything();

        assertThat(List.of(TEAM_A, TEAM_B, CLUSTERS_OWN, UNLABELLED)).allMatch(everything::includes);
        assertThat(everything.selectors()).containsExactly(DirectScope.Selector.ANY);
    }

    @Test
    void aTenantScopeIncludesOnlyThatTenantsObjects() {
        DirectScope teamA = DirectScope.of(false, List.of("team-a"));

        assertThat(teamA.includes(TEAM_A)).isTrue();
        assertThat(teamA.includes(TEAM_B)).isFalse();
        assertThat(teamA.includes(CLUSTERS_OWN)).isFalse();
        assertThat(teamA.includes(UNLABELLED)).isFalse();
        assertThat(teamA.selectors()).containsExactly(new DirectScope.Selector(false, List.of("team-a")));
    }

    @Test
    void theClustersScopeIncludesTheObjectsWithoutATenantLabel() {
        DirectScope cluster = DirectScope.of(true, List.of());

        assertThat(cluster.includes(CLUSTERS_OWN)).isTrue();
        assertThat(cluster.includes(UNLABELLED)).isTrue();
        assertThat(cluster.includes(TEAM_A)).isFalse();
        assertThat(cluster.selectors()).containsExactly(DirectScope.Selector.NO_TENANT);
    }

    @Test
    void anEmptyScopeListsNothingAndIncludesNothing() {
        DirectScope nothing = DirectScope.of(false, List.of());

        assertThat(nothing.selectors()).isEmpty();
        assertThat(List.of(TEAM_A, CLUSTERS_OWN, UNLABELLED)).noneMatch(nothing::includes);
    }

    @Test
    void tenantsAreSortedAndNamedFiftyToASelector() {
        var tenants = new ArrayList<String>();
        for (int i = 101; i >= 0; i--) {
            tenants.add("t-%03d".formatted(i));
        }

        List<DirectScope.Selector> selectors = DirectScope.of(false, tenants).selectors();

        assertThat(selectors).hasSize(3);
        assertThat(selectors.getFirst().tenantIn()).hasSize(50).startsWith("t-000", "t-001").endsWith("t-049");
        assertThat(selectors.get(1).tenantIn()).hasSize(50).startsWith("t-050").endsWith("t-099");
        assertThat(selectors.get(2).tenantIn()).containsExactly("t-100", "t-101");
    }

    @Test
    void aSlugThatCannotBeALabelValueIsRefused() {
        assertThatThrownBy(() -> DirectScope.of(false, List.of("team-a,team-b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DirectScope.of(false, List.of("a) or (b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DirectScope(true, true, new java.util.TreeSet<>(List.of("team-a"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ConfigMap object(Map<String, String> labels) {
        return new ConfigMapBuilder().withNewMetadata().withName("x").withNamespace("y").withLabels(labels)
                .endMetadata().build();
    }
}
