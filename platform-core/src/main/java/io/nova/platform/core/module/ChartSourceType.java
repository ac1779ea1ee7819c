package io.nova.platform.core.module;

/** How Flux fetches a chart: from a classic Helm repository or from an OCI registry. */
public enum ChartSourceType {
    HELM, OCI
}
