package io.nova.platform.k8s.delivery;

/**
 * One object (or, for GitOps, one file) that a delivery creates, changes or deletes.
 *
 * @param id     {@code Kind namespace/name} for objects ({@code Kind name} when cluster-scoped), the path for files
 * @param before canonical YAML as it is now, null for a creation
 * @param after  canonical YAML as it will be, null for a deletion
 */
public record ObjectChange(ChangeType type, String id, String before, String after) {

    /** A unified-style line diff of before and after, for plans and commit messages. */
    public String diff() {
        return LineDiff.unified(id, before, after);
    }
}
