package io.nova.platform.app.status;

import java.util.List;
import java.util.Map;

import io.nova.platform.core.status.ComponentStatus;
import io.nova.platform.core.status.PlatformHealth;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/** StarVault from its health indicator (the same as {@code /actuator/health/vault}); single sign-on from settings. */
@Component
class IndicatorPlatformHealth implements PlatformHealth {

    private final HealthIndicator vault;
    private final String issuer;

    IndicatorPlatformHealth(@Qualifier("vaultHealthIndicator") HealthIndicator vault,
                            @Value("${nova.security.oidc.issuer-uri:}") String issuer) {
        this.vault = vault;
        this.issuer = issuer;
    }

    @Override
    public List<ComponentStatus> components() {
        return List.of(vault(), singleSignOn());
    }

    private ComponentStatus vault() {
        Health health = vault.health(true);
        Map<String, Object> details = health.getDetails();
        if (!Boolean.TRUE.equals(details.get("configured"))) {
            return new ComponentStatus("StarVault", false, false, "no OIDC clients or secrets are provisioned for the "
                    + "tools");
        }
        boolean up = Status.UP.equals(health.getStatus());
        String detail = up ? String.valueOf(details.get("address"))
                : details.get("address") + ": " + details.getOrDefault("reason", health.getStatus().getCode());
        return new ComponentStatus("StarVault", true, up, detail);
    }

    private ComponentStatus singleSignOn() {
        if (issuer == null || issuer.isBlank()) {
            return new ComponentStatus("Single sign-on", false, false, "development setup: local admin account");
        }
        return new ComponentStatus("Single sign-on", true, true, issuer);
    }
}
