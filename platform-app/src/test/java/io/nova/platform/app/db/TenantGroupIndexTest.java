package io.nova.platform.app.db;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.ConnectionCallback;

import io.nova.platform.app.support.ApiTest;

/**
 * Team admins' and members' tenant lists find tenants by group through an index (real PostgreSQL), and find exactly
 * the tenants whose owner or member groups hold one of the caller's.
 */
class TenantGroupIndexTest extends ApiTest {

    private static final String OWNED = "SELECT slug FROM tenant WHERE nova_text_array(owner_groups) && "
            + "CAST(? AS text[]) OR nova_text_array(member_groups) && CAST(? AS text[]) ORDER BY slug";

    @Test
    void a_group_lookup_uses_the_group_indexes() {
        List<String> plan = jdbc.execute((ConnectionCallback<List<String>>) connection -> {
            try (var statement = connection.createStatement()) {
                // a test database is small: forbid the sequential scan to see whether an index can serve it
                statement.execute("SET enable_seqscan = off");
            }
            var lines = new ArrayList<String>();
            try (var explain = connection.prepareStatement("EXPLAIN " + OWNED)) {
                var groups = connection.createArrayOf("text", new String[]{"team-x-admins"});
                explain.setArray(1, groups);
                explain.setArray(2, groups);
                try (var rows = explain.executeQuery()) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
            } finally {
                try (var statement = connection.createStatement()) {
                    statement.execute("RESET enable_seqscan");
                }
            }
            return lines;
        });

        assertThat(String.join("\n", plan)).contains("tenant_owner_groups_idx").contains("tenant_member_groups_idx");
    }

    @Test
    void finds_the_tenants_whose_owner_or_member_groups_hold_one_of_the_callers() {
        String owned = unique("owned");
        String member = unique("member");
        String other = unique("other");
        String group = unique("grp");
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'O', 'ownerGroups': ['%s', 'x']}".formatted(owned,
                group)));
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'M', 'memberGroups': ['y', '%s']}".formatted(member,
                group)));
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'N', 'ownerGroups': ['%s-not']}".formatted(other,
                group)));

        List<String> found = jdbc.queryForList(OWNED, String.class, new String[]{group, "none"},
                new String[]{group, "none"});

        assertThat(found).containsExactly(member, owned).doesNotContain(other);
    }
}
