package io.nova.platform.core.tenant;

import java.util.List;

import io.nova.platform.core.common.FieldViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The tenant rules that keep a tenant's groups and egress from reaching beyond it. */
class TenantRulesTest {

    private static TenantSpec spec(List<String> owners, List<String> members, List<String> egress) {
        return new TenantSpec("team-a", "Team A", null, owners, members, null, null, null, null, egress);
    }

    private static List<String> fields(TenantSpec spec) {
        return TenantService.problems(spec, true).stream().map(FieldViolation::field).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"system:authenticated", "system:serviceaccounts", "*", "team-*"})
    void refuses_owner_and_member_groups_that_everyone_has(String group) {
        assertThat(fields(spec(List.of(group), List.of(), List.of()))).containsExactly("ownerGroups[0]");
        assertThat(fields(spec(List.of(), List.of(group), List.of()))).containsExactly("memberGroups[0]");
    }

    @Test
    void a_group_is_an_owner_or_a_member_not_both() {
        assertThat(fields(spec(List.of("team-a"), List.of("team-a"), List.of()))).containsExactly("memberGroups[0]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.20.0.0/16", "192.168.7.0/24", "fd00:1::/64", "172.16.4.4/32"})
    void accepts_private_ranges_for_extra_egress(String cidr) {
        assertThat(fields(spec(List.of("a"), List.of(), List.of(cidr)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254/32", "169.0.0.0/8", "0.0.0.0/0", "fe80::/64", "10.0.0.1/8",
            "300.1.1.1/32", "10.0.0.0", "example.com/32", "10.0.0.0/33"})
    void refuses_ranges_that_are_malformed_open_everything_or_reach_cloud_metadata(String cidr) {
        assertThat(fields(spec(List.of("a"), List.of(), List.of(cidr)))).containsExactly("egressCidrs[0]");
    }
}
