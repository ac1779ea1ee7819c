package io.nova.platform.k8s.delivery;

import java.util.List;

/**
 * What a delivery did (or, for a plan, would do).
 *
 * @param revision the Git commit made, or null (direct delivery, a plan, or nothing changed)
 */
public record DeliveryReport(List<ObjectChange> changes, String revision) {

    public DeliveryReport {
        changes = List.copyOf(changes);
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
