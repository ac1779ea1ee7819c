package io.nova.platform.core.tenant;

/** A row of {@link TenantRepository#revisionsOfCluster}. */
interface TenantRevisionRow {

    String getSlug();

    String getNamespace();

    long getRevision();
}
