package io.nova.platform.core.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The role rules, in one place and enforced by the core services (so the console and the REST API get the same):
 * {@code platform-admin} may do everything; {@code viewer} may read everything; a tenant admin (a member of one of a
 * tenant's owner groups) may read that tenant and change its module installs; a tenant member may read it. The
 * platform's shared things (clusters, pools, cluster components) are read by admins, viewers and the owners and
 * members of some tenant, not by any signed-in account. The platform's own background work runs as the
 * {@linkplain SystemCaller system caller}; a call with no caller at all is refused (fail closed).
 */
@Component
@EnableConfigurationProperties(AccessProperties.class)
public class AccessControl {

    private final CurrentCaller currentCaller;
    private final AccessProperties properties;
    private final TenantGroups tenantGroups;

    @Autowired
    public AccessControl(CurrentCaller currentCaller, AccessProperties properties,
                         ObjectProvider<TenantGroups> tenantGroups) {
        this(currentCaller, properties, tenantGroups.getIfAvailable(() -> groups -> false));
    }

    public AccessControl(CurrentCaller currentCaller, AccessProperties properties, TenantGroups tenantGroups) {
        this.currentCaller = currentCaller;
        this.properties = properties;
        this.tenantGroups = tenantGroups;
    }

    private Optional<Caller> caller() {
        return SystemCaller.current().or(currentCaller::get);
    }

    private Caller required() {
        return caller().orElseThrow(() -> new ForbiddenException(
                "No signed-in caller: the platform refuses calls it cannot attribute to anyone"));
    }

    /** The caller's roles: {@code platform-admin}, {@code viewer}; none without a caller. */
    public List<String> roles() {
        return caller().map(c -> {
            var roles = new ArrayList<String>();
            if (isAdmin(c)) {
                roles.add("platform-admin");
            }
            if (isViewer(c)) {
                roles.add("viewer");
            }
            return List.copyOf(roles);
        }).orElse(List.of());
    }

    public Optional<Caller> current() {
        return caller();
    }

    public boolean isAdmin() {
        return caller().map(this::isAdmin).orElse(false);
    }

    private boolean isAdmin(Caller caller) {
        return caller.system() || caller.localAdmin() || intersects(caller.groups(), properties.adminGroups());
    }

    private boolean isViewer(Caller caller) {
        return intersects(caller.groups(), properties.viewerGroups());
    }

    /** Admins and viewers see every tenant; everyone else only the tenants of their groups. */
    public boolean seesAllTenants() {
        return caller().map(c -> isAdmin(c) || isViewer(c)).orElse(false);
    }

    /** The caller's groups, for filtering lists to the tenants it owns. */
    public Set<String> groups() {
        return caller().map(Caller::groups).orElse(Set.of());
    }

    public void requireAdmin(String action) {
        if (!isAdmin(required())) {
            throw new ForbiddenException("Only platform admins may %s".formatted(action));
        }
    }

    /**
     * Reading the platform's shared things (clusters, pools, cluster components): admins, viewers, and the owners and
     * members of some tenant. A group that is no tenant's gives nothing.
     */
    public void requireAnyRole() {
        Caller c = required();
        if (!isAdmin(c) && !isViewer(c) && (c.groups().isEmpty() || !tenantGroups.anyTenantHas(c.groups()))) {
            throw new ForbiddenException("Your account has no role on this platform");
        }
    }

    /** Reading everything (the audit log): admins and viewers. */
    public void requireAdminOrViewer(String what) {
        Caller c = required();
        if (!isAdmin(c) && !isViewer(c)) {
            throw new ForbiddenException("Only platform admins and viewers may read %s".formatted(what));
        }
    }

    public void requireTenantRead(String tenant, Collection<String> ownerGroups) {
        requireTenantRead(tenant, ownerGroups, List.of());
    }

    /** Reading a tenant: admins, viewers, its owners and its members. */
    public void requireTenantRead(String tenant, Collection<String> ownerGroups, Collection<String> memberGroups) {
        Caller c = required();
        if (!isAdmin(c) && !isViewer(c) && !intersects(c.groups(), ownerGroups)
                && !intersects(c.groups(), memberGroups)) {
            throw new ForbiddenException("You are not an admin or member of tenant '%s'".formatted(tenant));
        }
    }

    /** Whether the caller may change a tenant with these owner groups (admins and its owners). */
    public boolean mayWriteTenant(Collection<String> ownerGroups) {
        return caller().map(c -> isAdmin(c) || intersects(c.groups(), ownerGroups)).orElse(false);
    }

    public void requireTenantWrite(String tenant, Collection<String> ownerGroups) {
        Caller c = required();
        if (!isAdmin(c) && !intersects(c.groups(), ownerGroups)) {
            throw new ForbiddenException(isViewer(c) ? "Viewers may not change anything"
                    : "You are not an admin of tenant '%s'; members may read it only".formatted(tenant));
        }
    }

    private static boolean intersects(Collection<String> a, Collection<String> b) {
        return a.stream().anyMatch(b::contains);
    }
}
