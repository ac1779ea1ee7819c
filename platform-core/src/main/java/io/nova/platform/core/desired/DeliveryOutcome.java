package io.nova.platform.core.desired;

import java.util.List;

import io.nova.platform.core.cluster.DeliveryMode;

/**
 * What a reconcile did, or a plan would do, for one cluster.
 *
 * @param applied  false for a plan
 * @param revision the Git commit made (GitOps), else null
 * @param problems what could not be delivered (for example an object owned by someone else, or Vault sealed)
 * @param secrets  what was (or, for a plan, would be) created, changed or removed in Vault, never a secret
 */
public record DeliveryOutcome(String cluster, DeliveryMode deliveryMode, boolean applied, String revision,
                              List<PlannedChange> changes, List<String> problems, List<String> secrets) {

    public long count(String type) {
        return changes.stream().filter(c -> c.type().equals(type)).count();
    }
}
