package io.nova.platform.k8s.render;

import java.util.Map;
import java.util.TreeMap;

/** The labels that mark what the platform renders, and for whom. */
public final class Labels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "nova-platform";
    public static final String CLUSTER = "ml.nova.io/cluster";
    public static final String TENANT = "ml.nova.io/tenant";
    public static final String MODULE = "ml.nova.io/module";
    public static final String MODEL_DEPLOYMENT = "ml.nova.io/model-deployment";
    public static final String DEVICE_PLUGIN_CONFIG = "nvidia.com/device-plugin.config";
    public static final String MIG_CONFIG = "nvidia.com/mig.config";

    private Labels() {
    }

    public static Map<String, String> owned(String cluster) {
        var labels = new TreeMap<String, String>();
        labels.put(MANAGED_BY, MANAGER);
        labels.put(CLUSTER, cluster);
        return labels;
    }

    public static Map<String, String> tenant(String cluster, String tenant) {
        var labels = owned(cluster);
        labels.put(TENANT, tenant);
        return labels;
    }

    public static Map<String, String> module(String cluster, String tenant, String module) {
        var labels = tenant == null ? owned(cluster) : tenant(cluster, tenant);
        labels.put(MODULE, module);
        return labels;
    }
}
