package io.nova.platform.core.gpu;

import java.util.List;
import java.util.Map;

/**
 * What tenants hold on a pool. Implemented where GPU quotas live, so that a pool change cannot shrink the pool
 * below what it has guaranteed and a pool in use cannot be deleted.
 */
public interface PoolCommitments {

    /** Sum of guarantees per resource name over all tenants; every resource some tenant has a quota for is a key. */
    Map<String, Long> guaranteed(GpuPool pool);

    /** {@link #guaranteed} for several pools in one go, keyed by pool name; pools nobody holds are absent. */
    Map<String, Map<String, Long>> guaranteedByPool(java.util.Collection<GpuPool> pools);

    /** The quotas that reference the pool, as targets such as {@code tenants/team-a/gpu-quotas/h100}. */
    List<String> holders(GpuPool pool);
}
