package io.nova.platform.core.reconcile;

import java.util.Set;

/**
 * What one delivery may create, change and delete: the objects of some tenants, and those of the cluster itself. An
 * object of a known tenant outside {@code tenants} is never touched; an object that belongs to no known tenant (a
 * leftover of a tenant deleted while the platform was down, a file added by hand) counts as the cluster's own.
 *
 * @param cluster          the cluster's own objects are in scope
 * @param tenants          slugs of the tenants in scope (including removed ones, whose objects go)
 * @param namespaces       the namespaces of those tenants
 * @param knownTenants     slugs of every tenant the cluster has or had a moment ago
 * @param knownNamespaces  their namespaces
 * @param diffs            how many of the delivery's changes are wanted with their diff: a plan of a whole fleet shows
 *                         the first ones only, and need not write out the text of the others where it is not needed to
 *                         tell whether they change (files that do not exist yet)
 */
public record DeliveryScope(boolean cluster, Set<String> tenants, Set<String> namespaces, Set<String> knownTenants,
                            Set<String> knownNamespaces, int diffs) {

    /** A scope whose changes all come with their diffs. */
    public DeliveryScope(boolean cluster, Set<String> tenants, Set<String> namespaces, Set<String> knownTenants,
                         Set<String> knownNamespaces) {
        this(cluster, tenants, namespaces, knownTenants, knownNamespaces, Integer.MAX_VALUE);
    }

    public DeliveryScope {
        tenants = Set.copyOf(tenants);
        namespaces = Set.copyOf(namespaces);
        knownTenants = Set.copyOf(knownTenants);
        knownNamespaces = Set.copyOf(knownNamespaces);
        diffs = Math.max(0, diffs);
    }

    /** Whether everything the cluster holds is in scope. */
    public boolean everything() {
        return cluster && tenants.containsAll(knownTenants);
    }
}
