package io.nova.platform.core.tenant;

/** A row of {@link TenantRepository#digestsOfCluster}. */
interface TenantDigestRow {

    String getSlug();

    String getNamespace();

    String getDigest();
}
