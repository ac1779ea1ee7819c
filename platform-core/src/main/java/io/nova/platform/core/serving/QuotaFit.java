package io.nova.platform.core.serving;

/** Where a planned deployment's GPUs come from when the cluster runs Kueue. */
public enum QuotaFit {
    /** Within the tenant's guarantee: no other tenant can take them back. */
    GUARANTEED,
    /**
     * Partly above the guarantee, on other tenants' idle guaranteed GPUs: admitted only while they are idle, and
     * preempted when their owners reclaim them.
     */
    BORROWED
}
