package io.nova.platform.k8s.render;

/** How the platform names its Kueue objects, for those that render them and those that read their status. */
public final class KueueNames {

    /** The Kueue CRDs' storage version. */
    public static final String API_VERSION = "kueue.x-k8s.io/v1beta2";
    private static final String POOL_FLAVOR = "nova-pool-";

    private KueueNames() {
    }

    /** The ResourceFlavor of a GPU pool. */
    public static String flavor(String pool) {
        return POOL_FLAVOR + pool;
    }

    /** The pool a ResourceFlavor stands for, or null for one that is not a pool's. */
    public static String poolOfFlavor(String flavor) {
        return flavor != null && flavor.startsWith(POOL_FLAVOR) ? flavor.substring(POOL_FLAVOR.length()) : null;
    }

    /** The cohort of a cluster's tenant queues. */
    public static String cohort(String cluster) {
        return "nova-" + cluster;
    }
}
