package io.nova.platform.core.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.identity.OidcClientRequest;
import io.nova.platform.core.identity.ProvisioningReport;
import io.nova.platform.core.identity.TenantIdentity;
import io.nova.platform.core.identity.TenantSecrets;
import io.nova.platform.core.module.ModulePhase;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.module.ModuleStatusReport;
import io.nova.platform.core.module.integration.GeneratedCredential;
import io.nova.platform.core.tenant.TenantSnapshot;
import io.nova.platform.core.tenant.TenantState;

/**
 * The reconcile step that makes Vault hold every tenant's OIDC clients, assignment, and per-tool policies and roles
 * (bound to the service accounts the catalog lists for the tool; none for a suspended tenant) before the objects
 * that reference them are delivered; and what its outcome means for the tools' status.
 */
public final class TenantSignOn {

    private final TenantSecrets secrets;

    public TenantSignOn(TenantSecrets secrets) {
        this.secrets = secrets;
    }

    /** Provisions (or only plans) each tenant; one tenant's failure does not stop the others. */
    Map<String, ProvisioningReport> provision(DesiredState state, boolean apply) {
        var reports = new LinkedHashMap<String, ProvisioningReport>();
        for (TenantSnapshot tenant : state.tenants()) {
            List<ModuleSnapshot> enabled = state.modulesOf(tenant.slug()).stream().filter(ModuleSnapshot::enabled)
                    .toList();
            List<OidcClientRequest> clients = enabled.stream()
                    .filter(m -> m.uiUrl() != null && m.module().integration().signOn().needsClient())
                    .map(m -> new OidcClientRequest(m.module().key(),
                            m.module().integration().signOn().redirectUris(m.uiUrl()),
                            m.module().tenancy().serviceAccounts()))
                    .toList();
            List<GeneratedCredential> credentials = enabled.stream()
                    .flatMap(m -> m.module().generatedCredentials().stream()).toList();
            // Members log in to the tools as well as owners: the OIDC assignment holds both.
            var groups = java.util.stream.Stream.concat(tenant.ownerGroups().stream(), tenant.memberGroups().stream())
                    .distinct().toList();
            var identity = new TenantIdentity(tenant.slug(), tenant.namespace(), groups, clients,
                    tenant.state() == TenantState.SUSPENDED, credentials);
            reports.put(tenant.slug(), apply && secrets.configured() ? secrets.provision(identity)
                    : secrets.plan(identity));
        }
        return reports;
    }

    /** What changed (or would change) in Vault, per tenant; never a secret. */
    List<String> actions(Map<String, ProvisioningReport> reports) {
        var actions = new ArrayList<String>();
        reports.values().forEach(report -> report.actions().forEach(action ->
                actions.add(report.tenant() + ": " + action)));
        return actions;
    }

    /** The tenants Vault failed for: they are not done, whatever Git or the cluster took. */
    java.util.Set<String> failed(Map<String, ProvisioningReport> reports) {
        var failed = new java.util.HashSet<String>();
        reports.values().forEach(report -> {
            if (secrets.configured() && report.error() != null || !report.failures().isEmpty()) {
                failed.add(report.tenant());
            }
        });
        return failed;
    }

    /** Vault's failures as the reconcile's problems. */
    List<String> problems(Map<String, ProvisioningReport> reports) {
        var problems = new ArrayList<String>();
        reports.values().forEach(report -> {
            if (secrets.configured() && report.error() != null) {
                problems.add("Vault, tenant %s: %s".formatted(report.tenant(), report.error()));
            }
            report.failures().forEach((module, failure) ->
                    problems.add("Vault, tenant %s, %s: %s".formatted(report.tenant(), module, failure)));
        });
        return problems;
    }

    /** An enabled tool with a web UI whose OIDC client could not be provisioned is DEGRADED, saying why. */
    List<ModuleStatusReport> decorate(List<ModuleStatusReport> statuses, DesiredState state,
                                      Map<String, ProvisioningReport> reports) {
        java.util.Set<String> withClients = new java.util.HashSet<>();
        state.modules().stream().filter(m -> m.enabled() && m.uiUrl() != null && m.tenant() != null
                        && m.module().integration().signOn().needsClient())
                .forEach(m -> withClients.add(m.tenant() + "/" + m.module().key()));
        return statuses.stream().map(status -> decorate(status, withClients, reports)).toList();
    }

    private ModuleStatusReport decorate(ModuleStatusReport status, java.util.Set<String> withClients,
                                        Map<String, ProvisioningReport> reports) {
        boolean needsClient = status.tenant() != null && withClients.contains(status.tenant() + "/" + status.module());
        if (!needsClient) {
            return status;
        }
        if (!secrets.configured()) {
            return new ModuleStatusReport(status.tenant(), status.module(), status.observedGeneration(),
                    status.phase(), status.message() + "; single sign-on not provisioned: Vault is not configured");
        }
        ProvisioningReport tenant = reports.get(status.tenant());
        String problem = tenant == null ? null
                : tenant.error() != null ? tenant.error() : tenant.failures().get(status.module());
        return problem == null ? status : new ModuleStatusReport(status.tenant(), status.module(),
                status.observedGeneration(), ModulePhase.DEGRADED, "Single sign-on: " + problem);
    }
}
