package io.nova.platform.k8s.reconcile;

import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nova.platform.k8s.delivery.CanonicalYaml;
import io.nova.platform.k8s.gitops.PathScope;

/**
 * Where each object lives in a cluster's GitOps folder: {@code <namespace>/<kind>-<name>.yaml}, cluster-scoped
 * objects under {@code _cluster/}. One file per object, so a change touches only the files of what changed.
 */
final class GitOpsLayout {

    static final String CLUSTER_SCOPED = "_cluster";

    private GitOpsLayout() {
    }

    static SortedMap<String, String> files(List<HasMetadata> objects) {
        var files = new TreeMap<String, String>();
        objects.forEach(o -> files.put(path(o), CanonicalYaml.of(o)));
        return files;
    }

    /** The same files, each written out only when asked for (a plan needs the text of few new files). */
    static SortedMap<String, Supplier<String>> lazyFiles(List<HasMetadata> objects) {
        var files = new TreeMap<String, Supplier<String>>();
        objects.forEach(o -> files.put(path(o), () -> CanonicalYaml.of(o)));
        return files;
    }

    /**
     * The paths of a partial delivery: the folders and Namespace files of the given tenant namespaces, and, with
     * {@code cluster}, every path that belongs to no tenant ({@code allTenants}: every tenant namespace the folder may
     * hold). It also rules out the folders of the other tenants, so that the repository does not read them.
     */
    static PathScope scope(java.util.Collection<String> tenants, boolean cluster,
                           java.util.Collection<String> allTenants) {
        var selected = java.util.Set.copyOf(tenants);
        var all = new java.util.HashSet<>(allTenants);
        all.addAll(selected);
        return PathScope.of(path -> {
            String tenant = tenantOf(path, all);
            return tenant != null ? selected.contains(tenant) : cluster;
        }, folder -> {
            int slash = folder.indexOf('/');
            String top = slash < 0 ? folder : folder.substring(0, slash);
            if (all.contains(top)) {
                return selected.contains(top);
            }
            // _cluster/ holds the tenants' Namespace files too, but only directly, not in subfolders
            return cluster || slash < 0 && top.equals(CLUSTER_SCOPED) && !selected.isEmpty();
        });
    }

    /** The tenant namespace a path belongs to (its folder, or its Namespace file), or null. */
    private static String tenantOf(String path, java.util.Set<String> tenantNamespaces) {
        int slash = path.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String first = path.substring(0, slash);
        if (tenantNamespaces.contains(first)) {
            return first;
        }
        // a tenant's cluster-scoped objects are named after its namespace: its Namespace and its Kueue ClusterQueue
        for (String kind : List.of("namespace", "clusterqueue")) {
            String prefix = CLUSTER_SCOPED + "/" + kind + "-";
            if (path.startsWith(prefix) && path.endsWith(".yaml")) {
                String name = path.substring(prefix.length(), path.length() - ".yaml".length());
                return tenantNamespaces.contains(name) ? name : null;
            }
        }
        return null;
    }

    static String path(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return (namespace == null ? CLUSTER_SCOPED : namespace) + "/"
                + object.getKind().toLowerCase(Locale.ROOT) + "-" + object.getMetadata().getName() + ".yaml";
    }
}
