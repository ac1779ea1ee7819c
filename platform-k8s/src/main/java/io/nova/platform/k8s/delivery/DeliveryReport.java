package io.nova.platform.k8s.delivery;

import java.util.List;

/**
 * What a delivery did (or, for a plan, would do).
 *
 * @param revision   the Git commit made, or null (direct delivery, a plan, or nothing changed)
 * @param treeBefore the id of the Git folder's tree the delivery started from, or null (direct delivery, a plan)
 * @param treeAfter  the id of the Git folder's tree it left
 */
public record DeliveryReport(List<ObjectChange> changes, String revision, String treeBefore, String treeAfter) {

    public DeliveryReport {
        changes = List.copyOf(changes);
    }

    public DeliveryReport(List<ObjectChange> changes, String revision) {
        this(changes, revision, null, null);
    }

    public static DeliveryReport nothing() {
        return new DeliveryReport(List.of(), null);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public long count(ChangeType type) {
        return changes.stream().filter(c -> c.type() == type).count();
    }
}
