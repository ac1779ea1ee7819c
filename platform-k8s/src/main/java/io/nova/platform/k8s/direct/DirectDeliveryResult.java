package io.nova.platform.k8s.direct;

import java.util.List;

import io.nova.platform.k8s.delivery.DeliveryReport;

/**
 * What a direct delivery did (or, for a plan, would do), and what it could not do.
 *
 * @param report   the creations, updates and deletions made (apply) or due (plan), in the order they happen
 * @param problems one sentence per object left alone, starting with its id: objects that exist without our ownership
 *                 labels, kinds that are not managed, failed API calls. The other objects were still delivered.
 */
public record DirectDeliveryResult(DeliveryReport report, List<String> problems) {

    public DirectDeliveryResult {
        problems = List.copyOf(problems);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
