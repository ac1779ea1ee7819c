package io.nova.platform.k8s.direct;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nova.platform.k8s.render.Labels;

/**
 * Which of the objects the platform owns on a cluster a delivery covers, and so may prune: everything, or the
 * cluster's own objects (those without a {@value Labels#TENANT} label) and/or the objects of some tenants (by that
 * label). A partial delivery lists only these objects, with label selectors, so delivering one tenant of 10,000 reads
 * that tenant's objects, not the fleet's.
 *
 * @param all     every owned object, whatever its labels
 * @param cluster the cluster's own objects (ignored when {@code all})
 * @param tenants the tenants whose objects are covered, by slug (empty when {@code all})
 */
public record DirectScope(boolean all, boolean cluster, SortedSet<String> tenants) {

    /** How many tenants one label selector names at most, so that list URLs stay short. */
    static final int TENANTS_PER_SELECTOR = 50;

    private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final DirectScope EVERYTHING = new DirectScope(true, true, new TreeSet<>());

    public DirectScope {
        tenants = Collections.unmodifiableSortedSet(new TreeSet<>(tenants));
        if (all && !tenants.isEmpty()) {
            throw new IllegalArgumentException("A scope of everything names no tenants");
        }
        for (String tenant : tenants) {
            if (tenant == null || !LABEL_VALUE.matcher(tenant).matches()) {
                throw new IllegalArgumentException("Not a tenant slug usable in a label selector: " + tenant);
            }
        }
    }

    /** Every object the platform owns on the cluster: a whole delivery. */
    public static DirectScope everything() {
        return EVERYTHING;
    }

    /** The cluster's own objects when {@code cluster}, and those of {@code tenants}. */
    public static DirectScope of(boolean cluster, Collection<String> tenants) {
        return new DirectScope(false, cluster, new TreeSet<>(tenants));
    }

    /** Whether an owned object lies in this scope: the safety net behind the label selectors. */
    public boolean includes(HasMetadata object) {
        if (all) {
            return true;
        }
        Map<String, String> labels = object.getMetadata() == null ? null : object.getMetadata().getLabels();
        String tenant = labels == null ? null : labels.get(Labels.TENANT);
        return tenant != null ? tenants.contains(tenant) : cluster;
    }

    /** The label selectors, besides the ownership labels, whose lists together hold exactly this scope's objects. */
    List<Selector> selectors() {
        if (all) {
            return List.of(Selector.ANY);
        }
        var selectors = new ArrayList<Selector>();
        if (cluster) {
            selectors.add(Selector.NO_TENANT);
        }
        List<String> slugs = List.copyOf(tenants);
        for (int from = 0; from < slugs.size(); from += TENANTS_PER_SELECTOR) {
            int to = Math.min(from + TENANTS_PER_SELECTOR, slugs.size());
            selectors.add(new Selector(false, slugs.subList(from, to)));
        }
        return selectors;
    }

    /**
     * One list's selector on the tenant label: none ({@link #ANY}), "has no tenant label", or "tenant label in".
     */
    record Selector(boolean withoutTenant, List<String> tenantIn) {

        static final Selector ANY = new Selector(false, List.of());
        static final Selector NO_TENANT = new Selector(true, List.of());
    }
}
