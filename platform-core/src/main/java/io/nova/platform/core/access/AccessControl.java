package io.nova.platform.core.access;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The role rules, in one place and enforced by the core services (so the console and the REST API get the same):
 * {@code platform-admin} may do everything; {@code viewer} may read everything; a tenant admin (a member of one of a
 * tenant's owner groups) may read that tenant and change its module installs. Calls without a caller come from the
 * platform itself (reconciler, start-up) and are allowed.
 */
@Component
@EnableConfigurationProperties(AccessProperties.class)
public class AccessControl {

    private final CurrentCaller currentCaller;
    private final AccessProperties properties;

    public AccessControl(CurrentCaller currentCaller, AccessProperties properties) {
        this.currentCaller = currentCaller;
        this.properties = properties;
    }

    private Optional<Caller> caller() {
        return currentCaller.get();
    }

    /** The caller's roles: {@code platform-admin}, {@code viewer}, {@code tenant-admin} (of at least one group). */
    public java.util.List<String> roles() {
        return caller().map(c -> {
            var roles = new java.util.ArrayList<String>();
            if (isAdmin(c)) {
                roles.add("platform-admin");
            }
            if (isViewer(c)) {
                roles.add("viewer");
            }
            return java.util.List.copyOf(roles);
        }).orElse(java.util.List.of("platform-admin"));
    }

    public Optional<Caller> current() {
        return caller();
    }

    public boolean isAdmin() {
        return caller().map(this::isAdmin).orElse(true);
    }

    private boolean isAdmin(Caller caller) {
        return caller.localAdmin() || intersects(caller.groups(), properties.adminGroups());
    }

    private boolean isViewer(Caller caller) {
        return intersects(caller.groups(), properties.viewerGroups());
    }

    /** Admins and viewers see every tenant; everyone else only the tenants of their groups. */
    public boolean seesAllTenants() {
        return caller().map(c -> isAdmin(c) || isViewer(c)).orElse(true);
    }

    /** The caller's groups, for filtering lists to the tenants it owns. */
    public Set<String> groups() {
        return caller().map(Caller::groups).orElse(Set.of());
    }

    public void requireAdmin(String action) {
        caller().ifPresent(c -> {
            if (!isAdmin(c)) {
                throw new ForbiddenException("Only platform admins may %s".formatted(action));
            }
        });
    }

    /** Reading platform-wide things (clusters, pools, catalogs): any role. */
    public void requireAnyRole() {
        caller().ifPresent(c -> {
            if (!isAdmin(c) && !isViewer(c) && c.groups().isEmpty()) {
                throw new ForbiddenException("Your account has no role on this platform");
            }
        });
    }

    /** Reading everything (the audit log): admins and viewers. */
    public void requireAdminOrViewer(String what) {
        caller().ifPresent(c -> {
            if (!isAdmin(c) && !isViewer(c)) {
                throw new ForbiddenException("Only platform admins and viewers may read %s".formatted(what));
            }
        });
    }

    public void requireTenantRead(String tenant, Collection<String> ownerGroups) {
        requireTenantRead(tenant, ownerGroups, java.util.List.of());
    }

    /** Reading a tenant: admins, viewers, its owners and its members. */
    public void requireTenantRead(String tenant, Collection<String> ownerGroups, Collection<String> memberGroups) {
        caller().ifPresent(c -> {
            if (!isAdmin(c) && !isViewer(c) && !intersects(c.groups(), ownerGroups)
                    && !intersects(c.groups(), memberGroups)) {
                throw new ForbiddenException("You are not an admin or member of tenant '%s'".formatted(tenant));
            }
        });
    }

    public void requireTenantWrite(String tenant, Collection<String> ownerGroups) {
        caller().ifPresent(c -> {
            if (!isAdmin(c) && !intersects(c.groups(), ownerGroups)) {
                throw new ForbiddenException(isViewer(c) ? "Viewers may not change anything"
                        : "You are not an admin of tenant '%s'; members may read it only".formatted(tenant));
            }
        });
    }

    private static boolean intersects(Collection<String> a, Collection<String> b) {
        return a.stream().anyMatch(b::contains);
    }
}
