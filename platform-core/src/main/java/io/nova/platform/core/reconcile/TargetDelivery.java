package io.nova.platform.core.reconcile;

import java.util.List;

import io.nova.platform.core.desired.PlannedChange;

/**
 * What a delivery target did (or, for a plan, would do) with the objects of one delivery.
 *
 * @param revision the Git commit made, if any
 * @param problems what could not be delivered; the units of a delivery with problems stay dirty
 */
public record TargetDelivery(String revision, List<PlannedChange> changes, List<String> problems) {
}
