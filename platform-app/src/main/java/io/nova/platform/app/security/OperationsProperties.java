package io.nova.platform.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the operations surface shows to anonymous callers. Unset, each follows the setup: public in the development
 * setup (no issuer), not public with an issuer. Metrics stay public on a separate management port
 * ({@code management.server.port}), which is not routed to users.
 *
 * @param publicMetrics whether {@code /actuator/prometheus} on the main port needs no login
 * @param apiExplorer   whether the Swagger UI is served (the OpenAPI document itself stays public)
 */
@ConfigurationProperties(prefix = "nova.operations")
public record OperationsProperties(Boolean publicMetrics, Boolean apiExplorer) {

    boolean publicMetrics(boolean production) {
        return publicMetrics != null ? publicMetrics : !production;
    }

    boolean apiExplorer(boolean production) {
        return apiExplorer != null ? apiExplorer : !production;
    }
}
