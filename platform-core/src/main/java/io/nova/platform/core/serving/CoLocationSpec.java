package io.nova.platform.core.serving;

import java.util.List;

/**
 * Body of a co-location plan: models to run together on one time-sliced pool. A deployment's own {@code pool} may be
 * left out; its {@code gpuShare} may be given to check a share, or left out to get the smallest that fits.
 */
public record CoLocationSpec(String pool, List<ModelDeploymentSpec> deployments) {
}
