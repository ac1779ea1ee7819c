package io.nova.platform.k8s.operator;

import java.time.Duration;
import java.util.Objects;

import io.nova.platform.k8s.render.RenderSettings;

/**
 * How the operators of a cluster run.
 *
 * @param render                  the render settings, the same the platform renders with (so that an MLCluster's
 *                                expansion matches what the platform renders)
 * @param ingressDomain           base domain of the tools' web UIs (the platform's {@code nova.modules.ingress-domain})
 * @param resyncPeriod            how often the informers hand every object in again, which also corrects drift
 * @param workers                 threads per operator; different resources are reconciled in parallel, one resource
 *                                never twice at once
 * @param initialBackoff          the first retry delay after a failed reconcile; it doubles with every failure
 * @param maxBackoff              the cap of the retry delay
 * @param gpuOperatorPollInterval how often the MLInfrastructure operator looks at the GPU Operator's ClusterPolicy
 *                                again while it is not {@code ready}
 */
public record OperatorSettings(RenderSettings render, String ingressDomain, Duration resyncPeriod, int workers,
                               Duration initialBackoff, Duration maxBackoff, Duration gpuOperatorPollInterval) {

    public OperatorSettings {
        Objects.requireNonNull(render, "render");
        ingressDomain = ingressDomain == null || ingressDomain.isBlank()
                ? MLClusterExpander.DEFAULT_INGRESS_DOMAIN : ingressDomain;
        requirePositive(resyncPeriod, "resyncPeriod");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        requirePositive(gpuOperatorPollInterval, "gpuOperatorPollInterval");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must not be shorter than initialBackoff");
        }
    }

    /** Default render settings, resync every 10 minutes, 2 workers, retries from 0.5 s doubling up to 5 minutes. */
    public static OperatorSettings defaults() {
        return new OperatorSettings(RenderSettings.defaults(), null, Duration.ofMinutes(10), 2,
                Duration.ofMillis(500), Duration.ofMinutes(5), Duration.ofSeconds(30));
    }

    public OperatorSettings withRender(RenderSettings render, String ingressDomain) {
        return new OperatorSettings(render, ingressDomain, resyncPeriod, workers, initialBackoff, maxBackoff,
                gpuOperatorPollInterval);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + duration);
        }
    }
}
