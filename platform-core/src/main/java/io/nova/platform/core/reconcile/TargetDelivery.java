package io.nova.platform.core.reconcile;

import java.util.List;

import io.nova.platform.core.desired.PlannedChange;

/**
 * What a delivery target did (or, for a plan, would do) with the objects of one delivery.
 *
 * @param revision the Git commit made, if any
 * @param problems what could not be delivered; the units of a delivery with problems stay dirty
 * @param before   the target's {@link DeliveryTarget#version() version} when the delivery began, null where it cannot
 *                 tell or for a plan
 * @param after    its version when the delivery was done
 */
public record TargetDelivery(String revision, List<PlannedChange> changes, List<String> problems, String before,
                             String after) {

    /** A delivery to a target that cannot tell its version. */
    public TargetDelivery(String revision, List<PlannedChange> changes, List<String> problems) {
        this(revision, changes, problems, null, null);
    }
}
