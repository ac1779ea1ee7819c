package io.nova.platform.app.api.tenant;

import java.util.List;
import java.util.UUID;

import io.nova.platform.app.support.Api;
import io.nova.platform.app.support.OidcApiTest;
import org.junit.jupiter.api.Test;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Member groups, suspension and the tenant fields only platform admins set, over REST with real tokens from a real
 * OIDC provider (Spring Authorization Server).
 */
class TenantMembersApiTest extends OidcApiTest {

    private final String suffix = UUID.randomUUID().toString().substring(0, 6);

    private Api admin() {
        return api.bearer(IDP.token("admin-bot"));
    }

    private Api withGroups(String client, List<String> groups) {
        IDP.registerClient(client, groups);
        return api.bearer(IDP.token(client));
    }

    private String tenant(String body) {
        String slug = "members-" + UUID.randomUUID().toString().substring(0, 6);
        var created = admin().post("/tenants", json("{'slug': '%s', 'displayName': 'M', %s}".formatted(slug, body)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return slug;
    }

    @Test
    void a_member_reads_the_tenant_and_its_modules_but_changes_nothing() {
        String slug = tenant("'ownerGroups': ['owners-%1$s'], 'memberGroups': ['users-%1$s']".formatted(suffix));
        assertThat(admin().put("/tenants/%s/modules/jupyterhub".formatted(slug), json("{'enabled': true}")).status())
                .isEqualTo(201);
        Api member = withGroups("member-" + suffix, List.of("users-" + suffix));

        assertThat(member.get("/tenants/" + slug).body().at("/memberGroups/0").asString()).isEqualTo("users-" + suffix);
        assertThat(member.get("/tenants/%s/modules/jupyterhub".formatted(slug)).status()).isEqualTo(200);
        assertThat(member.get("/tenants?size=200").body().toString()).contains(slug);
        var change = member.put("/tenants/%s/modules/jupyterhub".formatted(slug), json("{'enabled': false}"));
        assertThat(change.status()).as(change.toString()).isEqualTo(403);
        assertThat(change.text("detail")).contains("members may read it only");
        assertThat(admin().get("/tenants/%s/modules/jupyterhub".formatted(slug)).body().path("enabled").asBoolean())
                .isTrue();
    }

    @Test
    void owners_of_a_suspended_tenant_may_not_change_its_modules_until_it_is_resumed() {
        String slug = tenant("'ownerGroups': ['owners-%s']".formatted(suffix));
        Api owner = withGroups("owner-" + suffix, List.of("owners-" + suffix));
        assertThat(admin().put("/tenants/" + slug, json("{'displayName': 'M', 'ownerGroups': ['owners-%s'], 'state': 'SUSPENDED'}"
                .formatted(suffix))).status()).isEqualTo(200);

        var refused = owner.put("/tenants/%s/modules/minio".formatted(slug), json("{'enabled': true}"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.text("detail")).contains("suspended");
        assertThat(owner.get("/tenants/%s/modules/minio".formatted(slug)).status()).isEqualTo(404);

        assertThat(admin().put("/tenants/" + slug, json("{'displayName': 'M', 'ownerGroups': ['owners-%s'], 'state': 'ACTIVE'}"
                .formatted(suffix))).status()).isEqualTo(200);
        assertThat(owner.put("/tenants/%s/modules/minio".formatted(slug), json("{'enabled': true}")).status())
                .isEqualTo(201);
    }

    @Test
    void groups_everyone_has_are_refused_as_owners_or_members() {
        var owners = admin().post("/tenants", json("{'slug': 'everyone-%s', 'displayName': 'E', 'ownerGroups': ['system:authenticated']}"
                .formatted(suffix)));
        var members = admin().post("/tenants", json("{'slug': 'everyone-%s', 'displayName': 'E', 'memberGroups': ['*']}"
                .formatted(suffix)));

        assertThat(owners.status()).isEqualTo(422);
        assertThat(owners.errorFields()).containsExactly("ownerGroups[0]");
        assertThat(members.status()).isEqualTo(422);
        assertThat(members.errorFields()).containsExactly("memberGroups[0]");
        assertThat(admin().get("/tenants/everyone-" + suffix).status()).isEqualTo(404);
    }

    @Test
    void extra_egress_ranges_are_checked_and_stored() {
        var metadata = admin().post("/tenants", json("{'slug': 'egress-%s', 'displayName': 'E', 'egressCidrs': ['10.20.0.0/16', '169.254.169.254/32']}"
                .formatted(suffix)));
        assertThat(metadata.status()).isEqualTo(422);
        assertThat(metadata.errorFields()).containsExactly("egressCidrs[1]");

        String slug = tenant("'egressCidrs': ['10.20.0.0/16']");
        assertThat(admin().get("/tenants/" + slug).body().at("/egressCidrs/0").asString()).isEqualTo("10.20.0.0/16");
    }
}
