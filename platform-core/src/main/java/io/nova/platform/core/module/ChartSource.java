package io.nova.platform.core.module;

/**
 * Where a module's Helm chart comes from.
 *
 * @param type  HELM for a classic Helm repository, OCI for a chart in an OCI registry
 * @param url   HELM: the repository URL; OCI: the full {@code oci://} reference of the chart
 * @param chart the chart's name
 */
public record ChartSource(ChartSourceType type, String url, String chart) {
}
