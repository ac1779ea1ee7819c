package io.nova.platform.core.status;

/**
 * @param name       what people call it: "StarVault", "Single sign-on"
 * @param configured false when the platform runs without it (development setup)
 * @param healthy    reachable and usable; meaningless when not configured
 * @param detail     one line for a person: the address, or why it is unhealthy
 */
public record ComponentStatus(String name, boolean configured, boolean healthy, String detail) {
}
