package io.nova.platform.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The role rules without a web layer: fail closed, the system caller, and which groups may read shared things. */
class AccessControlTest {

    private final AtomicReference<Caller> caller = new AtomicReference<>();
    private final AccessControl access = new AccessControl(() -> Optional.ofNullable(caller.get()),
            new AccessProperties(List.of("platform-admins"), List.of("platform-viewers")),
            groups -> groups.contains("team-a-users"));

    @Test
    void no_caller_is_refused_everything_and_is_no_admin() {
        assertThatThrownBy(() -> access.requireAdmin("do anything")).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("No signed-in caller");
        assertThatThrownBy(access::requireAnyRole).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> access.requireAdminOrViewer("the audit log")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> access.requireTenantRead("a", List.of("team-a-admins")))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> access.requireTenantWrite("a", List.of("team-a-admins")))
                .isInstanceOf(ForbiddenException.class);
        assertThat(access.isAdmin()).isFalse();
        assertThat(access.seesAllTenants()).isFalse();
        assertThat(access.roles()).isEmpty();
    }

    @Test
    void the_platforms_own_work_runs_as_the_system_with_an_admins_rights_only_inside_its_block() {
        SystemCaller.run("reconcile", () -> {
            access.requireAdmin("reconcile");
            assertThat(access.isAdmin()).isTrue();
            assertThat(access.current()).get().extracting(Caller::actor).isEqualTo("system");
        });

        assertThat(access.isAdmin()).isFalse();
        assertThat(SystemCaller.current()).isEmpty();
    }

    @Test
    void a_group_that_is_no_tenants_gives_no_read_access_to_shared_things() {
        caller.set(new Caller("eve", null, Set.of("employees"), false));
        assertThatThrownBy(access::requireAnyRole).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("no role");

        caller.set(new Caller("bob", null, Set.of("employees", "team-a-users"), false));
        access.requireAnyRole();
        assertThat(access.seesAllTenants()).isFalse();

        caller.set(new Caller("vera", null, Set.of("platform-viewers"), false));
        access.requireAnyRole();
        assertThat(access.seesAllTenants()).isTrue();
    }
}
