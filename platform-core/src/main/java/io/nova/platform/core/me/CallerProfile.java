package io.nova.platform.core.me;

import java.util.List;

/**
 * Who the caller is and what it may do, for the console to show the right screens and for automation to check its
 * token.
 *
 * @param roles          {@code platform-admin}, {@code viewer}, and {@code tenant-admin} when it owns tenants
 * @param adminOfTenants the tenants whose module installs the caller may change
 */
public record CallerProfile(String subject, String name, String actor, List<String> groups, List<String> roles,
                            List<String> adminOfTenants, boolean developmentSetup) {

    public boolean platformAdmin() {
        return roles.contains("platform-admin");
    }

    /** Whether the caller may change this tenant's module installs. */
    public boolean administers(String tenant) {
        return platformAdmin() || adminOfTenants.contains(tenant);
    }
}
