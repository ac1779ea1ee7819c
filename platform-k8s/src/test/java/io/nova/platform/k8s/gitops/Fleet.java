package io.nova.platform.k8s.gitops;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A synthetic fleet laid out in a cluster's folder as the reconciler lays it out ({@code GitOpsLayout}): one folder per
 * tenant namespace ({@code nova-tenant-00042/configmap-object-07.yaml}), the tenants' Namespace files and the
 * cluster's own files under {@code _cluster/}, and a few more folders of the cluster's own.
 */
final class Fleet {

    static final List<String> CLUSTERS_OWN = List.of("_cluster/clusterrole-nova-tenant-admin.yaml",
            "_cluster/clusterrole-nova-tenant-viewer.yaml", "_cluster/mlinfrastructure-bench.yaml",
            "flux-system/gitrepository-nova-platform.yaml", "flux-system/kustomization-nova-platform.yaml",
            "gpu-operator/configmap-nova-device-plugin-config.yaml");

    private final int filesPerFolder;
    private final String filler;

    /** @param filesPerFolder files in each tenant's folder (each tenant has one more: its Namespace file) */
    Fleet(int filesPerFolder, int fillerLength) {
        this.filesPerFolder = filesPerFolder;
        this.filler = "x".repeat(fillerLength);
    }

    /** Every tenant's files at revision 1, and the cluster's own. */
    SortedMap<String, String> files(int tenants) {
        var files = new TreeMap<String, String>();
        for (int tenant = 0; tenant < tenants; tenant++) {
            files.putAll(tenantFiles(tenant, 1));
        }
        CLUSTERS_OWN.forEach(path -> files.put(path, "kind: Cluster\nname: " + path + "\n"));
        return files;
    }

    /** One tenant's files; the first two of its folder carry {@code revision}, the others are always the same. */
    SortedMap<String, String> tenantFiles(int tenant, int revision) {
        String namespace = namespace(tenant);
        var files = new TreeMap<String, String>();
        files.put(namespaceFile(tenant), yaml("Namespace", namespace, null, 1));
        for (int file = 0; file < filesPerFolder; file++) {
            String name = "object-%02d".formatted(file);
            files.put(namespace + "/configmap-" + name + ".yaml",
                    yaml("ConfigMap", name, namespace, file < 2 ? revision : 1));
        }
        return files;
    }

    static String namespace(int tenant) {
        return "nova-tenant-%05d".formatted(tenant);
    }

    static String namespaceFile(int tenant) {
        return "_cluster/namespace-" + namespace(tenant) + ".yaml";
    }

    /** The reconciler's scope for one tenant (its folder and its Namespace file) as a {@link PathScope}. */
    static PathScope scope(int tenant) {
        String namespace = namespace(tenant);
        return PathScope.of(predicate(tenant), folder -> {
            String top = folder.contains("/") ? folder.substring(0, folder.indexOf('/')) : folder;
            return top.equals(namespace) || top.equals("_cluster");
        });
    }

    /** The same scope as a plain predicate, which the repository has to ask about every file. */
    static Predicate<String> predicate(int tenant) {
        String folder = namespace(tenant) + "/";
        String namespaceFile = namespaceFile(tenant);
        return path -> path.startsWith(folder) || path.equals(namespaceFile);
    }

    private String yaml(String kind, String name, String namespace, int revision) {
        return """
                apiVersion: v1
                kind: %s
                metadata:
                  labels:
                    app.kubernetes.io/managed-by: nova-platform
                    ml.nova.io/cluster: bench
                  name: %s
                %sdata:
                  filler: %s
                  revision: "%d"
                """.formatted(kind, name, namespace == null ? "" : "  namespace: " + namespace + "\n", filler,
                revision);
    }
}
