package io.nova.platform.core.desired;

/**
 * One object a reconcile creates, changes or deletes.
 *
 * @param type CREATE, UPDATE or DELETE
 * @param id   {@code Kind namespace/name}, or the file path in GitOps mode
 * @param diff a unified diff of the YAML before and after
 */
public record PlannedChange(String type, String id, String diff) {
}
