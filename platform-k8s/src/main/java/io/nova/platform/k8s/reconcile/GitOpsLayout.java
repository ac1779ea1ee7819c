package io.nova.platform.k8s.reconcile;

import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nova.platform.k8s.delivery.CanonicalYaml;

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

    static String path(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return (namespace == null ? CLUSTER_SCOPED : namespace) + "/"
                + object.getKind().toLowerCase(Locale.ROOT) + "-" + object.getMetadata().getName() + ".yaml";
    }
}
