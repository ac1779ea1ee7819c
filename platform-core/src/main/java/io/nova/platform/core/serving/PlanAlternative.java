package io.nova.platform.core.serving;

/**
 * A change that makes a rejected request fit, found by planning again with it.
 *
 * @param field the request field to change ({@code precision}, {@code maxContext}, {@code concurrentSequences},
 *              {@code replicas}) or {@code pool.nodeCount} for a bigger pool
 * @param value the value that fits
 */
public record PlanAlternative(String field, String value, String description) {
}
