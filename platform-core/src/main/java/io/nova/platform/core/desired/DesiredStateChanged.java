package io.nova.platform.core.desired;

/** Published after a change that alters what a cluster should look like; the reconciler listens (after commit). */
public record DesiredStateChanged(String cluster) {
}
