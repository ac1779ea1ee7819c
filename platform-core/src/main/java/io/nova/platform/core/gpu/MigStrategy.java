package io.nova.platform.core.gpu;

/**
 * The GPU Operator's MIG strategy. Lower-case because the operator's value is lower-case.
 * {@code single}: every GPU of a node carries one profile and is advertised as {@code nvidia.com/gpu};
 * {@code mixed}: each profile is its own resource {@code nvidia.com/mig-<profile>}.
 */
public enum MigStrategy {
    single, mixed
}
