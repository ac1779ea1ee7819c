package io.nova.platform.core.module.integration;

/**
 * The Service of a tool's release that its route sends browsers to.
 *
 * @param service the Service's name as the chart renders it for a release named after the module
 * @param port    the Service port (not the container port)
 */
public record ToolRoute(String service, int port) {

    public ToolRoute {
        if (service == null || service.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("a route needs a service name and a port between 1 and 65535");
        }
    }
}
