package io.nova.platform.core.identity;

import java.util.List;
import java.util.Map;

/**
 * What provisioning did (or, for a plan, would do) for one tenant.
 *
 * @param actions  one line per change, e.g. {@code create OIDC client nova-team-a.mlflow}; never a secret
 * @param failures module key to what went wrong for it (e.g. its client could not be written)
 * @param error    what stopped provisioning for the whole tenant (Vault down, sealed, forbidden), or null
 */
public record ProvisioningReport(String tenant, List<String> actions, Map<String, String> failures, String error) {

    public ProvisioningReport {
        actions = List.copyOf(actions);
        failures = Map.copyOf(failures);
    }

    public static ProvisioningReport failed(String tenant, String error) {
        return new ProvisioningReport(tenant, List.of(), Map.of(), error);
    }

    public boolean ok() {
        return error == null && failures.isEmpty();
    }
}
