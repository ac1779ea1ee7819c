package io.nova.platform.core.reconcile;

/**
 * @param resyncBatch    clean units a drift-checking reconcile takes, round robin
 * @param partSize       tenants rendered and delivered together: a reconcile of more goes in parts of this size, so
 *                       that memory holds one part, never the fleet
 * @param unsettledBatch tenants whose tools have not reported ready, observed again by each reconcile
 */
public record ReconcileSettings(int resyncBatch, int partSize, int unsettledBatch) {

    public static final ReconcileSettings DEFAULTS = new ReconcileSettings(200, 500, 200);

    public ReconcileSettings {
        if (resyncBatch < 1 || partSize < 1 || unsettledBatch < 0) {
            throw new IllegalArgumentException("reconcile settings out of range: resync batch %d, part size %d, "
                    .formatted(resyncBatch, partSize) + "unsettled batch " + unsettledBatch);
        }
    }
}
