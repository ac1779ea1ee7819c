package io.nova.platform.core.reconcile;

import java.util.List;

/**
 * What one delivery is about, for the people who read a GitOps repository's history: a first line, one line per change
 * people asked for (from the audit log), the ids of those audit events, and who asked, when it was one person.
 *
 * @param summary  the first line
 * @param details  one line per change, with who asked and the audit event's id
 * @param auditIds the audit events the delivery carries out
 * @param author   the one person whose changes these are; null for several, or none (a resync, a drift repair)
 */
public record ChangeNote(String summary, List<String> details, List<Long> auditIds, String author) {

    public ChangeNote {
        details = List.copyOf(details);
        auditIds = List.copyOf(auditIds);
    }

    /** A delivery nobody asked for in the audit log. */
    public static ChangeNote of(String summary) {
        return new ChangeNote(summary, List.of(), List.of(), null);
    }
}
